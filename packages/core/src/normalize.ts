/**
 * Normalize phase: a meta-schema-valid catalog value → the `Catalog` model, with the checks JSON Schema
 * cannot express (naming, identifier collisions, forbidden keys, PII transforms, refs, cross-references).
 */
import { BUILTIN_FORBIDDEN_KEYS, compileForbiddenKeys, type ForbiddenKeyMatcher } from '@herald/runtime'
import {
  type Catalog,
  type CatalogEvent,
  type Category,
  type EventKind,
  type EventLevel,
  type GroupType,
  type JsonType,
  type PersonProperties,
  type PropertySchema,
  SPAN_EXCEPTION_PROPERTY,
  SPAN_STOP_PROPERTY,
  type WireEvent,
} from './catalog.js'
import { buildDashboards, type RawDashboard } from './dashboards.js'
import type { Diagnostic, DiagnosticCode } from './diagnostics.js'
import { eventIdentifier, isSdkEventName, type NamingPolicy, namingPolicy, type NamingStyle, normalizeEventName } from './naming.js'
import { unsafePatternProblem } from './regex-safety.js'
import type { PathSegment, Position, SourceDocument } from './source-document.js'
import { nearestNames } from './suggest.js'
import type { VerdictCache } from './verdict-cache.js'
import { eventVersion, reservedStampName, stampNames, stampSchemas, type VersionStamps } from './version-stamps.js'

type RawProperty = Record<string, unknown> & { $ref?: string }
interface RawEvent {
  kind?: EventKind
  category?: string
  description?: string
  level?: EventLevel
  owner?: string
  since?: string
  changed?: string
  deprecated?: { since?: string; renamedTo?: string; reason?: string }
  properties?: Record<string, RawProperty>
  required?: string[]
  distinctId?: string
  groups?: string[]
  [extension: string]: unknown
}
interface RawCatalog {
  title?: string
  description?: string
  version?: string
  naming?: { style?: NamingStyle; pattern?: string }
  privacy?: { forbiddenKeys?: string[]; distinctId?: { property: string }; saltEnv?: string; retentionDays?: number }
  categories?: Record<string, { description?: string; requiredProperties?: string[]; countsAndDurationsOnly?: boolean }>
  properties?: Record<string, RawProperty>
  events: Record<string, RawEvent>
  identify?: { description?: string; set?: Record<string, RawProperty>; setOnce?: Record<string, RawProperty> }
  groups?: Record<string, { description?: string; key?: string; properties?: Record<string, RawProperty> }>
  alias?: boolean
  stampVersions?: boolean | Partial<VersionStamps>
  dashboards?: Record<string, RawDashboard>
}

/** The names generated code gives identify, group and alias: an event may not take them when they are generated. */
const IDENTITY_EMITTERS = { identify: 'identify', groups: 'group', alias: 'alias' } as const
/** PostHog keeps at most this many group types per project; a sixth is never created. */
const MAX_GROUP_TYPES = 5

const REF_PREFIX = '#/properties/'
const DEFAULT_STAMP_HINT = { catalogVersion: 'herald_catalog_version', eventVersion: 'herald_event_version' } as const
const SCHEMA_KEYS_WITH_SUBSCHEMAS = new Set(['items', 'properties', '$ref'])

/** What every object inherits from Object.prototype (besides `__proto__`): no property may be named so. */
const OBJECT_PROTOTYPE_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

export function buildCatalog(document: SourceDocument, options: { verdicts?: VerdictCache } = {}): { catalog?: Catalog; diagnostics: Diagnostic[] } {
  return new CatalogBuilder(document, options.verdicts).build()
}

class CatalogBuilder {
  private readonly raw: RawCatalog
  private readonly diagnostics: Diagnostic[] = []
  private readonly shared = new Map<string, PropertySchema | null | 'resolving'>()
  private readonly refStack: string[] = []
  private naming: NamingPolicy = namingPolicy()
  /** False when the catalog's own pattern is broken: names are then only checked for spaces. */
  private namingKnown = true
  private isForbidden: ForbiddenKeyMatcher = compileForbiddenKeys()
  private normalizedNames = new Map<string, string>()
  /** The stamped properties' names, when `stampVersions` is on and they can be used. */
  private stamps: VersionStamps | undefined

  constructor(
    private readonly document: SourceDocument,
    /** Patterns already shown safe, and where to record the ones shown safe now. */
    private readonly verdicts?: VerdictCache,
  ) {
    this.raw = document.value as RawCatalog
  }

