/**
 * `@herald/runtime/posthog-js`: a sink that captures events with posthog-js in the browser. It takes the
 * `posthog` instance you initialised (anything with posthog-js' `capture`), so this module imports nothing
 * from posthog-js.
 */
import { refusedDistinctId } from '../distinct-id.js'
import type { Sink, SinkContext, TelemetryEvent } from '../sink.js'

/** The options of posthog-js' `capture` that the sink sets. */
export interface PostHogJsCaptureOptions {
  $set?: Record<string, unknown>
  $set_once?: Record<string, unknown>
  timestamp?: Date
  uuid?: string
}

/** The part of posthog-js' `PostHog` the sink uses (posthog-js' own type is assignable to it). */
export interface PostHogJsClient {
  capture(event: string, properties?: Record<string, unknown> | null, options?: PostHogJsCaptureOptions): unknown
}

export interface PostHogBrowserSinkOptions {
  /**
   * Send an event's own distinct id (the catalog's `privacy.distinctId.property`) as its `distinct_id`
   * (default true). Events without one go out under posthog-js' current id, as its own captures do.
   */
  useEventDistinctId?: boolean | undefined
}

/**
 * Properties named `$set` and `$set_once` become capture options (person properties); `$groups` stays a
 * property, which posthog-js merges with the groups set by `posthog.group()`.
 */
export function posthogBrowserSink(posthog: PostHogJsClient, options: PostHogBrowserSinkOptions = {}): Sink {
  const useEventId = options.useEventDistinctId ?? true
  let context: SinkContext | undefined
  return {
    name: 'posthog-js',
    attach(given) {
      context = given
    },
    write(event: TelemetryEvent) {
      const distinctId = event.distinctId
      // The telemetry core refuses these before any sink; checked again for a sink written to directly.
      if (distinctId !== undefined && refusedDistinctId(distinctId) !== undefined) {
        const message = `Refused ${event.event}: its distinct id is an email address or a placeholder. Use an opaque id (user_id).`
        if (context) context.warn('email-distinct-id', message)
        else console.warn(`[herald] email-distinct-id: ${message}`)
        return
      }
      const { $set, $set_once, ...rest } = event.properties
      const properties: Record<string, unknown> = useEventId && distinctId !== undefined ? { ...rest, distinct_id: distinctId } : rest
      const captureOptions: PostHogJsCaptureOptions = { timestamp: new Date(event.timestamp) }
      if (isObject($set)) captureOptions.$set = $set
      if (isObject($set_once)) captureOptions.$set_once = $set_once
      if (event.id !== undefined) captureOptions.uuid = event.id
      posthog.capture(event.event, properties, captureOptions)
    },
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
