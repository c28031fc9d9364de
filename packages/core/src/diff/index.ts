export { CHANGE_KINDS, type CatalogChange, type ChangeId, type ChangeKind } from './catalog-change.js'
export { compareCatalogs } from './compare-catalogs.js'
export { requiredBump } from './version-bump.js'
export { type CatalogVersion, type EventHistoryEntry, eventHistory } from './event-history.js'
