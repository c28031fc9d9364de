/**
 * `@herald/runtime/segment`: a sink that sends events with Segment's analytics.js (`@segment/analytics-next`
 * or the snippet's `window.analytics`). It takes the instance you loaded, so this module imports nothing
 * from Segment.
 */
import { refusedBySink } from '../distinct-id.js'
import type { Sink, SinkContext, TelemetryEvent } from '../sink.js'

/** The options of analytics.js' `track` that the sink sets. */
export interface SegmentTrackOptions {
  timestamp?: Date
  /** Segment's common field for the account an event belongs to (B2B tools read `context.groupId`). */
  context?: { groupId?: string }
}

/** The part of analytics.js the sink uses (`AnalyticsBrowser` and the snippet's `analytics` both fit). */
export interface SegmentAnalytics {
  track(event: string, properties?: Record<string, unknown>, options?: SegmentTrackOptions): unknown
  /** Used for the records of `identify`, `group` and `alias`; an instance without them tracks those as events. */
  identify?(userId: string, traits?: Record<string, unknown>, options?: SegmentTrackOptions): unknown
  group?(groupId: string, traits?: Record<string, unknown>, options?: SegmentTrackOptions): unknown
  alias?(userId: string, previousId: string, options?: SegmentTrackOptions): unknown
}

/**
 * analytics.js takes the user from `analytics.identify(userId)`, not from a track call, so the event's
 * distinct id stays what it is in the catalog, a property (e.g. `user_id`); one that is refused (an email, a
 * placeholder) stops the event here as in the telemetry core.
 */
export function segmentSink(analytics: SegmentAnalytics): Sink {
  let context: SinkContext | undefined
  return {
    name: 'segment',
    attach(given) {
      context = given
    },
    write(event: TelemetryEvent) {
      if (refusedBySink(event, context, 'is an email address or a placeholder. Use an opaque id (user_id).')) return
      const trackOptions: SegmentTrackOptions = { timestamp: new Date(event.timestamp) }
      if (event.kind !== undefined) {
        const called = identityCall(analytics, event, trackOptions)
        if (called !== NOT_CALLED) return called as void
      }
      // analytics.js' track takes no groups: the event's groups go as the property `$groups` (which PostHog's
      // Segment destination reads), and an event of one group also as Segment's `context.groupId`: Segment has one
      // account per call, so with several group types none of them is picked.
      let properties = event.properties
      if (event.groups !== undefined) {
        properties = { ...properties, $groups: { ...event.groups } }
        const keys = Object.values(event.groups)
        if (keys.length === 1) trackOptions.context = { groupId: String(keys[0]) }
      }
      // analytics.js returns a promise; a rejection there is analytics.js' own, reported as a sink error.
      return analytics.track(event.event, properties, trackOptions) as void
    },
  }
}

const NOT_CALLED = Symbol('not called')

/**
 * identify → `identify(userId, traits)`, with `set` and `setOnce` merged (Segment has no set-once); group →
 * `group(groupId, traits)` with the group type as the trait `group_type` (Segment groups have no type); alias →
 * `alias(userId, previousId)`. NOT_CALLED when the instance lacks the call.
 */
function identityCall(analytics: SegmentAnalytics, event: TelemetryEvent, options: SegmentTrackOptions): unknown {
  const p = event.properties
  if (event.kind === 'identify' && analytics.identify && event.distinctId !== undefined) {
    return analytics.identify(event.distinctId, { ...asRecord(p.$set_once), ...asRecord(p.$set) }, options)
  }
  if (event.kind === 'group' && analytics.group) {
    return analytics.group(String(p.$group_key), { ...asRecord(p.$group_set), group_type: p.$group_type }, options)
  }
  if (event.kind === 'alias' && analytics.alias && event.distinctId !== undefined) {
    return analytics.alias(event.distinctId, String(p.alias), options)
  }
  return NOT_CALLED
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}
