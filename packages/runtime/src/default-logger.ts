/**
 * The default logger, after the auth library's `attach_default_logger`: one call logs every finished
 * operation (span `.stop` and `.exception`) and every signal, at the event's catalog level. Attaching twice
 * is refused with `{ error: 'already_exists' }`, not doubled.
 */
import { serializeEvent } from './serialize.js'
import type { EventLevel, Sink, TelemetryEvent } from './sink.js'
import type { Telemetry } from './telemetry.js'

/** A structured logger: pino's, or anything with the same methods. */
export interface StructuredLogger {
  debug(object: object, message: string): void
  info(object: object, message: string): void
  warn(object: object, message: string): void
  error(object: object, message: string): void
}

export interface DefaultLoggerOptions {
  /** The lowest catalog level logged (default `info`). */
  level?: EventLevel | undefined
  /** Only events of these categories (default: all). */
  categories?: readonly string[] | undefined
  /** Where to log; default one JSON line per event on the console. */
  logger?: StructuredLogger | undefined
}

export type AttachResult = { ok: true } | { error: 'already_exists' }

const RANK: Record<EventLevel, number> = { debug: 10, info: 20, warning: 30, error: 40 }
const HANDLER = 'herald-default-logger'

export function attachDefaultLogger(t: Telemetry, options: DefaultLoggerOptions = {}): AttachResult {
  if (t.attached.has(HANDLER)) return { error: 'already_exists' }
  t.attached.add(HANDLER)
  t.addSink(loggerSink(options))
  return { ok: true }
}

/** The default logger as a plain sink, for apps that manage sinks themselves. */
export function loggerSink(options: DefaultLoggerOptions = {}): Sink {
  const threshold = RANK[options.level ?? 'info']
  const categories = options.categories ? new Set(options.categories) : undefined
  const logger = options.logger
  return {
    name: HANDLER,
    write(event: TelemetryEvent) {
      if (event.event.endsWith('.start') && event.spanId !== undefined) return
      const level = event.level ?? 'info'
      if (RANK[level] < threshold) return
      if (categories !== undefined && (event.category === undefined || !categories.has(event.category))) return
      if (logger === undefined) {
        const line = `[herald] ${serializeEvent(event)}`
        if (level === 'error') console.error(line)
        else if (level === 'warning') console.warn(line)
        else console.log(line)
        return
      }
      const record = {
        event: event.event,
        properties: event.properties,
        distinctId: event.distinctId,
        category: event.category,
        ...(event.groups !== undefined ? { groups: event.groups } : {}),
        ...(event.kind !== undefined ? { kind: event.kind } : {}),
      }
      if (level === 'warning') logger.warn(record, event.event)
      else logger[level](record, event.event)
    },
  }
}
