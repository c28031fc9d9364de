/** `--format pretty` (the default): one line a change, `file:line:col  kind  message  id`, then a summary. */
import { createColors } from 'picocolors'
import type { DiffReport } from './diff-report.js'

export function formatPretty(report: DiffReport, options: { color?: boolean } = {}): string {
  const c = createColors(options.color === true)
  const paint = { breaking: c.red, privacy: c.magenta, additive: c.green, docs: c.dim }
  const out: string[] = []
  const versions =
    report.base.version !== undefined || report.head.version !== undefined
      ? ` (${report.base.version ?? 'no version'} → ${report.head.version ?? 'no version'})`
      : ''
  out.push(c.bold(`${report.base.file} → ${report.head.file}${versions}`))
  for (const change of report.changes) {
    out.push(
      `  ${c.dim(`${change.file}:${change.line}:${change.column}`)}  ${paint[change.kind](change.kind.padEnd(8))}  ${change.message}  ${c.dim(change.id)}`,
    )
  }
  const s = report.summary
  if (report.changes.length === 0) out.push(`${c.green('✔')} No changes.`)
  else {
    const mark = s.breaking + s.privacy > 0 ? c.red('✖') : c.green('✔')
    const bump = report.requiredBump ? `; needs a ${report.requiredBump} version bump` : ''
    out.push(`${mark} ${s.breaking} breaking, ${s.privacy} privacy, ${s.additive} additive, ${s.docs} docs${bump}.`)
  }
  return `${out.join('\n')}\n`
}
