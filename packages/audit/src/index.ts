/**
 * @herald/audit: the TypeScript front-end of the call-site checker, and what is built on it — the inventory of
 * every capture call of a repository, coverage against the catalog, reports (pretty, json, sarif, markdown,
 * github) and draft catalogs for `herald init --from-code`.
 */
export { AuditInputError, type AuditOptions, type AuditProgress, auditRepo } from './audit-repo.js'
export { auditCompilerOptions, TsconfigError, TsconfigResolver, type TsconfigWarning } from './compiler-options.js'
export { findWorkspaces, pnpmPatterns, type WorkspacePackage, Workspaces } from '@herald/core'
export { computeCoverage } from './coverage.js'
export { DEFAULT_IGNORES, discoverFiles, SOURCE_EXTENSIONS } from './discover-files.js'
export { type CatalogDraft, type DraftOptions, type DraftWarning, draftCatalog } from './draft-catalog.js'
export { type ExtractedFile, extractCallSites, type ExtractOptions, type InventoryKeyRef, type SemanticResolver } from './extract-call-sites.js'
export { formatGithub } from './format-github.js'
export { formatJson } from './format-json.js'
export { formatMarkdown } from './format-markdown.js'
export { formatPretty, type PrettyOptions } from './format-pretty.js'
export { formatSarif, SARIF_SCHEMA_URI, sarifLog } from './format-sarif.js'
export { type LoadedSettings, loadSettings, readSettings, SettingsError } from './load-settings.js'
export { type ProgressLine, progressLine } from './progress-line.js'
export type { AuditCallSite, AuditReport, AuditStats, AuditWarning, Coverage, SiteLocation, SkippedFile, UnresolvedImportFinding } from './report.js'
export { REPORT_FORMAT_VERSION } from './report.js'
