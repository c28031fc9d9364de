/**
 * `@herald/runtime/segment`: a sink that sends events with Segment's analytics.js (`@segment/analytics-next`
 * or the snippet's `window.analytics`). It takes the instance you loaded, so this module imports nothing
 * from Segment.
 */
import { refusedDistinctId } from '../distinct-id.js'
import type { Sink, SinkContext, TelemetryEvent } from '../sink.js'

/** The options of analytics.js' `track` that the sink sets. */
export interface SegmentTrackOptions {
  timestamp?: Date
}

/** The part of analytics.js the sink uses (`AnalyticsBrowser` and the snippet's `analytics` both fit). */
export interface SegmentAnalytics {
  track(event: string, properties?: Record<string, unknown>, options?: SegmentTrackOptions): unknown
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
      const distinctId = event.distinctId
      // The telemetry core refuses these before any sink; checked again for a sink written to directly.
      if (distinctId !== undefined && refusedDistinctId(distinctId) !== undefined) {
        const message = `Refused ${event.event}: its distinct id is an email address or a placeholder. Use an opaque id (user_id).`
        if (context) context.warn('email-distinct-id', message)
        else console.warn(`[herald] email-distinct-id: ${message}`)
        return
      }
      const trackOptions: SegmentTrackOptions = { timestamp: new Date(event.timestamp) }
      // analytics.js returns a promise; a rejection there is analytics.js' own, reported as a sink error.
      return analytics.track(event.event, event.properties, trackOptions) as void
    },
  }
}
