/** `--format markdown`: a pull-request comment: a summary line, then a table of changes by kind. */
import { CHANGE_KINDS } from '@herald/core'
import type { DiffReport } from './diff-report.js'
import { plural } from './diff-report.js'

const HEADINGS = { breaking: 'Breaking', privacy: 'Privacy', additive: 'Additive', docs: 'Documentation' }

export function formatMarkdown(report: DiffReport): string {
  const out: string[] = ['# Catalog changes', '']
  const versions = `${report.base.version ?? 'no version'} → ${report.head.version ?? 'no version'}`
  const s = report.summary
  out.push(
    `${code(report.base.file)} → ${code(report.head.file)} (${versions}): ${plural(report.changes.length, 'change')} ` +
      `(${s.breaking} breaking, ${s.privacy} privacy, ${s.additive} additive, ${s.docs} docs)` +
      `${report.requiredBump ? `; needs a ${report.requiredBump} version bump` : ''}.`,
    '',
  )
  for (const kind of CHANGE_KINDS) {
    const changes = report.changes.filter((c) => c.kind === kind)
    if (changes.length === 0) continue
    out.push(`## ${HEADINGS[kind]} (${changes.length})`, '', '| Location | Change | Message |', '|---|---|---|')
    for (const c of changes) out.push(`| ${cell(`${c.file}:${c.line}:${c.column}`)} | ${code(c.id)} | ${cell(c.message)} |`)
    out.push('')
  }
  if (report.changes.length === 0) out.push('No changes.', '')
  return `${out.join('\n').replace(/\n+$/, '')}\n`
}

/** Inline code that survives any text: a backtick fence longer than any run inside, pipes escaped for tables. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text
  return `${fence}${cell(padded)}${fence}`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
