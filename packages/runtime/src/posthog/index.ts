/**
 * `@herald/runtime/posthog`: a sink that captures events with a posthog-node client. It takes the client
 * you created (any object with posthog-node's `capture`), so this module imports nothing from posthog-node.
 */
import { refusedBySink } from '../distinct-id.js'
import type { Sink, SinkContext, TelemetryEvent } from '../sink.js'

/** The part of posthog-node's `PostHog` client the sink uses. */
export interface PostHogClient {
  capture(message: {
    distinctId: string
    event: string
    properties?: Record<string, unknown>
    groups?: Record<string, string | number>
    timestamp?: Date
    uuid?: string
  }): void
  /** Used for the records of `identify`, `group` and `alias`; a client without them captures those as events. */
  identify?(message: { distinctId: string; properties?: Record<string, unknown> }): void
  groupIdentify?(message: { groupType: string; groupKey: string; properties?: Record<string, unknown> }): void
  alias?(message: { distinctId: string; alias: string }): void
  flush?(): Promise<unknown>
  shutdown?(): Promise<unknown> | unknown
}

export interface PostHogSinkOptions {
  /** The distinct id for events that carry none (they are sent without a person profile). Default `anonymous`. */
  anonymousDistinctId?: string | undefined
  /** Call `client.shutdown()` when the telemetry closes (default true). */
  shutdownOnClose?: boolean | undefined
}

/**
 * An event's groups go as `capture({ groups })`, which posthog-node sends as `$groups`.
 * The distinct id is the value of the catalog's `privacy.distinctId.property`. One that looks like an email,
 * or a placeholder such as `undefined`, is refused (the event is not sent) with a warning: distinct ids must
 * be opaque. The telemetry core refuses them before any sink; the sink checks again when written to directly.
 */
export function posthogSink(client: PostHogClient, options: PostHogSinkOptions = {}): Sink {
  const anonymous = options.anonymousDistinctId ?? 'anonymous'
  let context: SinkContext | undefined
  return {
    name: 'posthog',
    attach(given) {
      context = given
    },
    write(event: TelemetryEvent) {
      if (refusedBySink(event, context, 'looks like an email address or is a placeholder. Use an opaque id (user_id), or hash it in the catalog.')) return
      const distinctId = event.distinctId
      if (event.kind !== undefined && identityCall(client, event)) return
      client.capture({
        distinctId: distinctId ?? anonymous,
        event: event.event,
        properties: distinctId === undefined ? { ...event.properties, $process_person_profile: false } : event.properties,
        ...(event.groups !== undefined ? { groups: { ...event.groups } } : {}),
        timestamp: new Date(event.timestamp),
        ...(event.id !== undefined ? { uuid: event.id } : {}),
      })
    },
    async flush() {
      await client.flush?.()
    },
    async close() {
      if (options.shutdownOnClose ?? true) await client.shutdown?.()
      else await client.flush?.()
    },
  }
}

/** identify → `identify` with `$set`/`$set_once`, group → `groupIdentify`, alias → `alias`; false when the client lacks the call. */
function identityCall(client: PostHogClient, event: TelemetryEvent): boolean {
  const p = event.properties
  if (event.kind === 'identify' && client.identify && event.distinctId !== undefined) {
    client.identify({ distinctId: event.distinctId, properties: p })
    return true
  }
  if (event.kind === 'group' && client.groupIdentify) {
    client.groupIdentify({ groupType: String(p.$group_type), groupKey: String(p.$group_key), properties: p.$group_set as Record<string, unknown> })
    return true
  }
  if (event.kind === 'alias' && client.alias && event.distinctId !== undefined) {
    client.alias({ distinctId: event.distinctId, alias: String(p.alias) })
    return true
  }
  return false
}
