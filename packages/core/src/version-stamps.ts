/**
 * Versions on the wire (`stampVersions`): every event the generated emitters send carries the catalog's version
 * and the event's own version, as two properties the catalog names. They are added to each event's properties
 * at normalize time, so generators, redaction, docs, JSON Schema and verify see them like declared ones.
 */
import semver from 'semver'
import type { Catalog, CatalogEvent, PropertySchema } from './catalog.js'

/** The names of the two stamped properties. */
export interface VersionStamps {
  /** The property that carries the catalog's `version`. */
  catalogVersion: string
  /** The property that carries the event's own version (see {@link eventVersion}). */
  eventVersion: string
}

export const DEFAULT_VERSION_STAMPS: Readonly<VersionStamps> = Object.freeze({
  catalogVersion: 'herald_catalog_version',
  eventVersion: 'herald_event_version',
})

/**
 * Property names PostHog reads or sets itself, besides every `$`-prefixed one: `distinct_id` and `token` are read
 * from an event's properties by posthog-js and the capture endpoint, the rest are fields of the captured event.
 */
export const POSTHOG_RESERVED_PROPERTIES: readonly string[] = [
  'distinct_id',
  'token',
  'api_key',
  'event',
  'uuid',
  'timestamp',
  'properties',
  'set',
  'set_once',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
  'gclid',
  'fbclid',
]

/**
 * Names Segment reserves: the fields of its spec's common message (which integrations read next to the
 * properties) and the properties it gives a meaning in track and page calls. Compared without regard to case.
 */
export const SEGMENT_RESERVED_PROPERTIES: readonly string[] = [
  'anonymousId',
  'userId',
  'context',
  'integrations',
  'messageId',
  'timestamp',
  'sentAt',
  'receivedAt',
  'originalTimestamp',
  'type',
  'event',
  'properties',
  'traits',
  'version',
  'channel',
  'revenue',
  'currency',
  'value',
  'name',
  'path',
  'referrer',
  'search',
  'title',
  'url',
  'keywords',
]

const SEGMENT_LOWER = new Map(SEGMENT_RESERVED_PROPERTIES.map((name) => [name.toLowerCase(), name]))

/** Who reserves `name` (`PostHog keeps "$…" names`), or undefined when a stamp may take it. */
export function reservedStampName(name: string): string | undefined {
  if (name.startsWith('$')) return 'PostHog keeps the names that start with "$" for the properties it sets itself'
  if (POSTHOG_RESERVED_PROPERTIES.includes(name)) return `PostHog reserves "${name}"`
  const segment = SEGMENT_LOWER.get(name.toLowerCase())
  if (segment !== undefined) return `Segment reserves "${segment}"`
  return undefined
}

/** The stamp names a catalog's `stampVersions` value asks for; undefined when it is off or absent. */
export function stampNames(value: unknown): VersionStamps | undefined {
  if (value === true) return { ...DEFAULT_VERSION_STAMPS }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
  const given = value as Partial<VersionStamps>
  return {
    catalogVersion: given.catalogVersion ?? DEFAULT_VERSION_STAMPS.catalogVersion,
    eventVersion: given.eventVersion ?? DEFAULT_VERSION_STAMPS.eventVersion,
  }
}

/**
 * An event's own version: the newest of its `since`, `changed` and `deprecated.since` (compared as semver; when
 * none of them is a semantic version, the last of them given), else the catalog's version.
 */
export function eventVersion(event: Pick<CatalogEvent, 'since' | 'changed' | 'deprecated'>, catalogVersion: string | undefined): string | undefined {
  const given = [event.since, event.changed, event.deprecated?.since].filter((v): v is string => v !== undefined)
  const valid = given.filter((v) => semver.valid(v) !== null)
  if (valid.length > 0) return valid.reduce((newest, v) => (semver.gt(v, newest) ? v : newest))
  return given.at(-1) ?? catalogVersion
}

/** The property schemas of the two stamps, as they are added to an event's properties. */
export function stampSchemas(stamps: VersionStamps, catalogVersion: string, version: string): Record<string, PropertySchema> {
  return {
    [stamps.catalogVersion]: {
      type: 'string',
      const: catalogVersion,
      description: 'The catalog version the emitter was generated from; stamped by Herald, never passed by code.',
      pii: 'none',
    },
    [stamps.eventVersion]: {
      type: 'string',
      const: version,
      description: "This event's own version (the catalog version of its last change); stamped by Herald, never passed by code.",
      pii: 'none',
    },
  }
}

/** Whether `key` is one of the catalog's stamped properties. */
export function isStampProperty(catalog: Pick<Catalog, 'stamps'>, key: string): boolean {
  return catalog.stamps !== undefined && (key === catalog.stamps.catalogVersion || key === catalog.stamps.eventVersion)
}

/** The stamped values of an event (`{ herald_catalog_version: "1.4.0", herald_event_version: "1.2.0" }`); `{}` without stamps. */
export function stampValues(catalog: Pick<Catalog, 'stamps' | 'version'>, event: Pick<CatalogEvent, 'version'>): Record<string, string> {
  if (catalog.stamps === undefined || catalog.version === undefined || event.version === undefined) return {}
  return { [catalog.stamps.catalogVersion]: catalog.version, [catalog.stamps.eventVersion]: event.version }
}

/** An event's properties without the stamps: what code passes to its emitter. */
export function ownProperties<T>(catalog: Pick<Catalog, 'stamps'>, properties: Record<string, T>): Record<string, T> {
  if (catalog.stamps === undefined) return properties
  const out: Record<string, T> = {}
  for (const [key, value] of Object.entries(properties)) if (!isStampProperty(catalog, key)) out[key] = value
  return out
}
