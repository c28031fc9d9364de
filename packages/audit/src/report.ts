/**
 * The audit's result: one object, of which every output format is a view. Its JSON form is documented by
 * `packages/audit/schema/audit-report.schema.json`; bump `formatVersion` when a field changes meaning.
 */
import type { CallSite, Finding, UnmatchedMatcher } from '@herald/core'

export const REPORT_FORMAT_VERSION = 1

/**
 * A call site of the inventory: a capture call, or a call of a generated emitter (`emitter` set), which the
 * audit inventories and counts in coverage but does not check — the emitter's types already hold it to the
 * catalog, and the ESLint plugin does not see it.
 */
export interface AuditCallSite extends CallSite {
  /** The catalog event whose generated emitter is called (`auth.login` for `authLogin(t, props, fn)`). */
  emitter?: string
}

export interface SiteLocation {
  file: string
  line: number
  column: number
}

export interface Coverage {
  /** Wire events of the catalog that no call site captures (deprecated events are expected to be absent). */
  declaredNeverCaptured: string[]
  /** Names captured in code that the catalog does not declare, with where. */
  capturedUndeclared: Array<{ name: string; callSites: SiteLocation[] }>
  /** Names that mean the same event once normalized (`email change completed` / `email_change_completed`). */
  sameAfterNormalization: Array<{ normalized: string; names: string[] }>
  /** Call sites of events whose category requires properties that the call does not send. */
  missingRequiredProperties: Array<SiteLocation & { event: string; category: string; missing: string[] }>
  /** Call sites whose event name Herald could not resolve. */
  dynamicNames: SiteLocation[]
  /** The people calls (`identify`, `group`, `alias`) of the matchers with a `kind`, against the catalog's groups. */
  people: PeopleCoverage
}

export interface PeopleCoverage {
  identify: SiteLocation[]
  alias: SiteLocation[]
  /** group calls by group type, sorted; `groupType` is absent for calls whose type is unknown (dynamic, or none). */
  groups: Array<{ groupType?: string; callSites: SiteLocation[] }>
  /** Group types the catalog declares that no group call sets. */
  groupTypesNeverSet: string[]
}

/**
 * A name a call site needs (an event name from a constant) imported from a module that cannot be found: a
 * package not installed and not in the workspace, a tsconfig path that matches no file, a missing file. The
 * call sites using the name get no naming check; this says so instead of staying silent.
 */
export interface UnresolvedImportFinding extends SiteLocation {
  code: 'unresolved-import'
  severity: 'warning'
  /** The module specifier as written (`@acme/shared`, `@/lib/events`, `./missing`). */
  specifier: string
  /** The names wanted from it (`default` for a default import). */
  names: string[]
  message: string
}

/** A problem with the audit's own inputs that did not stop it (a tsconfig whose `extends` base is missing). */
export interface AuditWarning extends SiteLocation {
  message: string
}

/** A file that could not be read or parsed: reported, skipped, never a crash. */
export interface SkippedFile extends SiteLocation {
  message: string
}

export interface AuditStats {
  /** Source files found under the given paths. */
  files: number
  /** Files whose text can hold a capture call (the text prefilter), and so were parsed. */
  parsed: number
  /** Files that needed types, and how many files the compiler loaded to type them. */
  typedFiles: number
  programFiles: number
  durationMs: number
}

export interface AuditReport {
  formatVersion: typeof REPORT_FORMAT_VERSION
  /** The catalog checked against, as given; absent when the catalog-free rules ran alone. */
  catalog?: string
  findings: Finding[]
  callSites: AuditCallSite[]
  coverage: Coverage
  /** Imports of names call sites need whose module cannot be found, once per file and specifier. */
  unresolvedImports: UnresolvedImportFinding[]
  /** Inputs the audit went on without (a tsconfig's missing `extends` base), each once. */
  warnings: AuditWarning[]
  skippedFiles: SkippedFile[]
  stats: AuditStats
  /** User matchers (`settings.herald.matchers`) that matched no call in this run, each with a hint; absent when none. */
  unmatchedMatchers?: UnmatchedMatcher[]
}
