/**
 * Each event's history across versions of a catalog (`herald docs --base`): when it was added, changed and
 * deprecated, from `compareCatalogs` of each version against the one before. Pure: the versions are given.
 */
import type { Catalog } from '../catalog.js'
import { compareCatalogs } from './compare-catalogs.js'

/** One version of the catalog, oldest first: a commit's, or the working tree's (no commit). */
export interface CatalogVersion {
  catalog: Catalog
  /** The commit it was read at (abbreviated); undefined for the file as it is now. */
  commit?: string
}

export interface EventHistoryEntry {
  /** `present`: already declared in the oldest version (the base); the others happened in `version`/`commit`. */
  what: 'present' | 'added' | 'changed' | 'deprecated'
  /** The catalog's `version` in the version where it happened, when it has one. */
  version?: string
  commit?: string
  /** What changed, as `herald diff` words it (for `changed`, and a `deprecated` step's other changes). */
  details: string[]
}

/** Each event of the newest version, with its history (oldest first). */
export function eventHistory(versions: readonly CatalogVersion[]): Map<string, EventHistoryEntry[]> {
  const history = new Map<string, EventHistoryEntry[]>()
  if (versions.length === 0) return history
  const entriesOf = (name: string) => {
    let list = history.get(name)
    if (list === undefined) history.set(name, (list = []))
    return list
  }
  const first = versions[0]!
  for (const event of first.catalog.events) entriesOf(event.name).push({ what: 'present', ...at(first), details: [] })
  for (let i = 1; i < versions.length; i++) {
    const before = versions[i - 1]!.catalog
    const now = versions[i]!
    const byEvent = new Map<string, string[]>()
    const deprecated = new Set<string>()
    const added = new Set<string>()
    for (const change of compareCatalogs(before, now.catalog)) {
      if (change.event === undefined || !now.catalog.eventsByName.has(change.event)) continue
      if (change.id === 'event-added') added.add(change.event)
      else if (change.id === 'event-deprecated' && before.eventsByName.get(change.event)?.deprecated === undefined) deprecated.add(change.event)
      else {
        const list = byEvent.get(change.event) ?? []
        list.push(change.message)
        byEvent.set(change.event, list)
      }
    }
    for (const event of now.catalog.events) {
      const details = byEvent.get(event.name) ?? []
      if (added.has(event.name)) entriesOf(event.name).push({ what: 'added', ...at(now), details })
      else if (deprecated.has(event.name)) entriesOf(event.name).push({ what: 'deprecated', ...at(now), details })
      else if (details.length > 0) entriesOf(event.name).push({ what: 'changed', ...at(now), details })
    }
  }
  const newest = versions[versions.length - 1]!.catalog
  for (const name of [...history.keys()]) if (!newest.eventsByName.has(name)) history.delete(name)
  return history
}

function at(version: CatalogVersion): { version?: string; commit?: string } {
  return {
    ...(version.catalog.version !== undefined ? { version: version.catalog.version } : {}),
    ...(version.commit !== undefined ? { commit: version.commit } : {}),
  }
}
