/** A sink that keeps events in memory, for tests and local inspection. */
import type { IdentityKind, Sink, TelemetryEvent } from './sink.js'

export interface MemorySinkEvent {
  event: string
  properties: Record<string, unknown>
  timestamp: string
  distinctId?: string
  /** `identify`, `group` or `alias` on their records; absent on events. */
  kind?: IdentityKind
  /** The event's groups (`{ organization: key }`), when it belongs to some. */
  groups?: Readonly<Record<string, string>>
}

export interface MemorySink extends Sink {
  readonly events: MemorySinkEvent[]
  clear(): void
}

export function memorySink(name = 'memory'): MemorySink {
  const events: MemorySinkEvent[] = []
  return {
    name,
    events,
    write(event: TelemetryEvent) {
      // A plain copy with the public fields only, so tests can compare with toEqual / toStrictEqual.
      const record: MemorySinkEvent = { event: event.event, properties: event.properties, timestamp: event.timestamp }
      if (event.distinctId !== undefined) record.distinctId = event.distinctId
      if (event.kind !== undefined) record.kind = event.kind
      if (event.groups !== undefined) record.groups = event.groups
      events.push(record)
    },
    clear() {
      events.length = 0
    },
  }
}