  build(): { catalog?: Catalog; diagnostics: Diagnostic[] } {
    const raw = this.raw
    const style = raw.naming?.style ?? 'dot.snake_case'
    try {
      this.naming = namingPolicy(style, raw.naming?.pattern)
    } catch (error) {
      this.report(
        'invalid-pattern',
        ['naming', 'pattern'],
        `The naming pattern ${JSON.stringify(raw.naming?.pattern)} is not a valid regular expression: ${regexProblem(error)}.`,
        'fix the pattern; it is anchored for you, so leave out ^ and $',
      )
      this.naming = namingPolicy(style)
      this.namingKnown = false
    }

    const forbiddenKeys = raw.privacy?.forbiddenKeys ?? []
    const allForbiddenKeys = Object.freeze([...new Set([...BUILTIN_FORBIDDEN_KEYS, ...forbiddenKeys])])
    this.isForbidden = compileForbiddenKeys(allForbiddenKeys)

    const categories: Record<string, Category> = {}
    for (const [name, category] of Object.entries(raw.categories ?? {})) {
      categories[name] = {
        name,
        ...(category.description !== undefined ? { description: category.description } : {}),
        requiredProperties: category.requiredProperties ?? [],
        countsAndDurationsOnly: category.countsAndDurationsOnly ?? false,
      }
    }

    this.stamps = this.buildStamps()

    const properties: Record<string, PropertySchema> = {}
    for (const name of Object.keys(raw.properties ?? {})) {
      this.checkDeclaredKey(name, raw.properties![name]!, ['properties', name])
      const resolved = this.resolveShared(name)
      if (resolved) {
        setOwn(properties, name, resolved)
        this.checkSchema(resolved, raw.properties![name]!, ['properties', name], false)
      }
    }

    const events: CatalogEvent[] = []
    const eventsByName = new Map<string, CatalogEvent>()
    const wireEvents: WireEvent[] = []
    const wireEventsByName = new Map<string, WireEvent>()
    const identifiers = new Map<string, string>()

    for (const [name, rawEvent] of Object.entries(raw.events)) {
      const path = ['events', name]
      this.checkEventName(name, path)
      const identifier = eventIdentifier(name)
      const other = identifiers.get(identifier)
      if (other !== undefined) {
        this.report(
          'identifier-collision',
          path,
          `The events "${other}" and "${name}" both generate the identifier \`${identifier}\`.`,
          'rename one of them',
          'key',
        )
      } else identifiers.set(identifier, name)

      const event = this.buildEvent(name, identifier, rawEvent, categories)
      events.push(event)
      eventsByName.set(name, event)
      for (const wire of event.wireEvents) {
        const clash = wireEventsByName.get(wire.name)
        if (clash) {
          this.report(
            'wire-name-collision',
            path,
            `The event "${name}" sends "${wire.name}", which "${clash.event.name}" sends too.`,
            'rename one of them: a span sends <name>.start, <name>.stop and <name>.exception',
            'key',
          )
          continue
        }
        wireEvents.push(wire)
        wireEventsByName.set(wire.name, wire)
      }
    }

    for (const event of events) {
      const target = event.deprecated?.renamedTo
      if (target === undefined) continue
      const path = ['events', event.name, 'deprecated', 'renamedTo']
      if (target === event.name) this.report('unknown-rename-target', path, `The event "${event.name}" is renamed to itself.`)
      else if (!eventsByName.has(target)) {
        const near = this.nearest(target, eventsByName.keys())
        this.report(
          'unknown-rename-target',
          path,
          `The event "${event.name}" is renamed to "${target}", which is not declared.`,
          near.length ? `did you mean "${near[0]}"?` : 'declare that event, or remove renamedTo',
        )
      }
    }

    const distinctId = raw.privacy?.distinctId
    if (distinctId && !events.some((event) => Object.hasOwn(event.properties, distinctId.property))) {
      const declared = new Set(events.flatMap((event) => Object.keys(event.properties)))
      this.report(
        'unused-distinct-id',
        ['privacy', 'distinctId', 'property'],
        `The distinct-id property "${distinctId.property}" is not declared by any event.`,
        this.hintNear(distinctId.property, [...declared], 'declare it on the events that identify a user, or change privacy.distinctId'),
      )
    }

    const identify = this.buildIdentify()
    const groups = this.buildGroups(properties, events)
    const alias = raw.alias ?? false
    for (const [section, generated] of Object.entries(IDENTITY_EMITTERS)) {
      const clash = events.find((event) => event.identifier === generated)
      if (clash && (section === 'alias' ? alias : raw[section as 'identify' | 'groups'] !== undefined)) {
        this.report(
          'identifier-collision',
          ['events', clash.name],
          `The event "${clash.name}" generates the identifier \`${generated}\`, which the catalog's "${section}" section generates too.`,
          'rename the event',
          'key',
        )
      }
    }

    const dashboards = buildDashboards(raw.dashboards, wireEventsByName, (code, path, message, hint) => this.report(code, path, message, hint))

    this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)
    if (this.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: this.diagnostics }

