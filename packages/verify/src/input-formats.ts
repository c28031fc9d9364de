/** The event files verify reads, each line turned into the events it holds, in one neutral shape. */
export type InputFormat = 'herald' | 'posthog' | 'segment' | 'otlp'
export const INPUT_FORMATS: readonly InputFormat[] = ['herald', 'posthog', 'segment', 'otlp']

export interface SentEvent {
  /** Undefined for identify/group messages, which carry no event name but are still checked for personal data. */
  name: string | undefined
  properties: Record<string, unknown>
  distinctId?: unknown
  /** Epoch milliseconds, when the line has a readable time. */
  time?: number
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const timeOf = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? (isoTime(v) ?? Date.parse(v)) : typeof v === 'number' ? v : NaN
  return Number.isFinite(t) ? t : undefined
}

/** The number the digits of `s` from `from` to before `to` write, or -1 if any of them is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let v = 0
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    v = v * 10 + d
  }
  return v
}

/**
 * `Date.parse` of the one layout senders write (`2026-12-01T00:00:05.000Z`, what `toISOString` gives), read by
 * hand: undefined for any other text, and for fields out of the ranges it reads (years before 1000, days past the
 * 28th), which `Date.parse` then judges.
 */
function isoTime(s: string): number | undefined {
  if (s.length !== 24 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return undefined
  if (s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46 || s.charCodeAt(23) !== 90) return undefined
  const year = digitsAt(s, 0, 4)
  const month = digitsAt(s, 5, 7)
  const day = digitsAt(s, 8, 10)
  const hour = digitsAt(s, 11, 13)
  const minute = digitsAt(s, 14, 16)
  const second = digitsAt(s, 17, 19)
  const ms = digitsAt(s, 20, 23)
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  )
    return undefined
  return Date.UTC(year, month - 1, day, hour, minute, second, ms)
}

/** The format of one parsed line, for `--input auto`. */
export function detectFormat(line: Record<string, unknown>): InputFormat | undefined {
  if (Array.isArray(line.resourceLogs)) return 'otlp'
  if ('distinct_id' in line) return 'posthog'
  if (typeof line.type === 'string' && ('messageId' in line || 'userId' in line || 'anonymousId' in line)) return 'segment'
  if (typeof line.event === 'string' && 'properties' in line) return 'herald'
  return undefined
}

/** The events of one line, or a sentence saying why the line is not one of `format`. */
export function eventsOfLine(line: Record<string, unknown>, format: InputFormat): SentEvent[] | string {
  switch (format) {
    case 'herald':
      if (typeof line.event !== 'string' || !isRecord(line.properties)) return 'a Herald delivery line needs "event" (a string) and "properties" (an object)'
      return [{ name: line.event, properties: line.properties, distinctId: line.distinctId, time: timeOf(line.timestamp) }]
    case 'posthog':
      if (typeof line.event !== 'string') return 'a PostHog event needs "event" (a string)'
      return [{ name: line.event, properties: isRecord(line.properties) ? line.properties : {}, distinctId: line.distinct_id, time: timeOf(line.timestamp) }]
    case 'segment': {
      const distinctId = line.userId ?? line.anonymousId
      if (line.type === 'track') {
        if (typeof line.event !== 'string') return 'a Segment track message needs "event" (a string)'
        return [{ name: line.event, properties: isRecord(line.properties) ? line.properties : {}, distinctId, time: timeOf(line.timestamp) }]
      }
      return [
        {
          name: undefined,
          properties: isRecord(line.traits) ? line.traits : isRecord(line.properties) ? line.properties : {},
          distinctId,
          time: timeOf(line.timestamp),
        },
      ]
    }
    case 'otlp':
      return otlpEvents(line)
  }
}

function otlpEvents(line: Record<string, unknown>): SentEvent[] | string {
  if (!Array.isArray(line.resourceLogs)) return 'an OTLP/JSON logs line needs "resourceLogs" (an array)'
  const events: SentEvent[] = []
  for (const resource of line.resourceLogs) {
    for (const scope of isRecord(resource) && Array.isArray(resource.scopeLogs) ? resource.scopeLogs : []) {
      for (const record of isRecord(scope) && Array.isArray(scope.logRecords) ? scope.logRecords : []) {
        if (!isRecord(record)) continue
        const properties: Record<string, unknown> = {}
        for (const attribute of Array.isArray(record.attributes) ? record.attributes : []) {
          if (isRecord(attribute) && typeof attribute.key === 'string') properties[attribute.key] = anyValue(attribute.value)
        }
        const name = typeof record.eventName === 'string' ? record.eventName : properties['event.name']
        delete properties['event.name']
        if (typeof name !== 'string') continue
        const nanos = typeof record.timeUnixNano === 'string' || typeof record.timeUnixNano === 'number' ? Number(record.timeUnixNano) / 1e6 : NaN
        events.push({ name, properties, ...(Number.isFinite(nanos) ? { time: nanos } : {}) })
      }
    }
  }
  return events
}

/** OTLP's AnyValue as plain JSON. */
function anyValue(value: unknown): unknown {
  if (!isRecord(value)) return undefined
  if ('stringValue' in value) return value.stringValue
  if ('boolValue' in value) return value.boolValue
  if ('intValue' in value) return Number(value.intValue)
  if ('doubleValue' in value) return value.doubleValue
  if (isRecord(value.arrayValue)) return Array.isArray(value.arrayValue.values) ? value.arrayValue.values.map(anyValue) : []
  if (isRecord(value.kvlistValue)) {
    const out: Record<string, unknown> = {}
    for (const kv of Array.isArray(value.kvlistValue.values) ? value.kvlistValue.values : [])
      if (isRecord(kv) && typeof kv.key === 'string') out[kv.key] = anyValue(kv.value)
    return out
  }
  return undefined
}
