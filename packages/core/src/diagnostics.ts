/** A problem found in a catalog: where it is, what is wrong, and what would be right. */
import { visibleText } from './visible-text.js'
export interface Diagnostic {
  /** A stable, kebab-case identifier, e.g. `duplicate-key`. Listed in the README. */
  code: DiagnosticCode
  severity: 'error' | 'warning'
  /** A sentence that says what is wrong. */
  message: string
  file: string
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units, as ESLint counts. */
  column: number
  /** What would be right, where Herald can tell ("did you mean `auth.login`?"). */
  hint?: string
}

export type DiagnosticCode =
  | 'file-not-found'
  | 'file-unreadable'
  | 'file-too-large'
  | 'nesting-too-deep'
  | 'invalid-json'
  | 'invalid-yaml'
  | 'duplicate-key'
  | 'unknown-field'
  | 'missing-field'
  | 'invalid-type'
  | 'invalid-value'
  | 'schema-violation'
  | 'invalid-pattern'
  | 'unsafe-pattern'
  | 'invalid-event-name'
  | 'event-name-has-space'
  | 'identifier-collision'
  | 'wire-name-collision'
  | 'forbidden-key'
  | 'pii-without-transform'
  | 'unresolved-ref'
  | 'ref-cycle'
  | 'unknown-rename-target'
  | 'unknown-required-property'
  | 'unknown-category'
  | 'unused-distinct-id'
  | 'missing-category-property'
  | 'free-text-property'
  | 'reserved-property'
  | 'unknown-dashboard-event'
  | 'unknown-dashboard-property'
  | 'duplicate-person-property'
  | 'too-many-group-types'
  | 'group-key-transform-mismatch'
  | 'dropped-group-key'
  | 'unknown-event-group'
  | 'unknown-event-distinct-id'
  | 'base-not-found'
  | 'base-not-a-catalog'
  | 'extends-cycle'
  | 'extends-conflict'

/** `path:line:col: error CODE message (hint)` — the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const hint = d.hint ? ` (${visibleText(d.hint)})` : ''
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${visibleText(d.message)}${hint}`
}

/** Thrown by the `*OrThrow` helpers for callers that want an exception; its message lists every diagnostic. */
export class CatalogError extends Error {
  readonly diagnostics: readonly Diagnostic[]
  constructor(diagnostics: readonly Diagnostic[]) {
    super(`Invalid catalog:\n${diagnostics.map(formatDiagnostic).join('\n')}`)
    this.name = 'CatalogError'
    this.diagnostics = diagnostics
  }
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)
}
