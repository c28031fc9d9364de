/**
 * The parts of a catalog beside its events: the person properties `identify` may set, the group types and their
 * properties, `alias`, and the dashboards. Person and group properties are compared exactly as event properties
 * are (a `pii` lowered is a privacy change there too); a generated function that disappears is breaking.
 */
import type { Catalog, PropertySchema } from '../catalog.js'
import type { Dashboard } from '../dashboards.js'
import type { PathSegment } from '../source-document.js'
import type { CatalogChange, ChangeId, ChangeKind } from './catalog-change.js'
import { compareMembers, type PropertyChange } from './compare-properties.js'

export type Place = (id: ChangeId, kind: ChangeKind, message: string, side: 'base' | 'head', path: PathSegment[], extra?: Partial<CatalogChange>) => void

export function compareIdentity(base: Catalog, head: Catalog, place: Place): void {
  if (base.identify === undefined && head.identify !== undefined) {
    place('identify-added', 'additive', 'Person properties were declared: identify is generated.', 'head', ['identify'])
  } else if (base.identify !== undefined && head.identify === undefined) {
    place('identify-removed', 'breaking', 'The person properties were removed: identify is no longer generated, and calls of it break.', 'base', ['identify'])
  } else if (base.identify !== undefined && head.identify !== undefined) {
    for (const list of ['set', 'setOnce'] as const) {
      compareOwned(base.identify[list], head.identify[list], ['identify', list], `the person properties (${list === 'set' ? '$set' : '$set_once'})`, place)
    }
  }

  for (const group of base.groups) {
    const after = head.groups.find((g) => g.name === group.name)
    const path = ['groups', group.name]
    if (after === undefined) {
      place('group-type-removed', 'breaking', `The group type "${group.name}" was removed: its group function and the events' group keys break.`, 'base', path)
      continue
    }
    if (group.key !== after.key) {
      place(
        'group-key-changed',
        'breaking',
        `The group type "${group.name}" is now keyed by ${quote(after.key)} (was ${quote(group.key)}): groups recorded under the old key are not found again.`,
        'head',
        after.key === undefined ? path : [...path, 'key'],
      )
    }
    if (group.description !== after.description) place('group-docs-changed', 'docs', `The group type "${group.name}" has a new description.`, 'head', path)
    compareOwned(group.properties, after.properties, [...path, 'properties'], `the group type "${group.name}"`, place)
  }
  for (const group of head.groups) {
    if (!base.groups.some((g) => g.name === group.name))
      place('group-type-added', 'additive', `The group type "${group.name}" was added.`, 'head', ['groups', group.name])
  }

  if (base.alias !== head.alias) {
    if (head.alias) place('alias-enabled', 'additive', 'alias is now generated.', 'head', ['alias'])
    else place('alias-disabled', 'breaking', 'alias is no longer generated: calls of it break.', 'head', [])
  }

  compareDashboards(base.dashboards, head.dashboards, place)
}

/** Person or group properties: one change per property, placed under its own key (`identify.set.tier`). */
function compareOwned(base: Record<string, PropertySchema>, head: Record<string, PropertySchema>, path: PathSegment[], owner: string, place: Place): void {
  const changes: PropertyChange[] = []
  compareMembers(undefined, base, [], head, [], changes, (key) => [key])
  for (const change of changes) {
    place(change.id, change.kind, `${change.message.replace(/\.$/, '')} in ${owner}.`, change.side, [...path, ...change.subpath], { property: change.property })
  }
}

/** Dashboards are read by people, not code: every change to them is a docs change. */
function compareDashboards(base: readonly Dashboard[], head: readonly Dashboard[], place: Place): void {
  for (const dashboard of base) {
    const after = head.find((d) => d.id === dashboard.id)
    const path = ['dashboards', dashboard.id]
    if (after === undefined) place('dashboard-removed', 'docs', `The dashboard "${dashboard.name}" was removed.`, 'base', path)
    else if (JSON.stringify(dashboard) !== JSON.stringify(after)) place('dashboard-changed', 'docs', `The dashboard "${after.name}" changed.`, 'head', path)
  }
  for (const dashboard of head) {
    if (!base.some((d) => d.id === dashboard.id))
      place('dashboard-added', 'docs', `The dashboard "${dashboard.name}" was added.`, 'head', ['dashboards', dashboard.id])
  }
}

function quote(value: string | undefined): string {
  return value === undefined ? 'nothing' : `"${value}"`
}
