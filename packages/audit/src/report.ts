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
  skippedFiles: SkippedFile[]
  stats: AuditStats
  /** User matchers (`settings.herald.matchers`) that matched no call in this run, each with a hint; absent when none. */
  unmatchedMatchers?: UnmatchedMatcher[]
}
