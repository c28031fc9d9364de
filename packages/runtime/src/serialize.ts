/**
 * Serialization of emitted events. Each event's keys are known ahead, so generated code writes its
 * properties with precomputed key text instead of walking the object (`jsonMember` per declared key), and
 * `serializeEvent` adds the rest; its output is byte for byte `JSON.stringify(event)`.
 */
import type { EventDescriptor } from './descriptor.js'
import type { TelemetryEvent } from './sink.js'

const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/

/** `JSON.stringify` of a string, with a fast path for the common string that needs no escaping. */
export function jsonString(value: string): string {
  return value.length < 5000 && !NEEDS_ESCAPE.test(value) ? `"${value}"` : JSON.stringify(value)
}

/** `JSON.stringify` of a property value; undefined where `JSON.stringify` leaves the property out. */
function jsonValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return jsonString(value)
    case 'number':
      return Number.isFinite(value) ? `${value}` : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      return JSON.stringify(value)
  }
}

/**
 * `members` with `"key":value` appended, as `JSON.stringify` writes a property (nothing for undefined, a
 * function or a symbol). Generated serializers call it once per declared key, with `,"key":` written at
 * generate time (the comma is dropped before the first member).
 */
export function jsonMember(members: string, separatorAndKey: string, value: unknown): string {
  if (value === undefined) return members
  const text = jsonValue(value)
  if (text === undefined) return members
  return members === '' ? separatorAndKey.slice(1) + text : members + separatorAndKey + text
}

/** `jsonMember` for a string the catalog lists (an enum's value) and that needs no escaping, checked at generate time. */
export function jsonPlainMember(members: string, separatorAndKey: string, value: string): string {
  return `${members === '' ? separatorAndKey.slice(1) : members + separatorAndKey}"${value}"`
}

let lastTimestamp = ''
let lastTimestampJson = '""'
/** Timestamps repeat within a millisecond, and an ISO time needs no escaping: check each one once. */
function timestampJson(timestamp: string): string {
  if (timestamp !== lastTimestamp) {
    lastTimestampJson = jsonString(timestamp)
    lastTimestamp = timestamp
  }
  return lastTimestampJson
}

function levelJson(level: string): string {
  switch (level) {
    case 'debug':
      return ',"level":"debug"'
    case 'info':
      return ',"level":"info"'
    case 'warning':
      return ',"level":"warning"'
    case 'error':
      return ',"level":"error"'
    default:
      return `,"level":${jsonString(level)}`
  }
}

/** The event the pipeline is handing to sinks right now, and what it needs to serialize it fast. */
interface Current {
  event: TelemetryEvent | undefined
  descriptor: EventDescriptor | undefined
  wireJson: string
  extraKey: string | undefined
  json: string | undefined
}

const current: Current = { event: undefined, descriptor: undefined, wireJson: '', extraKey: undefined, json: undefined }

export function beginDelivery(event: TelemetryEvent, descriptor: EventDescriptor, wireJson: string, extraKey: string | undefined): void {
  current.event = event
  current.descriptor = descriptor
  current.wireJson = wireJson
  current.extraKey = extraKey
  current.json = undefined
}

export function endDelivery(): void {
  current.event = undefined
  current.descriptor = undefined
  current.json = undefined
}

/**
 * The JSON text of an event, equal to `JSON.stringify(event)`. Called from a sink's `write`, it uses the
 * event's generated serializer (and is computed once however many sinks ask); elsewhere it falls back.
 * The serializer reads the declared keys only: a key that an earlier sink added to `properties` is not sent.
 */
export function serializeEvent(event: TelemetryEvent): string {
  if (event !== current.event || current.descriptor === undefined) return JSON.stringify(event)
  if (current.json !== undefined) return current.json
  const properties = event.properties
  let members = current.descriptor.json(properties)
  const extraKey = current.extraKey
  if (extraKey !== undefined) members = jsonMember(members, `,"${extraKey}":`, properties[extraKey])
  let out = `{"event":${current.wireJson},"properties":{${members}},"timestamp":${timestampJson(event.timestamp)}`
  if (event.distinctId !== undefined) out += `,"distinctId":${jsonString(event.distinctId)}`
  if (event.level !== undefined) out += levelJson(event.level)
  if (event.category !== undefined) out += `,"category":${jsonString(event.category)}`
  if (event.spanId !== undefined) out += `,"spanId":${jsonString(event.spanId)}`
  // Sinks set the id; one that set something other than a string still gets what JSON.stringify writes.
  const id = event.id === undefined ? undefined : jsonValue(event.id)
  if (id !== undefined) out += `,"id":${id}`
  current.json = `${out}}`
  return current.json
}
