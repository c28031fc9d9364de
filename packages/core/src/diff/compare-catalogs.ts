/**
 * `herald diff`'s comparison: two normalized catalogs, event by event and property by property, each change
 * classified and placed in the new file (or the old one for what was removed). Pure: no files, no git.
 */
import semver from 'semver'
import type { Catalog, CatalogEvent } from '../catalog.js'
import type { PathSegment } from '../source-document.js'
import { ownProperties } from '../version-stamps.js'
import type { CatalogChange, ChangeId, ChangeKind } from './catalog-change.js'
import { compareIdentity, type Place } from './compare-identity.js'
import { compareMembers, type PropertyChange } from './compare-properties.js'
import { versionBumpChange } from './version-bump.js'

export function compareCatalogs(base: Catalog, head: Catalog): CatalogChange[] {
  const changes: CatalogChange[] = []
  const place = (id: ChangeId, kind: ChangeKind, message: string, side: 'base' | 'head', path: PathSegment[], extra: Partial<CatalogChange> = {}): void => {
    const catalog = side === 'head' ? head : base
    const anchor = side === 'base' ? { anchor: { file: head.file, ...head.locate(path, 'key') } } : {}
    changes.push({ id, kind, message, side, path, file: catalog.file, ...catalog.locate(path, 'key'), ...anchor, ...extra })
  }

  compareSettings(base, head, place)
  compareIdentity(base, head, place)
  for (const event of base.events) {
    const after = head.eventsByName.get(event.name)
    if (after === undefined) removedEvent(base, head, event, place)
    else compareEvent(base, head, event, after, place)
  }
  for (const event of head.events) {
    if (base.eventsByName.has(event.name)) continue
    place(
      'event-added',
      'additive',
      `The ${event.kind === 'span' ? 'span' : 'event'} "${event.name}" was added.`,
      'head',
      ['events', event.name],
      eventFields(event),
    )
  }

  const bump = versionBumpChange(base, head, changes)
  if (bump !== undefined)
    place('version-bump', bump.kind, bump.message, 'head', bump.path, bump.expectedVersion ? { expectedVersion: bump.expectedVersion } : {})
  return changes
}

function eventFields(event: CatalogEvent): Partial<CatalogChange> {
  return { event: event.name, wireEvents: event.wireEvents.map((w) => w.name) }
}

/**
 * Removing an event breaks its consumers unless it was deprecated in a version before the new one; a rename
 * announced with `renamedTo` is then not breaking either, as long as the new name exists.
 */
function removedEvent(base: Catalog, head: Catalog, event: CatalogEvent, place: Place): void {
  const path = ['events', event.name]
  const since = event.deprecated?.since
  const headVersion = head.version ?? base.version
  const periodOver =
    since !== undefined && semver.valid(since) !== null && (headVersion === undefined || semver.valid(headVersion) === null || semver.lt(since, headVersion))
  const renamedTo = event.deprecated?.renamedTo
  if (periodOver && renamedTo !== undefined && head.eventsByName.has(renamedTo)) {
    place(
      'event-renamed-after-deprecation',
      'additive',
      `The event "${event.name}" was removed after its deprecation in ${since}; it is now "${renamedTo}".`,
      'base',
      path,
      eventFields(event),
    )
  } else if (periodOver && renamedTo === undefined) {
    place(
      'event-removed-after-deprecation',
      'additive',
      `The event "${event.name}" was removed after its deprecation in ${since}.`,
      'base',
      path,
      eventFields(event),
    )
  } else {
    const why =
      event.deprecated === undefined
        ? 'without being deprecated first'
        : since === undefined
          ? 'while deprecated without a "since" version'
          : renamedTo !== undefined && !head.eventsByName.has(renamedTo) && periodOver
            ? `but its new name "${renamedTo}" is not declared`
            : `in the same version it was deprecated in (${since})`
    place(
      'event-removed',
      'breaking',
      `The event "${event.name}" was removed ${why}; code and dashboards that use ${wireList(event)} break.`,
      'base',
      path,
      eventFields(event),
    )
  }
}

