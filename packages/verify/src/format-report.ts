/** The views of a verify report: pretty, json (documented by schema/verify-report.schema.json), markdown, github, sarif. */
import type { Log, Result } from 'sarif'
import type { VerifyReport } from './report.js'

export function formatJson(report: VerifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

export function formatPretty(report: VerifyReport): string {
  const out: string[] = []
  for (const f of report.findings) out.push(`${f.file}:${f.line}  ${f.severity}  ${f.message}  herald/${f.ruleId}${f.count > 1 ? `  (${f.count}×)` : ''}`)
  out.push(
    '',
    `${report.events} events in ${report.lines} lines of ${report.files.length} file${report.files.length === 1 ? '' : 's'}; ${report.findings.length} findings.`,
  )
  for (const [name, s] of Object.entries(report.eventStats))
    out.push(
      `  ${name}: ${s.count} events, ${((100 * s.violating) / Math.max(1, s.count)).toFixed(1)}% violating${s.firstSeen ? `, ${s.firstSeen} … ${s.lastSeen}` : ''}`,
    )
  if (report.declaredNeverSeen.length > 0) out.push(`Declared, never seen: ${report.declaredNeverSeen.join(', ')}`)
  return `${out.join('\n')}\n`
}

export function formatMarkdown(report: VerifyReport): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const out = [`# herald verify`, '', `${report.events} events in ${report.lines} lines, ${report.findings.length} findings.`, '']
  if (report.findings.length > 0) {
    out.push('| where | rule | count | message |', '|---|---|---|---|')
    for (const f of report.findings) out.push(`| ${cell(`${f.file}:${f.line}`)} | ${f.ruleId} | ${f.count} | ${cell(f.message)} |`)
    out.push('')
  }
  out.push('| event | count | violating | first seen | last seen |', '|---|---|---|---|---|')
  for (const [name, s] of Object.entries(report.eventStats))
    out.push(`| ${cell(name)} | ${s.count} | ${s.violating} | ${s.firstSeen ?? ''} | ${s.lastSeen ?? ''} |`)
  if (report.declaredNeverSeen.length > 0) out.push('', `Declared, never seen: ${report.declaredNeverSeen.map((n) => `\`${n}\``).join(', ')}`)
  return `${out.join('\n')}\n`
}

export function formatGithub(report: VerifyReport): string {
  const data = (t: string) => t.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const property = (t: string) => data(t).replace(/:/g, '%3A').replace(/,/g, '%2C')
  const lines = report.findings.map(
    (f) =>
      `::${f.severity} file=${property(f.file)},line=${f.line},col=${f.column},title=${property(`herald/${f.ruleId}`)}::${data(`${f.message}${f.count > 1 ? ` (${f.count} times)` : ''}`)}`,
  )
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}

export function formatSarif(report: VerifyReport): string {
  const rules = [...new Set(report.findings.map((f) => f.ruleId))].sort()
  const results: Result[] = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: rules.indexOf(f.ruleId),
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file.split('/').map(encodeURIComponent).join('/') },
          region: { startLine: f.line, startColumn: f.column },
        },
      },
    ],
    properties: { count: f.count },
  }))
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'herald verify', rules: rules.map((id) => ({ id })) } }, results }],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
