/** `--format pretty` (the default): findings grouped by file, then a summary and coverage in a few lines. */
import { createColors } from 'picocolors'
import type { AuditReport } from './report.js'
import { callSitesPhrase, plural, summarize } from './report-summary.js'

export interface PrettyOptions {
  /** Colour, for a terminal; the CLI turns it on only when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean
}

export function formatPretty(report: AuditReport, options: PrettyOptions = {}): string {
  // Colour is decided by the caller (a TTY, NO_COLOR), never guessed from this process's own streams.
  const c = createColors(options.color === true)
  const out: string[] = []
  const byFile = new Map<string, AuditReport['findings']>()
  for (const finding of report.findings) {
    const list = byFile.get(finding.file) ?? []
    list.push(finding)
    byFile.set(finding.file, list)
  }
  const width = Math.max(0, ...report.findings.map((f) => `${f.line}:${f.column}`.length))
  for (const [file, findings] of byFile) {
    out.push(c.underline(file))
    for (const f of findings) {
      const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning')
      out.push(`  ${c.dim(`${f.line}:${f.column}`.padEnd(width))}  ${severity}  ${f.message}  ${c.dim(f.ruleId)}`)
    }
    out.push('')
  }
  for (const u of report.unresolvedImports) {
    out.push(`${c.yellow('warning')} ${u.file}:${u.line}:${u.column}  ${u.message}  ${c.dim(u.code)}`)
  }
  for (const w of report.warnings) out.push(`${c.yellow('warning')} ${w.file}  ${w.message}`)
  if (report.unresolvedImports.length + report.warnings.length > 0) out.push('')
  for (const skipped of report.skippedFiles) {
    out.push(`${c.yellow('skipped')} ${skipped.file}:${skipped.line}:${skipped.column}  ${skipped.message}`)
  }
  if (report.skippedFiles.length > 0) out.push('')
  for (const unmatched of report.unmatchedMatchers ?? []) {
    out.push(`${c.yellow('unmatched')} ${unmatched.at} ${JSON.stringify(unmatched.matcher)} matched no call: it ${unmatched.hint}`)
  }
  if (report.unmatchedMatchers) out.push('')

  const summary = summarize(report)
  const scanned = `${callSitesPhrase(summary)} (${plural(report.stats.files, 'file')} scanned)`
  if (report.findings.length === 0) out.push(`${c.green('✔')} No problems: ${scanned}.`)
  else {
    const mark = summary.errors > 0 ? c.red('✖') : c.yellow('⚠')
    out.push(`${mark} ${plural(report.findings.length, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}) in ${scanned}.`)
  }
  const cov = report.coverage
  const coverage: string[] = []
  if (report.catalog !== undefined) {
    coverage.push(`${plural(cov.declaredNeverCaptured.length, 'declared event')} never captured`)
    coverage.push(`${plural(cov.capturedUndeclared.length, 'captured name')} not declared`)
  }
  coverage.push(`${plural(cov.sameAfterNormalization.length, 'group')} of names that normalize to the same event`)
  if (report.catalog !== undefined) coverage.push(`${plural(cov.missingRequiredProperties.length, 'call site')} missing required properties`)
  coverage.push(`${plural(cov.dynamicNames.length, 'dynamic name')}`)
  out.push(`Coverage: ${coverage.join(', ')}.`)
  const people = cov.people
  // a call whose type is one of two is listed under both types, but is one call
  const groupCalls = report.callSites.filter((site) => site.kind === 'group').length
  if (people.identify.length + people.alias.length + groupCalls > 0)
    out.push(`People: ${plural(people.identify.length, 'identify call')}, ${plural(groupCalls, 'group call')}, ${plural(people.alias.length, 'alias call')}.`)
  if (report.catalog === undefined)
    out.push(
      c.dim(
        'No catalog: only naming, forbidden keys and distinct ids were checked, and calls of generated emitters were not recognised. Pass --catalog to check names and properties.',
      ),
    )
  out.push(c.dim('Full inventory and coverage: --format markdown or --format json.'))
  return `${out.join('\n')}\n`
}
