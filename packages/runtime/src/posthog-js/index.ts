/**
 * `@herald/runtime/posthog-js`: a sink that captures events with posthog-js in the browser. It takes the
 * `posthog` instance you initialised (anything with posthog-js' `capture`), so this module imports nothing
 * from posthog-js.
 */
import { refusedBySink } from '../distinct-id.js'
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
  /** Used for the records of `identify`, `group` and `alias`; a client without them captures those as events. */
  identify?(distinctId?: string, userPropertiesToSet?: Record<string, unknown>, userPropertiesToSetOnce?: Record<string, unknown>): unknown
  group?(groupType: string, groupKey: string, groupPropertiesToSet?: Record<string, unknown>): unknown
  alias?(alias: string, original?: string): unknown
}

export interface PostHogBrowserSinkOptions {
  /**
   * Send an event's own distinct id (the catalog's `privacy.distinctId.property`) as its `distinct_id`
   * (default true). Events without one go out under posthog-js' current id, as its own captures do.
   */
  useEventDistinctId?: boolean | undefined
}

/**
 * Properties named `$set` and `$set_once` become capture options (person properties). An event's groups are
 * sent as the property `$groups` (with any `$groups` property it has), which posthog-js merges with the groups
 * set by `posthog.group()`, the event's own winning.
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
      if (refusedBySink(event, context, 'is an email address or a placeholder. Use an opaque id (user_id).')) return
      const distinctId = event.distinctId
      if (event.kind !== undefined && identityCall(posthog, event)) return
      const { $set, $set_once, ...rest } = event.properties
      const properties: Record<string, unknown> = useEventId && distinctId !== undefined ? { ...rest, distinct_id: distinctId } : rest
      if (event.groups !== undefined) properties.$groups = { ...(isObject(rest.$groups) ? rest.$groups : {}), ...event.groups }
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

/**
 * identify → `identify(id, $set, $set_once)`, which also makes later captures of this browser that person;
 * group → `group(type, key, props)`, which adds the group to later captures; alias → `alias(alias, id)`.
 * False when the instance lacks the call.
 */
function identityCall(posthog: PostHogJsClient, event: TelemetryEvent): boolean {
  const p = event.properties
  if (event.kind === 'identify' && posthog.identify && event.distinctId !== undefined) {
    posthog.identify(event.distinctId, isObject(p.$set) ? p.$set : undefined, isObject(p.$set_once) ? p.$set_once : undefined)
    return true
  }
  if (event.kind === 'group' && posthog.group) {
    posthog.group(String(p.$group_type), String(p.$group_key), isObject(p.$group_set) ? p.$group_set : undefined)
    return true
  }
  if (event.kind === 'alias' && posthog.alias && event.distinctId !== undefined) {
    posthog.alias(String(p.alias), event.distinctId)
    return true
  }
  return false
}
