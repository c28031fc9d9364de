/** The normalized catalog model that every generator, checker and front-end reads. */
import type { ForbiddenKeyMatcher } from '@herald/runtime'
import type { Dashboard } from './dashboards.js'
import type { NamingPolicy } from './naming.js'
import type { PathSegment, Position } from './source-document.js'
import type { VersionStamps } from './version-stamps.js'

export type PiiLevel = 'none' | 'pseudonymous' | 'personal' | 'sensitive'
export type Transform = 'hash' | 'drop'
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'
export type EventKind = 'signal' | 'span'
export type EventLevel = 'debug' | 'info' | 'warning' | 'error'
export type WirePhase = 'signal' | 'start' | 'stop' | 'exception'

/**
 * A property schema with every `$ref` resolved (siblings of a `$ref` override the shared definition).
 * It is plain JSON Schema plus `pii` and `transform`; `ref` names the shared property it came from.
 */
export interface PropertySchema {
  type?: JsonType | JsonType[]
  enum?: unknown[]
  const?: unknown
  title?: string
  description?: string
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  multipleOf?: number
  items?: PropertySchema
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  properties?: Record<string, PropertySchema>
  required?: string[]
  additionalProperties?: boolean
  default?: unknown
  examples?: unknown[]
  deprecated?: boolean
  pii?: PiiLevel
  transform?: Transform
  /** The shared property (`#/properties/<name>`) this schema was resolved from. */
  ref?: string
  [extension: `x-${string}`]: unknown
}

export interface Category {
  name: string
  description?: string
  requiredProperties: string[]
  countsAndDurationsOnly: boolean
}

export interface Deprecation {
  since?: string
  renamedTo?: string
  reason?: string
}

/** An event as declared in the catalog: a signal, or a span with three wire events. */
export interface CatalogEvent {
  name: string
  /** The camelCase identifier generated code uses (`auth.login` → `authLogin`). */
  identifier: string
  kind: EventKind
  category?: string
  description?: string
  level: EventLevel
  owner?: string
  since?: string
  /** The catalog version of the event's last change to what it sends. */
  changed?: string
  deprecated?: Deprecation
  /**
   * The event's own version: the newest of `since`, `changed` and `deprecated.since`, else the catalog's version.
   * What `stampVersions` stamps.
   */
  version?: string
  /** Its declared properties and, with `stampVersions`, the two stamped ones (last). */
  properties: Record<string, PropertySchema>
  required: string[]
  /** The property that holds this event's distinct id, when the event names its own (else `privacy.distinctId.property`). */
  distinctId?: string
  /** The group types (declared under `groups`) the event belongs to, in the order declared; its emitter takes their keys. */
  groups: string[]
  /** The names code may capture: the event itself for a signal; `.start`, `.stop`, `.exception` for a span. */
  wireEvents: WireEvent[]
  /** Where the event's key is in the catalog file. */
  position: Position
  extensions: Record<string, unknown>
}

/** A name that code may capture, with the properties it carries. */
export interface WireEvent {
  name: string
  phase: WirePhase
  /** The declared event this wire event belongs to. */
  event: CatalogEvent
  properties: Record<string, PropertySchema>
  required: string[]
}

/** The person properties `identify` may set: `$set` (overwritten each time) and `$set_once` (kept once set). */
export interface PersonProperties {
  description?: string
  set: Record<string, PropertySchema>
  setOnce: Record<string, PropertySchema>
}

/** A group type (PostHog's `groupType`, Segment's group) with the properties `group` may set on its groups. */
export interface GroupType {
  /** The key in `groups`, sent as the group type (`company`). */
  name: string
  description?: string
  /** What the group key is (`org_id`), for docs. */
  key?: string
  /**
   * `hash` when the key's property (the shared property named `key`) is hashed: the key is then hashed with
   * the catalog's salt wherever it is sent (the group call and the events' `groups`), as that property is.
   */
  keyTransform?: 'hash'
  properties: Record<string, PropertySchema>
}

export interface PrivacyPolicy {
  /** The catalog's own list, as written. */
  forbiddenKeys: string[]
  /** The built-in list plus the catalog's. */
  allForbiddenKeys: readonly string[]
  distinctId?: { property: string }
  saltEnv: string
  retentionDays?: number
}

export interface Catalog {
  /** The catalog file, as given to the loader. */
  file: string
  title?: string
  description?: string
  version?: string
  naming: NamingPolicy
  privacy: PrivacyPolicy
  categories: Record<string, Category>
  /** Shared properties, resolved. */
  properties: Record<string, PropertySchema>
  /** Declared events, in file order. */
  events: CatalogEvent[]
  eventsByName: ReadonlyMap<string, CatalogEvent>
  /** Every name code may capture, in file order. */
  wireEvents: WireEvent[]
  wireEventsByName: ReadonlyMap<string, WireEvent>
  /** The person properties of `identify`, when the catalog declares any. */
  identify?: PersonProperties
  /** Declared group types, in file order. */
  groups: GroupType[]
  /** With `stampVersions`: the names of the two properties every event carries (see version-stamps.ts). */
  stamps?: VersionStamps
  /** Whether `alias` is generated. */
  alias: boolean
  /** PostHog dashboards built from declared events, in file order. */
  dashboards: Dashboard[]
  /** Decides forbidden keys with the catalog's whole list; compiled once. */
  isForbiddenKey: ForbiddenKeyMatcher
  /** The catalog's own text, parsed, before normalization. */
  raw: Record<string, unknown>
  /** Where the key (or value) at `path` is in the catalog file; the nearest existing ancestor when absent. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position
}

/** The properties a span adds to its wire events. */
export const SPAN_STOP_PROPERTY = 'duration_ms'
export const SPAN_EXCEPTION_PROPERTY = 'error_kind'
