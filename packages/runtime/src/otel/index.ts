/**
 * `@herald/runtime/otel`: a sink that turns span events into OpenTelemetry spans, and signals into events on
 * the active span (or short spans of their own when there is none). `@opentelemetry/api` is an optional peer.
 */
import { type Attributes, type AttributeValue, type Span, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api'
import type { Sink, TelemetryEvent } from '../sink.js'

export interface OtelSinkOptions {
  /** Default: `trace.getTracer('herald')`. */
  tracer?: Tracer | undefined
  /** Signals with no active span: `span` (default) records a zero-length span; `drop` records nothing. */
  orphanSignals?: 'span' | 'drop' | undefined
  /** Spans whose stop never came are forgotten past this many (default 10,000), so nothing leaks. */
  maxOpenSpans?: number | undefined
}

export function otelSink(options: OtelSinkOptions = {}): Sink {
  const tracer = options.tracer ?? trace.getTracer('herald')
  const maxOpen = options.maxOpenSpans ?? 10_000
  const open = new Map<string, Span>()

  return {
    name: 'opentelemetry',
    write(event: TelemetryEvent) {
      const attributes = toAttributes(event.properties)
      // The event's groups, as PostHog names them: `$groups.organization`.
      if (event.groups !== undefined) toAttributes(event.groups, '$groups.', attributes)
      if (event.spanId === undefined) {
        const active = trace.getActiveSpan()
        if (active) active.addEvent(event.event, attributes, new Date(event.timestamp))
        else if (options.orphanSignals !== 'drop')
          tracer.startSpan(event.event, { attributes, startTime: new Date(event.timestamp) }).end(new Date(event.timestamp))
        return
      }
      const dot = event.event.lastIndexOf('.')
      const name = event.event.slice(0, dot)
      const phase = event.event.slice(dot + 1)
      if (phase === 'start') {
        if (open.size >= maxOpen) open.delete(open.keys().next().value!)
        open.set(event.spanId, tracer.startSpan(name, { attributes, startTime: new Date(event.timestamp) }))
        return
      }
      let span = open.get(event.spanId)
      open.delete(event.spanId)
      if (!span) {
        const duration = typeof event.properties.duration_ms === 'number' ? event.properties.duration_ms : 0
        span = tracer.startSpan(name, { startTime: new Date(Date.parse(event.timestamp) - duration) })
      }
      span.setAttributes(attributes)
      if (phase === 'exception') {
        const kind = String(event.properties.error_kind ?? 'Error')
        span.setAttribute('error.type', kind)
        span.setStatus({ code: SpanStatusCode.ERROR, message: kind })
      } else span.setStatus({ code: SpanStatusCode.OK })
      span.end(new Date(event.timestamp))
    },
  }
}

/** OpenTelemetry attributes are flat: nested objects become dotted keys; arrays keep their scalars. */
function toAttributes(properties: Record<string, unknown>, prefix = '', out: Attributes = {}): Attributes {
  for (const [key, value] of Object.entries(properties)) {
    const name = prefix + key
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value
    else if (Array.isArray(value)) {
      const scalars = value.filter((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')
      out[name] = scalars as AttributeValue
    } else if (typeof value === 'object' && value !== null) toAttributes(value as Record<string, unknown>, `${name}.`, out)
  }
  return out
}
