/** One difference between two versions of a catalog, the shape every `herald diff` output format is a view of. */
import type { PathSegment } from '../source-document.js'

/**
 * What a change means for those who read the events: `breaking` (code, queries or dashboards stop working),
 * `privacy` (the catalog now lets more personal data out), `additive` (new things, wider types), `docs`.
 */
export type ChangeKind = 'breaking' | 'privacy' | 'additive' | 'docs'

export const CHANGE_KINDS: readonly ChangeKind[] = ['breaking', 'privacy', 'additive', 'docs']

export type ChangeId =
  | 'event-added'
  | 'event-removed'
  | 'event-removed-after-deprecation'
  | 'event-renamed-after-deprecation'
  | 'event-deprecated'
  | 'event-undeprecated'
  | 'event-kind-changed'
  | 'event-category-changed'
  | 'event-groups-changed'
  | 'event-metadata-changed'
  | 'property-added'
  | 'property-required-added'
  | 'property-removed'
  | 'property-removed-after-deprecation'
  | 'property-now-required'
  | 'property-now-optional'
  | 'type-narrowed'
  | 'type-widened'
  | 'type-changed'
  | 'enum-value-removed'
  | 'enum-value-added'
  | 'constraint-tightened'
  | 'constraint-loosened'
  | 'pii-lowered'
  | 'pii-raised'
  | 'transform-removed'
  | 'transform-weakened'
  | 'transform-added'
  | 'property-docs-changed'
  | 'property-deprecated'
  | 'naming-changed'
  | 'category-added'
  | 'category-removed'
  | 'category-required-grown'
  | 'category-required-shrunk'
  | 'category-counts-only-changed'
  | 'category-docs-changed'
  | 'forbidden-key-removed'
  | 'forbidden-key-added'
  | 'retention-raised'
  | 'retention-lowered'
  | 'distinct-id-changed'
  | 'salt-env-changed'
  | 'catalog-docs-changed'
  | 'identify-added'
  | 'identify-removed'
  | 'group-type-added'
  | 'group-type-removed'
  | 'group-key-changed'
  | 'group-docs-changed'
  | 'alias-enabled'
  | 'alias-disabled'
  | 'stamps-enabled'
  | 'stamps-disabled'
  | 'stamp-renamed'
  | 'event-version-unchanged'
  | 'dashboard-added'
  | 'dashboard-removed'
  | 'dashboard-changed'
  | 'version-bump'

export interface CatalogChange {
  id: ChangeId
  kind: ChangeKind
  message: string
  /** Which catalog the location is in: the new one, or the old one for something removed. */
  side: 'base' | 'head'
  /** The JSON path of the changed key in that catalog (`["events", "auth.login", "properties", "method"]`). */
  path: PathSegment[]
  file: string
  line: number
  column: number
  /** For a change located in the old file: the nearest key that remains in the new one, for annotations there. */
  anchor?: { file: string; line: number; column: number }
  /** The declared event the change belongs to. */
  event?: string
  /** The wire events (what code captures) the change reaches: a span's `.start`, `.stop` and `.exception`. */
  wireEvents?: string[]
  /** The property, dotted for nested ones (`address.city`, `tags[]`). */
  property?: string
  /** For `version-bump`: the version the new catalog should have had at least. */
  expectedVersion?: string
}