    const catalog: Catalog = {
      file: this.document.file,
      ...(raw.title !== undefined ? { title: raw.title } : {}),
      ...(raw.description !== undefined ? { description: raw.description } : {}),
      ...(raw.version !== undefined ? { version: raw.version } : {}),
      naming: this.naming,
      privacy: {
        forbiddenKeys,
        allForbiddenKeys,
        ...(distinctId ? { distinctId: { property: distinctId.property } } : {}),
        saltEnv: raw.privacy?.saltEnv ?? 'HERALD_SALT',
        ...(raw.privacy?.retentionDays !== undefined ? { retentionDays: raw.privacy.retentionDays } : {}),
      },
      categories,
      properties,
      events,
      eventsByName,
      wireEvents,
      wireEventsByName,
      ...(identify !== undefined ? { identify } : {}),
      groups,
      ...(this.stamps !== undefined ? { stamps: this.stamps } : {}),
      alias,
      dashboards,
      isForbiddenKey: this.isForbidden,
      raw: raw as unknown as Record<string, unknown>,
      locate: (path, at = 'key') => this.document.locate(path, at),
    }
    return { catalog, diagnostics: this.diagnostics }
  }

  /**
   * `stampVersions`: the two names, checked (not reserved by PostHog or Segment, not forbidden, not the same
   * twice, a `version` to stamp). Undefined when off, or when a name cannot be used (reported).
   */
  private buildStamps(): VersionStamps | undefined {
    const setting = this.raw.stampVersions
    const stamps = stampNames(setting)
    if (stamps === undefined) return undefined
    let usable = true
    if (this.raw.version === undefined) {
      this.report(
        'missing-field',
        ['stampVersions'],
        'The catalog stamps versions on its events (stampVersions), but has no "version" to stamp.',
        'add "version": "1.0.0" (a semantic version) to the catalog',
        'key',
      )
      usable = false
    }
    for (const key of ['catalogVersion', 'eventVersion'] as const) {
      const name = stamps[key]
      const given = typeof setting === 'object' && setting[key] !== undefined
      const path = given ? ['stampVersions', key] : ['stampVersions']
      const reserved = reservedStampName(name)
      if (reserved !== undefined) {
        this.report(
          'reserved-property',
          path,
          `The ${key === 'catalogVersion' ? 'catalog' : 'event'} version stamp "${name}" cannot be used: ${reserved}.`,
          `use a name of your own, such as "${DEFAULT_STAMP_HINT[key]}"`,
        )
        usable = false
        continue
      }
      const before = this.diagnostics.length
      this.checkDeclaredKey(name, { type: 'string' }, path, given ? 'value' : 'key')
      if (this.diagnostics.length !== before) usable = false
    }
    if (stamps.catalogVersion === stamps.eventVersion) {
      this.report(
        'invalid-value',
        ['stampVersions', 'eventVersion'],
        `The catalog version and the event version are both stamped as "${stamps.eventVersion}".`,
        'give them two names',
      )
      usable = false
    }
    return usable ? stamps : undefined
  }

  /** Property schemas declared outside events (person and group properties), with the same rules as an event's. */
  private declaredProperties(raw: Record<string, RawProperty> | undefined, path: PathSegment[]): Record<string, PropertySchema> {
    const properties: Record<string, PropertySchema> = {}
    for (const [key, rawProperty] of Object.entries(raw ?? {})) {
      const propertyPath = [...path, key]
      this.checkDeclaredKey(key, rawProperty, propertyPath)
      if (key.startsWith('$')) {
        this.report(
          'reserved-property',
          propertyPath,
          `The property "${key}" starts with "$", which PostHog keeps for the properties it sets itself.`,
          `use "${key.replace(/^\$+/, '')}"`,
          'key',
        )
      }
      const resolved = this.resolve(rawProperty, propertyPath)
      if (!resolved) continue
      setOwn(properties, key, resolved)
      this.checkSchema(resolved, rawProperty, propertyPath, false)
    }
    return properties
  }

  private buildIdentify(): PersonProperties | undefined {
    const raw = this.raw.identify
    if (raw === undefined) return undefined
    const set = this.declaredProperties(raw.set, ['identify', 'set'])
    const setOnce = this.declaredProperties(raw.setOnce, ['identify', 'setOnce'])
    for (const key of Object.keys(raw.setOnce ?? {})) {
      if (Object.hasOwn(raw.set ?? {}, key)) {
        this.report(
          'duplicate-person-property',
          ['identify', 'setOnce', key],
          `The person property "${key}" is declared in both "set" and "setOnce"; one identify would overwrite what the other keeps.`,
          'keep it in one of them: "set" to overwrite, "setOnce" to keep the first value',
          'key',
        )
      }
    }
    return { ...(raw.description !== undefined ? { description: raw.description } : {}), set, setOnce }
  }

  private buildGroups(shared: Record<string, PropertySchema>, events: CatalogEvent[]): GroupType[] {
    const groups: GroupType[] = []
    for (const [name, raw] of Object.entries(this.raw.groups ?? {})) {
      const path = ['groups', name]
      if (groups.length === MAX_GROUP_TYPES) {
        this.report(
          'too-many-group-types',
          path,
          `The group type "${name}" is the ${groups.length + 1}th; PostHog keeps at most ${MAX_GROUP_TYPES} group types per project and drops the rest.`,
          'merge group types, or model this one as a property of a group',
          'key',
        )
      }
      const own = this.declaredProperties(raw.properties, [...path, 'properties'])
      const keyTransform = raw.key !== undefined ? this.groupKeyTransform(name, raw.key, shared, own, events) : undefined
      groups.push({
        name,
        ...(raw.description !== undefined ? { description: raw.description } : {}),
        ...(raw.key !== undefined ? { key: raw.key } : {}),
        ...(keyTransform === 'hash' ? { keyTransform } : {}),
        properties: own,
      })
    }
    return groups
  }

  /**
   * The transform of a group type's key: that of its key property (the shared property named `key`, else the
   * group's own property of that name). Every other declaration of that name (the group's own, each event's)
   * must agree, or the key sent with the group and with events would not be the same value; a dropped key
   * cannot key anything.
   */
  private groupKeyTransform(
    name: string,
    key: string,
    shared: Record<string, PropertySchema>,
    own: Record<string, PropertySchema>,
    events: CatalogEvent[],
  ): 'hash' | undefined {
    const fromShared = Object.hasOwn(shared, key)
    const keyProperty = fromShared ? shared[key] : Object.hasOwn(own, key) ? own[key] : undefined
    const keyPath = fromShared ? ['properties', key] : ['groups', name, 'properties', key]
    const transform = keyProperty?.transform
    if (transform === 'drop') {
      this.report(
        'dropped-group-key',
        ['groups', name, 'key'],
        `The group type "${name}" is keyed by "${key}", whose property has transform: drop (${describePath(keyPath)}); a key that is never sent cannot key a group.`,
        `give "${key}" transform: hash, so the key is pseudonymous and still the same in every call, or key the group by another id`,
      )
      return undefined
    }
    const describe = (t: string | undefined) => (t === undefined ? 'sent as it is' : t === 'hash' ? 'hashed' : 'dropped')
    const others: Array<[PathSegment[], PropertySchema, string]> = []
    if (fromShared && Object.hasOwn(own, key)) others.push([['groups', name, 'properties', key], own[key]!, `the group type "${name}"`])
    for (const event of events) {
      if (Object.hasOwn(event.properties, key)) others.push([['events', event.name, 'properties', key], event.properties[key]!, `the event "${event.name}"`])
    }
    for (const [path, property, owner] of others) {
      if (property.transform === transform) continue
      this.report(
        'group-key-transform-mismatch',
        path,
        `The property "${key}" of ${owner} is ${describe(property.transform)}, but it keys the group type "${name}", whose key is ${describe(transform)} (${describePath(keyPath)}): the two would never be the same value.`,
        keyProperty === undefined
          ? `declare "${key}" once under "properties" with the transform it needs, and $ref it from the events`
          : `${transform === undefined ? 'remove its transform' : `give it transform: ${transform}`}, as ${describePath(keyPath)} has${fromShared ? `, or write { "$ref": "#/properties/${key}" }` : ''}`,
        'key',
      )
    }
    return transform
  }

  private buildEvent(name: string, identifier: string, raw: RawEvent, categories: Record<string, Category>): CatalogEvent {
    const path = ['events', name]
    const kind = raw.kind ?? 'signal'
    const properties: Record<string, PropertySchema> = {}
    for (const [key, rawProperty] of Object.entries(raw.properties ?? {})) {
      const propertyPath = [...path, 'properties', key]
      this.checkDeclaredKey(key, rawProperty, propertyPath)
      if (kind === 'span' && (key === SPAN_STOP_PROPERTY || key === SPAN_EXCEPTION_PROPERTY)) {
        this.report(
          'reserved-property',
          propertyPath,
          `The span "${name}" declares "${key}", which Herald adds to its ${key === SPAN_STOP_PROPERTY ? '.stop' : '.exception'} event.`,
          'remove it',
          'key',
        )
      }
      const resolved = this.resolve(rawProperty, propertyPath)
      if (!resolved) continue
      setOwn(properties, key, resolved)
      this.checkSchema(
        resolved,
        rawProperty,
        propertyPath,
        (raw.category !== undefined && Object.hasOwn(categories, raw.category) && categories[raw.category]!.countsAndDurationsOnly) || false,
      )
    }
    if (this.stamps !== undefined) {
      for (const stamp of [this.stamps.catalogVersion, this.stamps.eventVersion]) {
        if (!Object.hasOwn(raw.properties ?? {}, stamp)) continue
        this.report(
          'reserved-property',
          [...path, 'properties', stamp],
          `The event "${name}" declares "${stamp}", which stampVersions stamps on every event.`,
          'rename the property, or give the stamp another name under stampVersions',
          'key',
        )
      }
      if (
        kind === 'span' &&
        (this.stamps.catalogVersion === SPAN_STOP_PROPERTY ||
          this.stamps.catalogVersion === SPAN_EXCEPTION_PROPERTY ||
          this.stamps.eventVersion === SPAN_STOP_PROPERTY ||
          this.stamps.eventVersion === SPAN_EXCEPTION_PROPERTY)
      ) {
        this.report(
          'reserved-property',
          ['stampVersions'],
          `A version stamp is named like a property Herald adds to the span "${name}" (duration_ms, error_kind).`,
          'rename the stamp',
          'key',
        )
      }
    }
    const required = raw.required ?? []
    required.forEach((key, i) => {
      if (!Object.hasOwn(raw.properties ?? {}, key)) {
        this.report(
          'unknown-required-property',
          [...path, 'required', i],
          `The event "${name}" requires "${key}", which it does not declare.`,
          this.hintNear(key, Object.keys(raw.properties ?? {}), 'declare it under properties'),
        )
      }
    })

    if (raw.category !== undefined) {
      const category = Object.hasOwn(categories, raw.category) ? categories[raw.category] : undefined
      if (!category) {
        const known = Object.keys(categories)
        this.report(
          'unknown-category',
          [...path, 'category'],
          `The event "${name}" is in the category "${raw.category}", which is not declared.`,
          known.length === 0 ? 'declare it under "categories"' : this.hintNear(raw.category, known, `declared: ${known.join(', ')}`),
        )
      } else {
        for (const property of category.requiredProperties) {
          if (!Object.hasOwn(properties, property) && !Object.hasOwn(raw.properties ?? {}, property)) {
            this.report(
              'missing-category-property',
              path,
              `The event "${name}" is in the category "${raw.category}", whose events must declare "${property}".`,
              `add "${property}" to its properties`,
              'key',
            )
          }
        }
      }
    }

    if (raw.distinctId !== undefined && !Object.hasOwn(raw.properties ?? {}, raw.distinctId)) {
      this.report(
        'unknown-event-distinct-id',
        [...path, 'distinctId'],
        `The event "${name}" takes its distinct id from "${raw.distinctId}", which it does not declare.`,
        this.hintNear(raw.distinctId, Object.keys(raw.properties ?? {}), 'declare it under properties, an opaque id (pii: pseudonymous)'),
      )
    }
    const declaredGroups = Object.keys(this.raw.groups ?? {})
    const groups: string[] = []
    ;(raw.groups ?? []).forEach((type, i) => {
      if (Object.hasOwn(this.raw.groups ?? {}, type)) groups.push(type)
      else
        this.report(
          'unknown-event-group',
          [...path, 'groups', i],
          `The event "${name}" belongs to the group type "${type}", which is not declared.`,
          declaredGroups.length === 0
            ? 'declare it under "groups", with the key that identifies a group'
            : this.hintNear(type, declaredGroups, `declared: ${declaredGroups.join(', ')}`),
        )
    })

    const extensions: Record<string, unknown> = {}
    for (const key in raw) if (key.startsWith('x-')) extensions[key] = raw[key]

    const event = new DeclaredEvent(this.document, path)
    event.name = name
    event.identifier = identifier
    event.kind = kind
    if (raw.category !== undefined) event.category = raw.category
    if (raw.description !== undefined) event.description = raw.description
    event.level = raw.level ?? 'info'
    if (raw.owner !== undefined) event.owner = raw.owner
    if (raw.since !== undefined) event.since = raw.since
    if (raw.changed !== undefined) event.changed = raw.changed
    if (raw.deprecated !== undefined) event.deprecated = { ...raw.deprecated }
    const version = eventVersion(event, this.raw.version)
    if (version !== undefined) event.version = version
    if (this.stamps !== undefined && this.raw.version !== undefined && version !== undefined) {
      Object.assign(properties, stampSchemas(this.stamps, this.raw.version, version))
    }
    event.properties = properties
    event.required = [...required]
    event.groups = groups
    if (raw.distinctId !== undefined) event.distinctId = raw.distinctId
    event.extensions = extensions
    event.wireEvents = kind === 'span' ? spanWireEvents(event) : [{ name, phase: 'signal', event, properties, required: event.required }]
    return event
  }

  private checkEventName(name: string, path: PathSegment[]): void {
    // An SDK's own event (`$pageview`) is declared as the SDK spells it, whatever the catalog's style.
    if (isSdkEventName(name) || this.naming.test(name) || (!this.namingKnown && !/\s/.test(name))) return
    const normalized = normalizeEventName(name, this.naming.style)
    const hint = normalized !== name && normalized !== '' && this.naming.test(normalized) ? `use "${normalized}"` : undefined
    if (/\s/.test(name)) {
      this.report('event-name-has-space', path, `The event name "${name}" contains a space; event names never do.`, hint ?? 'use dots or underscores', 'key')
    } else {
      this.report('invalid-event-name', path, `The event name "${name}" does not follow the catalog's naming style: ${this.naming.describe}.`, hint, 'key')
    }
  }

  /** Forbidden keys and PII rules for a property key declared anywhere (shared, event, nested). */
  private checkDeclaredKey(key: string, raw: RawProperty, path: PathSegment[], at: 'key' | 'value' = 'key'): void {
    if (key === '__proto__') {
      // JSON.parse keeps it as a key, but assigning it to an object changes the object's prototype instead.
      this.report('reserved-property', path, 'The property name "__proto__" cannot be used: JavaScript objects treat it as their prototype.', 'rename it', at)
      return
    }
    if (OBJECT_PROTOTYPE_NAMES.has(key)) {
      // TypeScript gives `{}` every member of Object, so `{}` would not match `{ constructor?: string }`.
      this.report(
        'reserved-property',
        path,
        `The property name "${key}" cannot be used: every JavaScript object inherits a "${key}", so TypeScript would refuse properties that leave it out and code reading it would find the inherited one.`,
        `rename it, for example "${key}_value"`,
        at,
      )
      return
    }
    const valueType = scalarType(raw.type as JsonType | JsonType[] | undefined)
    const entry = this.isForbidden.match(key)
    if (entry !== undefined && this.isForbidden(key, valueType)) {
      this.report(
        'forbidden-key',
        path,
        `The property "${key}" is a forbidden key (it matches "${entry}"); it can never be declared or sent.`,
        key.toLowerCase().includes('email')
          ? 'use an opaque id such as user_id, or a boolean such as has_email'
          : 'remove it; send a boolean or a count instead if the fact matters',
        at,
      )
    }
  }

  /** Rules on a resolved schema, at every depth. `raw` is the schema as written, to avoid reporting a shared definition twice. */
  private checkSchema(schema: PropertySchema, raw: RawProperty, path: PathSegment[], countsOnly: boolean): void {
    const fromRef = raw.$ref !== undefined
    const declaresOwnPrivacy = raw.pii !== undefined || raw.transform !== undefined
    if ((schema.pii === 'personal' || schema.pii === 'sensitive') && !schema.transform && (!fromRef || declaresOwnPrivacy)) {
      this.report(
        'pii-without-transform',
        path,
        `The property "${String(path[path.length - 1])}" is ${schema.pii} data but has no transform.`,
        'add "transform": "hash" (to correlate without the raw value) or "transform": "drop"',
        'key',
      )
    }
    if (countsOnly && isFreeText(schema)) {
      this.report(
        'free-text-property',
        path,
        `The property "${String(path[path.length - 1])}" is free text, but its category allows counts, durations and enumerated values only.`,
        'give it an enum, a format or a pattern, or make it a number or boolean',
        'key',
      )
    }
    for (const key of ['pattern'] as const) {
      if (typeof raw[key] === 'string') {
        try {
          new RegExp(raw[key] as string, 'u')
        } catch (error) {
          this.report(
            'invalid-pattern',
            [...path, key],
            `The pattern ${JSON.stringify(raw[key])} is not a valid regular expression: ${regexProblem(error)}.`,
            'patterns use JavaScript regular expression syntax with the u flag',
          )
          continue
        }
        // Dev validation runs the pattern on every emit, in the app's thread: it must not backtrack without end.
        const pattern = raw[key] as string
        if (this.verdicts?.has('pattern', pattern)) continue
        const unsafe = unsafePatternProblem(pattern)
        if (!unsafe) this.verdicts?.add('pattern', pattern)
        else this.report('unsafe-pattern', [...path, key], `The pattern ${JSON.stringify(raw[key])} ${unsafe.reason}.`, unsafe.hint)
      }
    }
    const rawProperties = (raw.properties ?? {}) as Record<string, RawProperty>
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const rawChild = Object.hasOwn(rawProperties, key) ? rawProperties[key] : undefined
      if (!rawChild) continue // inherited from a shared definition: checked there
      this.checkDeclaredKey(key, rawChild, [...path, 'properties', key])
      this.checkSchema(child, rawChild, [...path, 'properties', key], countsOnly)
    }
    ;((raw.required as string[] | undefined) ?? []).forEach((key, i) => {
      if (!Object.hasOwn(schema.properties ?? {}, key)) {
        this.report(
          'unknown-required-property',
          [...path, 'required', i],
          `The object "${String(path[path.length - 1])}" requires "${key}", which it does not declare.`,
          this.hintNear(key, Object.keys(schema.properties ?? {}), 'declare it under its properties'),
        )
      }
    })
    if (schema.items && raw.items && typeof raw.items === 'object') {
      this.checkSchema(schema.items, raw.items as RawProperty, [...path, 'items'], countsOnly)
    }
  }

  private resolveShared(name: string): PropertySchema | undefined {
    const state = this.shared.get(name)
    if (state === 'resolving') return undefined
    if (state !== undefined) return state ?? undefined
    this.shared.set(name, 'resolving')
    this.refStack.push(name)
    const resolved = this.resolve(this.raw.properties![name]!, ['properties', name])
    this.refStack.pop()
    this.shared.set(name, resolved ?? null)
    return resolved
  }

  /** Resolves `$ref`s at every depth; undefined (with a diagnostic) when a ref is broken. */
  private resolve(raw: RawProperty, path: PathSegment[]): PropertySchema | undefined {
    let schema: PropertySchema
    if (raw.$ref !== undefined) {
      const name = raw.$ref.slice(REF_PREFIX.length).replace(/~1/g, '/').replace(/~0/g, '~')
      if (!Object.hasOwn(this.raw.properties ?? {}, name)) {
        this.report(
          'unresolved-ref',
          [...path, '$ref'],
          `The reference "${raw.$ref}" points at no shared property.`,
          this.hintNear(name, Object.keys(this.raw.properties ?? {}), 'declare it under the top-level "properties"', (n) => `${REF_PREFIX}${n}`),
        )
        return undefined
      }
      if (this.shared.get(name) === 'resolving') {
        const cycle = [...this.refStack.slice(this.refStack.indexOf(name)), name]
        this.report(
          'ref-cycle',
          [...path, '$ref'],
          `The reference "${raw.$ref}" makes a cycle: ${cycle.join(' → ')}.`,
          'break the cycle; property schemas cannot contain themselves',
        )
        return undefined
      }
      const target = this.resolveShared(name)
      if (!target) return undefined
      schema = { ...target, ref: name }
    } else schema = {}
    for (const key in raw) {
      if (SCHEMA_KEYS_WITH_SUBSCHEMAS.has(key)) continue
      ;(schema as Record<string, unknown>)[key] = raw[key]
    }
    if (raw.items !== undefined) {
      const items = this.resolve(raw.items as RawProperty, [...path, 'items'])
      if (!items) return undefined
      schema.items = items
    }
    if (raw.properties !== undefined) {
      const properties: Record<string, PropertySchema> = {}
      for (const [key, child] of Object.entries(raw.properties as Record<string, RawProperty>)) {
        const resolved = this.resolve(child, [...path, 'properties', key])
        if (!resolved) return undefined
        setOwn(properties, key, resolved)
      }
      schema.properties = properties
    }
    return schema
  }

  private nearest(name: string, candidates: Iterable<string>): string[] {
    const normalize = (n: string) => {
      let cached = this.normalizedNames.get(n)
      if (cached === undefined) this.normalizedNames.set(n, (cached = normalizeEventName(n, this.naming.style)))
      return cached
    }
    return nearestNames(name, candidates, normalize)
  }

  private hintNear(name: string, candidates: string[], fallback: string, show: (n: string) => string = (n) => n): string {
    const near = nearestNames(name, candidates, (n) => n.toLowerCase())
    return near.length > 0 ? `did you mean "${show(near[0]!)}"?` : fallback
  }

  private report(code: DiagnosticCode, path: PathSegment[], message: string, hint?: string, at: 'key' | 'value' = 'value'): void {
    this.diagnostics.push({
      code,
      severity: 'error',
      message,
      file: this.document.file,
      ...this.document.locate(path, at),
      ...(hint ? { hint } : {}),
    })
  }
}

