/**
 * identify, group and alias: called by generated code, through the events' pipeline (consent, opt-out, dev
 * validation, redaction and hashing of the traits, refusal of e-mail-looking ids) to the sinks. Each becomes a
 * record in PostHog's own shape (`$identify`, `$groupidentify`, `$create_alias`) with `kind` set, so sinks that
 * know the call map it to their SDK's and the others record it as an event. A module of its own, so an app
 * that never identifies does not bundle it.
 */
import type { TraitsDescriptor } from './descriptor.js'
import { refusedDistinctId } from './distinct-id.js'
import { groupKey } from './groups.js'
import type { IdentityKind, TelemetryEvent } from './sink.js'
import type { Telemetry } from './telemetry.js'
import { describeError } from './warnings.js'

/** What `identify` takes besides the distinct id: PostHog's `$set` and `$set_once`. */
export interface IdentifyTraits<Set extends object, SetOnce extends object> {
  /** Overwritten by each identify. */
  set?: Set
  /** Kept when the person already has a value. */
  setOnce?: SetOnce
}

class IdentityRecord implements TelemetryEvent {
  readonly timestamp = new Date().toISOString()
  constructor(
    public event: string,
    public kind: IdentityKind,
    public properties: Record<string, unknown>,
    public distinctId: string | undefined,
  ) {}
}

/** Sets person properties on `distinctId` (PostHog's identify, Segment's identify with traits). */
export function emitIdentify(t: Telemetry, d: TraitsDescriptor, distinctId: string, traits: IdentifyTraits<object, object> = {}): void {
  if (!t.enabled) return
  try {
    if (refusesId(t, '$identify', distinctId)) return
    const redacted = t.prepare(d, '$identify', traits as Record<string, unknown>)
    if (redacted === undefined) return
    const properties: Record<string, unknown> = {}
    if (redacted.set !== undefined) properties.$set = redacted.set
    if (redacted.setOnce !== undefined) properties.$set_once = redacted.setOnce
    t.toSinks(new IdentityRecord('$identify', 'identify', properties, distinctId))
  } catch (error) {
    t.warn('emit-failed', `identify failed: ${describeError(error)}.`, error, 'emit-failed:$identify')
  }
}

/** Sets the properties of the group `key` of type `d.name` (PostHog's groupIdentify, Segment's group). */
export function emitGroup(t: Telemetry, d: TraitsDescriptor | undefined, key: string, properties: object = {}): void {
  if (!t.enabled) return
  // A JavaScript caller can pass a type the catalog does not declare: the lookup then finds nothing of ours.
  if (d === undefined || typeof d.redact !== 'function') {
    t.warn('unknown-group-type', 'Refused a group call: its group type is not declared in the catalog.', undefined, 'unknown-group-type')
    return
  }
  try {
    if (typeof key !== 'string' || refusedDistinctId(key) !== undefined) {
      t.warn(
        'email-group-key',
        `Refused group ${d.name}: its key is an e-mail address, a placeholder or not a string. Use an opaque id (org_id).`,
        undefined,
        `email-group-key:${d.name}`,
      )
      return
    }
    const redacted = t.prepare(d, '$groupidentify', properties as Record<string, unknown>)
    if (redacted === undefined) return
    const sent = d.key !== undefined ? groupKey(t, d.key, key, '$groupidentify') : key
    if (sent === undefined) return
    t.toSinks(new IdentityRecord('$groupidentify', 'group', { $group_type: d.name, $group_key: sent, $group_set: redacted }, undefined))
  } catch (error) {
    t.warn('emit-failed', `group ${d.name} failed: ${describeError(error)}.`, error, `emit-failed:$groupidentify:${d.name}`)
  }
}

/** Links `alias` (another id of the same person, e.g. an earlier anonymous one) to `distinctId`. */
export function emitAlias(t: Telemetry, distinctId: string, alias: string): void {
  if (!t.enabled) return
  try {
    if (refusesId(t, '$create_alias', distinctId) || refusesId(t, '$create_alias', alias)) return
    if (t.prepare(ALIAS, '$create_alias', { distinct_id: distinctId, alias }) === undefined) return
    t.toSinks(new IdentityRecord('$create_alias', 'alias', { alias }, distinctId))
  } catch (error) {
    t.warn('emit-failed', `alias failed: ${describeError(error)}.`, error, 'emit-failed:$create_alias')
  }
}

/** Alias carries two ids and nothing else: nothing to validate or redact; it runs the opt-out only. */
const ALIAS: TraitsDescriptor = { name: 'alias', saltEnv: '', redact: (properties) => properties }

function refusesId(t: Telemetry, wire: string, id: unknown): boolean {
  if (typeof id !== 'string') {
    t.refuseDistinctId(wire, 'placeholder')
    return true
  }
  const refused = refusedDistinctId(id)
  if (refused !== undefined) t.refuseDistinctId(wire, refused)
  return refused !== undefined
}
