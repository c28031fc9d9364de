/** `--format pretty` (the default): findings grouped by file, then a summary and coverage in a few lines. */
import { styleText } from 'node:util'
import type { AuditReport } from './report.js'
import { plural, summarize } from './report-summary.js'

export interface PrettyOptions {
  /** Colour, for a terminal; the CLI turns it on only when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean
}

type Style = Parameters<typeof styleText>[0]

export function formatPretty(report: AuditReport, options: PrettyOptions = {}): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text)
  const out: string[] = []
  const byFile = new Map<string, AuditReport['findings']>()
  for (const finding of report.findings) {
    const list = byFile.get(finding.file) ?? []
    list.push(finding)
    byFile.set(finding.file, list)
  }
  const width = Math.max(0, ...report.findings.map((f) => `${f.line}:${f.column}`.length))
  for (const [file, findings] of byFile) {
    out.push(paint('underline', file))
    for (const f of findings) {
      const severity = f.severity === 'error' ? paint('red', 'error  ') : paint('yellow', 'warning')
      out.push(`  ${paint('dim', `${f.line}:${f.column}`.padEnd(width))}  ${severity}  ${f.message}  ${paint('dim', f.ruleId)}`)
    }
    out.push('')
  }
  for (const skipped of report.skippedFiles) {
    out.push(`${paint('yellow', 'skipped')} ${skipped.file}:${skipped.line}:${skipped.column}  ${skipped.message}`)
  }
  if (report.skippedFiles.length > 0) out.push('')

  const summary = summarize(report)
  const scanned = `${plural(summary.callSites, 'capture call site')} in ${plural(summary.filesWithCallSites, 'file')} (${plural(report.stats.files, 'file')} scanned)`
  if (report.findings.length === 0) out.push(`${paint('green', '✔')} No problems: ${scanned}.`)
  else {
    const mark = summary.errors > 0 ? paint('red', '✖') : paint('yellow', '⚠')
    out.push(`${mark} ${plural(report.findings.length, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}) in ${scanned}.`)
  }
  const c = report.coverage
  const coverage: string[] = []
  if (report.catalog !== undefined) {
    coverage.push(`${plural(c.declaredNeverCaptured.length, 'declared event')} never captured`)
    coverage.push(`${plural(c.capturedUndeclared.length, 'captured name')} not declared`)
  }
  coverage.push(`${plural(c.sameAfterNormalization.length, 'group')} of names that normalize to the same event`)
  if (report.catalog !== undefined) coverage.push(`${plural(c.missingRequiredProperties.length, 'call site')} missing required properties`)
  coverage.push(`${plural(c.dynamicNames.length, 'dynamic name')}`)
  out.push(`Coverage: ${coverage.join(', ')}.`)
  if (report.catalog === undefined) out.push(paint('dim', 'No catalog: only naming, forbidden keys and distinct ids were checked. Pass --catalog to check names and properties.'))
  out.push(paint('dim', 'Full inventory and coverage: --format markdown or --format json.'))
  return `${out.join('\n')}\n`
}
