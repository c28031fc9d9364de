/**
 * Group keys as they are sent: by `group` (identity.ts) and by events that belong to groups alike, hashed when
 * the catalog hashes the key's property, so PostHog sees one value for both. A module of its own, so an app
 * whose events carry no groups does not bundle it.
 */
import type { EventDescriptor, GroupKeyDescriptor } from './descriptor.js'
import { refusedDistinctId } from './distinct-id.js'
import type { Telemetry } from './telemetry.js'
import { describeError } from './warnings.js'

/**
 * A group key as it is sent: hashed when its descriptor says so. Undefined (with a warning) when it must be
 * hashed and cannot be (no salt in production, a browser build that drops hashed fields): the raw key is never
 * sent in its place.
 */
export function groupKey(t: Telemetry, k: GroupKeyDescriptor, key: string, wire: string): string | undefined {
  if (k.hash === undefined) return key
  const hashed = t.hasher.hash(key, k.saltEnv, k.hash)
  if (hashed === undefined) {
    t.warn(
      'group-key-dropped',
      `${wire}: the ${k.type} group key is hashed by the catalog and cannot be hashed here (no salt, or a browser build); the group is left out rather than sent raw.`,
      undefined,
      `group-key-dropped:${k.type}`,
    )
  }
  return hashed
}

/**
 * The groups of an event, as generated emitters pass them to `emitSignal` and `runSpan`: each declared group's
 * key checked and hashed. A key that is missing, not a string, or looks like an e-mail address or a placeholder
 * leaves its group out, with a warning; so does a hashed key that cannot be hashed. The event itself is still
 * sent. Undefined without consent (nothing is sent then) or when no group is left.
 */
export function eventGroups(t: Telemetry, d: EventDescriptor, given: object | undefined): Readonly<Record<string, string>> | undefined {
  if (!t.enabled || d.groups === undefined) return undefined
  try {
    let out: Record<string, string> | undefined
    for (const k of d.groups) {
      const key = (given as Record<string, unknown> | undefined)?.[k.type]
      if (typeof key !== 'string' || refusedDistinctId(key) !== undefined) {
        const kind = key === undefined ? 'missing-group-key' : 'email-group-key'
        t.warn(
          kind,
          key === undefined
            ? `${d.name}: no key for its group ${k.type}; the event is sent without it.`
            : `${d.name}: its ${k.type} group key is an e-mail address, a placeholder or not a string; the event is sent without the group. Use an opaque id.`,
          undefined,
          `${kind}:${d.name}:${k.type}`,
        )
        continue
      }
      const sent = groupKey(t, k, key, d.name)
      if (sent !== undefined) (out ??= {})[k.type] = sent
    }
    return out
  } catch (error) {
    t.warn('emit-failed', `The groups of ${d.name} failed: ${describeError(error)}; the event is sent without them.`, error, `emit-failed:groups:${d.name}`)
    return undefined
  }
}
