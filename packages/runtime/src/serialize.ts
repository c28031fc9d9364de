/**
 * Serialization of emitted events. The pipeline knows each event's keys ahead (generated descriptors), so
 * `serializeEvent` writes the JSON with precomputed key text instead of walking the object; its output is
 * byte-for-byte `JSON.stringify(event)`.
 */
import type { EventDescriptor } from './descriptor.js'
import type { TelemetryEvent } from './sink.js'

const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/

/** `JSON.stringify` of a string, with a fast path for the common string that needs no escaping. */
export function jsonString(value: string): string {
  return value.length < 5000 && !NEEDS_ESCAPE.test(value) ? `"${value}"` : JSON.stringify(value)
}

function jsonValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return jsonString(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    default:
      return JSON.stringify(value)
  }
}

/** The properties of a redacted record, in the descriptor's key order, then the span's own key if any. */
export function serializeProperties(properties: Record<string, unknown>, descriptor: EventDescriptor, extraKey?: string): string {
  const { keys, keyJson } = descriptor
  let out = ''
  for (let i = 0; i < keys.length; i++) {
    const value = properties[keys[i]!]
    if (value === undefined) continue
    const text = jsonValue(value)
    if (text !== undefined) out += (out === '' ? '{' : ',') + keyJson[i]! + text
  }
  if (extraKey !== undefined) {
    const text = jsonValue(properties[extraKey])
    if (text !== undefined) out += `${out === '' ? '{' : ','}"${extraKey}":${text}`
  }
  return out === '' ? '{}' : `${out}}`
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
 * event's precompiled layout (and is computed once however many sinks ask); elsewhere it falls back.
 */
export function serializeEvent(event: TelemetryEvent): string {
  if (event !== current.event || current.descriptor === undefined) return JSON.stringify(event)
  if (current.json !== undefined) return current.json
  const d = current.descriptor
  let out = `{"event":${current.wireJson},"properties":${serializeProperties(event.properties, d, current.extraKey)},"timestamp":"${event.timestamp}"`
  if (event.distinctId !== undefined) out += `,"distinctId":${jsonString(event.distinctId)}`
  if (event.level !== undefined) out += `,"level":"${event.level}"`
  if (event.category !== undefined) out += `,"category":${jsonString(event.category)}`
  if (event.spanId !== undefined) out += `,"spanId":${jsonString(event.spanId)}`
  if (event.id !== undefined) out += `,"id":${jsonString(event.id)}`
  current.json = `${out}}`
  return current.json
}