/** A declared event; its position in the file is looked up only when someone asks (the lookup builds a position tree). */
class DeclaredEvent implements CatalogEvent {
  name = ''
  identifier = ''
  kind: EventKind = 'signal'
  category?: string
  description?: string
  level: EventLevel = 'info'
  owner?: string
  since?: string
  changed?: string
  deprecated?: CatalogEvent['deprecated']
  version?: string
  properties: Record<string, PropertySchema> = {}
  required: string[] = []
  groups: string[] = []
  distinctId?: string
  wireEvents: WireEvent[] = []
  extensions: Record<string, unknown> = {}
  #position: Position | undefined
  readonly #document: SourceDocument
  readonly #path: PathSegment[]

  constructor(document: SourceDocument, path: PathSegment[]) {
    this.#document = document
    this.#path = path
  }

  get position(): Position {
    return (this.#position ??= this.#document.locate(this.#path, 'key'))
  }

  toJSON(): Omit<CatalogEvent, 'wireEvents'> & { wireEvents: string[] } {
    return { ...this, position: this.position, wireEvents: this.wireEvents.map((w) => w.name) }
  }
}

function spanWireEvents(event: CatalogEvent): WireEvent[] {
  const { name, properties, required } = event
  const stop: Record<string, PropertySchema> = {
    ...properties,
    [SPAN_STOP_PROPERTY]: { type: 'number', minimum: 0, description: 'How long the operation took, in milliseconds.', pii: 'none' },
  }
  const exception: Record<string, PropertySchema> = {
    ...properties,
    [SPAN_EXCEPTION_PROPERTY]: { type: 'string', description: "The error's class name (never its message, which can carry personal data).", pii: 'none' },
  }
  return [
    { name: `${name}.start`, phase: 'start', event, properties, required },
    { name: `${name}.stop`, phase: 'stop', event, properties: stop, required: [...required, SPAN_STOP_PROPERTY] },
    { name: `${name}.exception`, phase: 'exception', event, properties: exception, required: [...required, SPAN_EXCEPTION_PROPERTY] },
  ]
}

/** `target[key] = value`, except that `__proto__` becomes an own key (reported) instead of replacing the prototype. */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/** Why a regular expression does not compile, without the engine's echo of the whole expression. */
function regexProblem(error: unknown): string {
  const message = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')
  return message.charAt(0).toLowerCase() + message.slice(1)
}

/** The single scalar type of a schema when it has one (so booleans and numbers pass the forbidden-key rule). */
function scalarType(type: JsonType | JsonType[] | undefined): 'boolean' | 'number' | 'integer' | undefined {
  const types = Array.isArray(type) ? type : type ? [type] : []
  if (types.length === 0) return undefined
  if (types.every((t) => t === 'boolean')) return 'boolean'
  if (types.every((t) => t === 'number' || t === 'integer')) return 'number'
  return undefined
}

/** A string that can carry content: not an enum, const, format or pattern, nor an opaque or transformed id. */
function isFreeText(schema: PropertySchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (!types.includes('string')) return false
  // Opaque ids and values that never leave raw are not content.
  if (schema.transform !== undefined || schema.pii === 'pseudonymous') return false
  return schema.enum === undefined && schema.const === undefined && schema.format === undefined && schema.pattern === undefined
}

/** `properties.org_id` for the messages that name where a property is declared. */
function describePath(path: PathSegment[]): string {
  return path.join('.')
}
