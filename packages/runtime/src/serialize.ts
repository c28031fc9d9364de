/**
 * Serialization of emitted events. Each event's keys are known ahead, so generated code writes its
 * properties with precomputed key text instead of walking the object, and `serializeEvent` adds the rest; its
 * output is byte for byte `JSON.stringify(event)`.
 */
import type { EventDescriptor, MembersSerializer } from './descriptor.js'
import type { TelemetryEvent } from './sink.js'

const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/

/**
 * The last distinct id, when it needs no escaping. The property an event takes its distinct id from is
 * checked before the distinct id, and one process tends to send one user's id over and over.
 */
let plainDistinctId: string | undefined

/** Whether `JSON.stringify(value)` is `value` between quotes (no character needs escaping). */
export function isPlainJsonString(value: string): boolean {
  return value === plainDistinctId || (value.length < 5000 && !NEEDS_ESCAPE.test(value))
}

/** `JSON.stringify` of a string, with a fast path for the common string that needs no escaping. */
export function jsonString(value: string): string {
  return isPlainJsonString(value) ? `"${value}"` : JSON.stringify(value)
}

/** `JSON.stringify` of a number. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null'
}

/** `JSON.stringify` of a property value; undefined where `JSON.stringify` leaves the property out. */
function jsonValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return jsonString(value)
    case 'number':
      return jsonNumber(value)
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      return JSON.stringify(value)
  }
}

/**
 * `,"key":value` as `JSON.stringify` writes a property, or '' where it leaves the property out (undefined, a
 * function, a symbol). `openingAndKey` is `,"key":`, written at generate time. Generated serializers call it
 * for values their fast paths do not cover.
 */
export function jsonMember(openingAndKey: string, value: unknown): string {
  if (value === undefined) return ''
  const text = jsonValue(value)
  return text === undefined ? '' : openingAndKey + text
}

/** `jsonMember` for a key declared a string: its fast path inline (a plain string between quotes). */
export function jsonStringMember(openingAndKey: string, value: unknown): string {
  return typeof value === 'string' && isPlainJsonString(value) ? `${openingAndKey}"${value}"` : jsonMember(openingAndKey, value)
}

/** `jsonMember` for a key declared a number. */
export function jsonNumberMember(openingAndKey: string, value: unknown): string {
  return typeof value === 'number' ? openingAndKey + jsonNumber(value) : jsonMember(openingAndKey, value)
}

/** `jsonMember` for a key declared a boolean. */
export function jsonBooleanMember(openingAndKey: string, value: unknown): string {
  return typeof value === 'boolean' ? openingAndKey + (value ? 'true' : 'false') : jsonMember(openingAndKey, value)
}

/**
 * The serializer of a span's `.stop` or `.exception` event for redaction outside the emitters: the span's own
 * members, then `key`'s (`spanPhaseRedactor` put it last).
 */
export function spanPhaseSerializer(json: MembersSerializer, key: string): MembersSerializer {
  const opening = `,${JSON.stringify(key)}:`
  return (properties) => {
    const members = json(properties)
    const extra = jsonMember(opening, properties[key])
    return members === '' ? extra.slice(1) : members + extra
  }
}

let _flattened = 0
/**
 * `text`, stored flat: reading a character makes V8 copy a concatenated string into one piece, in place. The
 * pieces kept below are copied into every event's text; flat, each is one copy, not a walk of its parts.
 */
function flat(text: string): string {
  _flattened ^= text.charCodeAt(text.length - 1)
  return text
}

let lastWire = ''
let lastEventPrefix = '{"event":"","properties":{'
/** `{"event":"…","properties":{`, kept for the last event name (events of one name tend to come in runs). */
function eventPrefix(wire: string): string {
  if (wire !== lastWire) {
    lastEventPrefix = flat(`{"event":${jsonString(wire)},"properties":{`)
    lastWire = wire
  }
  return lastEventPrefix
}

/**
 * What follows the properties up to the span id (`},"timestamp":…` to the category), with and without the
 * closing brace, kept for the last event: timestamps repeat within a millisecond, and one process tends to
 * send one user's id over and over.
 */
let tailTimestamp = ''
let tailDistinctId: string | undefined
let tailLevel: string | undefined
let tailCategory: string | undefined
let tailOpen = '},"timestamp":""'
let tailClosed = '},"timestamp":""}'

function tailJson(event: TelemetryEvent, closed: boolean): string {
  const { timestamp, distinctId, level, category } = event
  if (timestamp !== tailTimestamp || distinctId !== tailDistinctId || level !== tailLevel || category !== tailCategory) {
    let out = `},"timestamp":${jsonString(timestamp)}`
    if (distinctId !== undefined) {
      const plain = isPlainJsonString(distinctId)
      out += `,"distinctId":${plain ? `"${distinctId}"` : JSON.stringify(distinctId)}`
      plainDistinctId = plain ? distinctId : undefined
    }
    if (level !== undefined) out += `,"level":${jsonString(level)}`
    if (category !== undefined) out += `,"category":${jsonString(category)}`
    tailOpen = flat(out)
    tailClosed = flat(`${out}}`)
    tailTimestamp = timestamp
    tailDistinctId = distinctId
    tailLevel = level
    tailCategory = category
  }
  return closed ? tailClosed : tailOpen
}

/** The event the pipeline is handing to sinks right now, and what it needs to serialize it fast. */
interface Current {
  event: TelemetryEvent | undefined
  descriptor: EventDescriptor | undefined
  extraKey: string | undefined
  json: string | undefined
}

const current: Current = { event: undefined, descriptor: undefined, extraKey: undefined, json: undefined }

export function beginDelivery(event: TelemetryEvent, descriptor: EventDescriptor, extraKey: string | undefined): void {
  current.event = event
  current.descriptor = descriptor
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
  // An event with groups, which its generated serializer does not cover, is written by JSON.stringify itself.
  if (event !== current.event || current.descriptor === undefined || event.groups) return JSON.stringify(event)
  if (current.json !== undefined) return current.json
  const properties = event.properties
  let members = current.descriptor.json(properties)
  const extraKey = current.extraKey
  if (extraKey !== undefined) {
    const extra = jsonMember(`,"${extraKey}":`, properties[extraKey])
    members = members === '' ? extra.slice(1) : members + extra
  }
  const prefix = eventPrefix(event.event)
  const spanId = event.spanId
  // Sinks set the id; one that set something other than a string still gets what JSON.stringify writes.
  const id = event.id === undefined ? undefined : jsonValue(event.id)
  if (spanId === undefined && id === undefined) {
    current.json = prefix + members + tailJson(event, true)
    return current.json
  }
  let out = prefix + members + tailJson(event, false)
  if (spanId !== undefined) out += `,"spanId":${jsonString(spanId)}`
  if (id !== undefined) out += `,"id":${id}`
  current.json = `${out}}`
  return current.json
}
