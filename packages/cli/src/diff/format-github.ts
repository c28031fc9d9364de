/**
 * `--format github`: workflow commands that GitHub Actions shows as annotations. A removal is annotated on the
 * new file at the nearest key that remains (the old file is not in the pull request's tree).
 */
import type { CatalogChange } from '@herald/core'
import type { DiffReport } from './diff-report.js'

const LEVEL = { breaking: 'error', privacy: 'error', additive: 'notice', docs: 'notice' } as const

export function formatGithub(report: DiffReport): string {
  const lines = report.changes.map((c) => {
    const at = annotationLocation(c)
    return `::${LEVEL[c.kind]} file=${property(at.file)},line=${at.line},col=${at.column},title=${property(`herald diff: ${c.kind} (${c.id})`)}::${data(c.message)}`
  })
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

export function annotationLocation(change: CatalogChange): { file: string; line: number; column: number } {
  return change.anchor ?? { file: change.file, line: change.line, column: change.column }
}

// The escapes of GitHub's workflow-command parser: a message cannot hold a raw newline, a property no `:` or `,`.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
