/** The app's one telemetry instance: PostHog for product analytics, the default logger for operators. */
import { attachDefaultLogger, createTelemetry, type Telemetry, type WarnHandler } from '@herald/runtime'
import { type PostHogClient, posthogSink } from '@herald/runtime/posthog'

export interface TelemetrySetup {
  posthog: PostHogClient
  /** Consent; absent, TELEMETRY_ENABLED decides (and DO_NOT_TRACK=1 always wins). */
  enabled?: boolean
  salt?: string
  env?: string
  onWarn?: WarnHandler
  /** Orgs that opted out of telemetry. */
  optedOutOrgs?: ReadonlySet<string>
}

export function setUpTelemetry(setup: TelemetrySetup): Telemetry {
  const optedOut = setup.optedOutOrgs ?? new Set<string>()
  const t = createTelemetry({
    sinks: [posthogSink(setup.posthog)],
    ...(setup.enabled !== undefined ? { enabled: setup.enabled } : {}),
    ...(setup.salt !== undefined ? { salt: setup.salt } : {}),
    ...(setup.env !== undefined ? { env: setup.env } : {}),
    ...(setup.onWarn !== undefined ? { onWarn: setup.onWarn } : {}),
    optOut: ({ properties }) => typeof properties.org_id === 'string' && optedOut.has(properties.org_id),
  })
  attachDefaultLogger(t, { level: 'warning', categories: ['security', 'mfa'] })
  return t
}