function compareEvent(baseCatalog: Catalog, headCatalog: Catalog, base: CatalogEvent, head: CatalogEvent, place: Place): void {
  const path = ['events', head.name]
  const fields = eventFields(head)
  if (base.kind !== head.kind) {
    const gone = base.wireEvents.map((w) => w.name).filter((name) => !head.wireEvents.some((w) => w.name === name))
    place(
      'event-kind-changed',
      'breaking',
      `The event "${head.name}" changed from a ${base.kind} to a ${head.kind}: code captures ${wireList(head)} instead of ${gone.map((n) => `"${n}"`).join(', ')}.`,
      'head',
      [...path, 'kind'],
      fields,
    )
  }

  if (base.deprecated === undefined && head.deprecated !== undefined) {
    const to = head.deprecated.renamedTo ? `, renamed to "${head.deprecated.renamedTo}"` : ''
    place(
      'event-deprecated',
      'docs',
      `The event "${head.name}" is deprecated${head.deprecated.since ? ` since ${head.deprecated.since}` : ''}${to}.`,
      'head',
      [...path, 'deprecated'],
      fields,
    )
  } else if (base.deprecated !== undefined && head.deprecated === undefined) {
    place('event-undeprecated', 'docs', `The event "${head.name}" is no longer deprecated.`, 'head', path, fields)
  } else if (JSON.stringify(base.deprecated) !== JSON.stringify(head.deprecated)) {
    place('event-deprecated', 'docs', `The event "${head.name}" has a new deprecation notice.`, 'head', [...path, 'deprecated'], fields)
  }

  if (base.category !== head.category) {
    place(
      'event-category-changed',
      'docs',
      `The event "${head.name}" moved from category ${quote(base.category)} to ${quote(head.category)}.`,
      'head',
      head.category === undefined ? path : [...path, 'category'],
      fields,
    )
  }
  if (base.distinctId !== head.distinctId) {
    place(
      'distinct-id-changed',
      'privacy',
      `The event "${head.name}" takes its distinct id from ${head.distinctId !== undefined ? `"${head.distinctId}"` : "the catalog's privacy.distinctId"} (was ${base.distinctId !== undefined ? `"${base.distinctId}"` : "the catalog's privacy.distinctId"}).`,
      'head',
      head.distinctId !== undefined ? [...path, 'distinctId'] : path,
      fields,
    )
  }
  const added = head.groups.filter((g) => !base.groups.includes(g))
  const removed = base.groups.filter((g) => !head.groups.includes(g))
  if (added.length > 0 || removed.length > 0) {
    const list = (groups: string[]) => groups.map((g) => `"${g}"`).join(', ')
    const what = [added.length > 0 ? `now belongs to ${list(added)}` : '', removed.length > 0 ? `no longer belongs to ${list(removed)}` : '']
      .filter((s) => s !== '')
      .join(' and ')
    place(
      'event-groups-changed',
      'breaking',
      `The event "${head.name}" ${what}: its emitter takes the keys of ${head.groups.length > 0 ? list(head.groups) : 'no group'}, so its calls change.`,
      'head',
      head.groups.length > 0 ? [...path, 'groups'] : path,
      fields,
    )
  }
  for (const key of ['description', 'owner', 'level', 'since', 'changed'] as const) {
    if (base[key] !== head[key])
      place(
        'event-metadata-changed',
        'docs',
        `The event "${head.name}" has a new ${key}: ${quote(head[key])} (was ${quote(base[key])}).`,
        'head',
        head[key] === undefined ? path : [...path, key],
        fields,
      )
  }

  // The declared properties are compared once; a span's three wire events carry them all, so each change names
  // the wire events it reaches. The properties a span adds itself (duration_ms, error_kind) are Herald's, fixed;
  // the version stamps are compared once, as a setting (compareStamps).
  const propertyChanges: PropertyChange[] = []
  compareMembers(
    undefined,
    ownProperties(baseCatalog, base.properties),
    base.required,
    ownProperties(headCatalog, head.properties),
    head.required,
    propertyChanges,
    (key) => ['properties', key],
  )
  for (const change of propertyChanges) {
    const owner = change.side === 'head' ? head : base
    place(change.id, change.kind, `${change.message.replace(/\.$/, '')} in "${owner.name}".`, change.side, [...path, ...change.subpath], {
      event: owner.name,
      wireEvents: owner.wireEvents.map((w) => w.name),
      property: change.property,
    })
  }

  // With stampVersions, consumers tell an event's shapes apart by its stamped version: a change to what it sends
  // that leaves the version where it was makes two shapes look like one.
  const reshaped = base.kind !== head.kind || propertyChanges.some((change) => change.kind !== 'docs')
  if (headCatalog.stamps !== undefined && baseCatalog.stamps !== undefined && reshaped && base.version === head.version && head.version !== undefined) {
    place(
      'event-version-unchanged',
      'docs',
      `The event "${head.name}" changed what it sends, but its stamped version is still ${head.version}: set its "changed" to the catalog's new version${headCatalog.version !== undefined ? ` (${headCatalog.version})` : ''}.`,
      'head',
      path,
      fields,
    )
  }
}

/**
 * `stampVersions`: turning it on adds two properties to every event; turning it off, or renaming a stamp, takes
 * away what queries and pipelines that read the wire filter and group by.
 */
function compareStamps(base: Catalog, head: Catalog, place: Place): void {
  const before = base.stamps
  const after = head.stamps
  if (before === undefined && after === undefined) return
  if (before === undefined) {
    place(
      'stamps-enabled',
      'additive',
      `Every event now carries the catalog version in "${after!.catalogVersion}" and its own version in "${after!.eventVersion}".`,
      'head',
      ['stampVersions'],
    )
    return
  }
  if (after === undefined) {
    place(
      'stamps-disabled',
      'breaking',
      `Events no longer carry the version stamps "${before.catalogVersion}" and "${before.eventVersion}"; queries and pipelines that read them break.`,
      'base',
      ['stampVersions'],
    )
    return
  }
  for (const key of ['catalogVersion', 'eventVersion'] as const) {
    if (before[key] === after[key]) continue
    const raw = head.raw.stampVersions
    place(
      'stamp-renamed',
      'breaking',
      `The ${key === 'catalogVersion' ? 'catalog' : 'event'} version is now stamped as "${after[key]}" instead of "${before[key]}"; queries that read "${before[key]}" break.`,
      'head',
      typeof raw === 'object' && raw !== null && Object.hasOwn(raw, key) ? ['stampVersions', key] : ['stampVersions'],
    )
  }
}

