/** `--format github`: workflow commands that GitHub Actions shows as annotations on the pull request. */
import type { AuditReport } from './report.js'

export function formatGithub(report: AuditReport): string {
  const lines = report.findings.map(
    (f) => `::${f.severity} file=${property(f.file)},line=${f.line},col=${f.column},title=${property(`herald/${f.ruleId}`)}::${data(f.message)}`,
  )
  for (const u of report.unresolvedImports) {
    lines.push(`::warning file=${property(u.file)},line=${u.line},col=${u.column},title=${property(`herald/${u.code}`)}::${data(u.message)}`)
  }
  for (const w of report.warnings) {
    lines.push(`::warning file=${property(w.file)},line=${w.line},col=${w.column},title=${property('herald audit')}::${data(w.message)}`)
  }
  for (const skipped of report.skippedFiles) {
    lines.push(
      `::warning file=${property(skipped.file)},line=${skipped.line},col=${skipped.column},title=${property('herald audit')}::${data(`${skipped.message} The file was skipped.`)}`,
    )
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

// The escapes of GitHub's workflow-command parser: a message cannot hold a raw newline, a property no `:` or `,`.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
