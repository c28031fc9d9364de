/**
 * The contract between generated emitters and the runtime: one descriptor per declared event, built at
 * generate time, so nothing about an event is computed or compiled while the app runs.
 */
import type { EventLevel } from './sink.js'
import type { KeyedHash, TelemetryHasher } from './hashing.js'

/** Precompiled redaction: allowlisted keys only, at any depth; hashed fields hashed, dropped fields gone. */
export type Redactor = (properties: Record<string, unknown>, hasher: TelemetryHasher) => Record<string, unknown>

/**
 * Precompiled serialization of redacted properties: their JSON members (`"key":value,…`, without the braces)
 * in `JSON.stringify`'s key order, reading the declared keys only.
 */
export type MembersSerializer = (properties: Record<string, unknown>) => string

/** Precompiled dev validation: undefined when valid, else what is wrong (paths and rules, never values). */
export type Validator = (properties: unknown) => string | undefined

interface DescriptorBase {
  /** The declared event name (`auth.login`). */
  readonly name: string
  /** Absent: `info` (generated descriptors leave the default out). */
  readonly level?: EventLevel
  readonly category?: string
  /** The property whose value is the distinct id (`privacy.distinctId.property`), when the event declares it. */
  readonly distinctId?: string
  /**
   * The env var the catalog names for the hashing salt. The runtime does not read it (the redactor passes it to
   * the hasher itself), and generated descriptors leave it out.
   */
  readonly saltEnv?: string
  readonly redact: Redactor
  readonly json: MembersSerializer
  readonly validate?: Validator
  /** The keys of the groups the event belongs to (`groups` in the catalog), sent as PostHog's `$groups`. */
  readonly groups?: readonly GroupKeyDescriptor[]
}

// `kind` is not read: the factory that makes the emitter (signalEmitter, spanEmitter, …) says which it is, and
// generated descriptors leave it out.
export interface SignalDescriptor extends DescriptorBase {
  readonly kind?: 'signal'
}

export interface SpanDescriptor extends DescriptorBase {
  readonly kind?: 'span'
}

export type EventDescriptor = SignalDescriptor | SpanDescriptor

/**
 * The traits of `identify` (one object `{ set, setOnce }`) or of one group type's `group` call, precompiled like
 * an event's properties: allowlisted keys only, hashed fields hashed, dropped fields gone.
 */
export interface TraitsDescriptor {
  /** `identify`, or the group type (`company`). */
  readonly name: string
  readonly saltEnv: string
  readonly redact: Redactor
  readonly validate?: Validator
  /** A group type's key: how it is sent. */
  readonly key?: GroupKeyDescriptor
}

/**
 * How a group type's key is sent, by its group call and by the events that carry the group alike: hashed with
 * the catalog's salt when the key's property is `transform: hash`, so both send the same value.
 */
export interface GroupKeyDescriptor {
  /** The group type (`company`). */
  readonly type: string
  readonly saltEnv: string
  /** Present when the key is hashed: the `keyedHash` of the build. */
  readonly hash?: KeyedHash
}