function compareSettings(base: Catalog, head: Catalog, place: Place): void {
  compareStamps(base, head, place)
  if (base.naming.style !== head.naming.style || base.naming.pattern !== head.naming.pattern) {
    place('naming-changed', 'breaking', `The naming style changed from ${base.naming.describe} to ${head.naming.describe}.`, 'head', ['naming'])
  }
  for (const key of ['title', 'description'] as const) {
    if (base[key] !== head[key]) place('catalog-docs-changed', 'docs', `The catalog has a new ${key}.`, 'head', [key])
  }

  for (const [name, category] of Object.entries(base.categories)) {
    const after = head.categories[name]
    const path = ['categories', name]
    if (after === undefined) {
      place('category-removed', 'breaking', `The category "${name}" was removed.`, 'base', path)
      continue
    }
    const grown = after.requiredProperties.filter((p) => !category.requiredProperties.includes(p))
    const shrunk = category.requiredProperties.filter((p) => !after.requiredProperties.includes(p))
    if (grown.length > 0)
      place('category-required-grown', 'breaking', `The category "${name}" now requires ${grown.map((p) => `"${p}"`).join(', ')} on its events.`, 'head', [
        ...path,
        'requiredProperties',
      ])
    if (shrunk.length > 0)
      place('category-required-shrunk', 'additive', `The category "${name}" no longer requires ${shrunk.map((p) => `"${p}"`).join(', ')}.`, 'head', path)
    if (category.countsAndDurationsOnly !== after.countsAndDurationsOnly) {
      if (after.countsAndDurationsOnly)
        place('category-counts-only-changed', 'breaking', `The category "${name}" now allows only counts and durations.`, 'head', [
          ...path,
          'countsAndDurationsOnly',
        ])
      else place('category-counts-only-changed', 'privacy', `The category "${name}" no longer limits its events to counts and durations.`, 'head', path)
    }
    if (category.description !== after.description) place('category-docs-changed', 'docs', `The category "${name}" has a new description.`, 'head', path)
  }
  for (const name of Object.keys(head.categories)) {
    if (!Object.hasOwn(base.categories, name)) place('category-added', 'additive', `The category "${name}" was added.`, 'head', ['categories', name])
  }

  const headKeys = new Set(head.privacy.forbiddenKeys)
  const baseKeys = new Set(base.privacy.forbiddenKeys)
  base.privacy.forbiddenKeys.forEach((key, index) => {
    if (!headKeys.has(key)) place('forbidden-key-removed', 'privacy', `"${key}" is no longer a forbidden key.`, 'base', ['privacy', 'forbiddenKeys', index])
  })
  head.privacy.forbiddenKeys.forEach((key, index) => {
    if (!baseKeys.has(key)) place('forbidden-key-added', 'additive', `"${key}" is now a forbidden key.`, 'head', ['privacy', 'forbiddenKeys', index])
  })

  const before = base.privacy.retentionDays
  const after = head.privacy.retentionDays
  if (before !== after) {
    if (before !== undefined && (after === undefined || after > before)) {
      place(
        'retention-raised',
        'privacy',
        after === undefined ? `The retention limit of ${before} days was removed.` : `Retention was raised from ${before} to ${after} days.`,
        'head',
        after === undefined ? ['privacy'] : ['privacy', 'retentionDays'],
      )
    } else {
      place(
        'retention-lowered',
        'additive',
        before === undefined ? `Retention is now limited to ${after} days.` : `Retention was lowered from ${before} to ${after} days.`,
        'head',
        ['privacy', 'retentionDays'],
      )
    }
  }
  if (base.privacy.distinctId?.property !== head.privacy.distinctId?.property) {
    place(
      'distinct-id-changed',
      'privacy',
      `The distinct-id property changed from ${quote(base.privacy.distinctId?.property)} to ${quote(head.privacy.distinctId?.property)}.`,
      'head',
      head.privacy.distinctId ? ['privacy', 'distinctId', 'property'] : ['privacy'],
    )
  }
  if (base.privacy.saltEnv !== head.privacy.saltEnv) {
    place(
      'salt-env-changed',
      'breaking',
      `The hashing salt now comes from $${head.privacy.saltEnv} (was $${base.privacy.saltEnv}): hashed values change unless both hold the same salt.`,
      'head',
      ['privacy', 'saltEnv'],
    )
  }
}

function wireList(event: CatalogEvent): string {
  return event.wireEvents.map((w) => `"${w.name}"`).join(', ')
}

function quote(value: string | undefined): string {
  return value === undefined ? 'none' : `"${value}"`
}
