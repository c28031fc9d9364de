/** The semver check: the catalog's `version` must move by at least what its changes require. */
import semver from 'semver'
import type { Catalog } from '../catalog.js'
import type { PathSegment } from '../source-document.js'
import type { CatalogChange, ChangeKind } from './catalog-change.js'

type Bump = 'major' | 'minor' | 'patch'
const RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 }

/** Breaking → major; privacy and additive → minor (a privacy change is a policy change, never a patch); docs → patch. */
export function requiredBump(changes: readonly Pick<CatalogChange, 'kind'>[]): Bump | undefined {
  let bump: Bump | undefined
  for (const change of changes) {
    const needed: Bump = change.kind === 'breaking' ? 'major' : change.kind === 'docs' ? 'patch' : 'minor'
    if (bump === undefined || RANK[needed] > RANK[bump]) bump = needed
  }
  return bump
}

export function versionBumpChange(
  base: Catalog,
  head: Catalog,
  changes: readonly CatalogChange[],
): { kind: ChangeKind; message: string; path: PathSegment[]; expectedVersion?: string } | undefined {
  const bump = requiredBump(changes)
  if (bump === undefined || base.version === undefined) return undefined
  // The finding is as severe as the changes that need the bump, so --fail-on breaking catches a missed major.
  const kind: ChangeKind = bump === 'major' ? 'breaking' : bump === 'patch' ? 'docs' : changes.some((c) => c.kind === 'privacy') ? 'privacy' : 'additive'
  const expected = semver.inc(base.version, bump)
  if (expected === null) return undefined
  const why = `${bump === 'major' ? 'breaking' : bump === 'minor' ? 'additive or privacy' : 'documentation'} changes need a ${bump} bump`
  if (head.version === undefined) {
    return { kind, message: `The catalog lost its version; ${why}: set "version" to ${expected}.`, path: [], expectedVersion: expected }
  }
  if (semver.gte(head.version, expected)) return undefined
  const said = head.version === base.version ? `still ${head.version}` : `${head.version}`
  return { kind, message: `The catalog's version is ${said}; ${why}: it should be ${expected}.`, path: ['version'], expectedVersion: expected }
}
