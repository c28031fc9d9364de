/**
 * `herald diff`'s result: one object of which every output format is a view. Its JSON form is documented by
 * `packages/cli/schema/diff-report.schema.json`; bump `formatVersion` when a field changes meaning.
 */
import { CHANGE_KINDS, type CatalogChange, type ChangeKind, requiredBump } from '@herald/core'

export const DIFF_FORMAT_VERSION = 1

export interface DiffSide {
  /** The catalog as the user named it: a path, or `REF:path` for one read from git. */
  file: string
  /** The git ref it was read from, when it was. */
  ref?: string
  version?: string
}

export interface DiffReport {
  formatVersion: typeof DIFF_FORMAT_VERSION
  base: DiffSide
  head: DiffSide
  /** How many changes of each kind. */
  summary: Record<ChangeKind, number>
  /** The smallest semver bump the changes need, if any. */
  requiredBump?: 'major' | 'minor' | 'patch'
  changes: CatalogChange[]
}

export function diffReport(base: DiffSide, head: DiffSide, changes: CatalogChange[]): DiffReport {
  const summary = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<ChangeKind, number>
  for (const change of changes) summary[change.kind]++
  const bump = requiredBump(changes.filter((c) => c.id !== 'version-bump'))
  return { formatVersion: DIFF_FORMAT_VERSION, base, head, summary, ...(bump ? { requiredBump: bump } : {}), changes }
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
