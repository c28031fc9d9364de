/** What `herald migrate` prints: the unified diff, then per event what was migrated and what was left, and why. */
import { createTwoFilesPatch } from 'diff'
import type { MigrationResult } from './migrate.js'

export function unifiedDiff(result: MigrationResult): string {
  return result.changes.map((c) => createTwoFilesPatch(`a/${c.file}`, `b/${c.file}`, c.before, c.after, '', '', { context: 3 }).replace(/^=+\n/, '')).join('')
}

export function formatMigration(result: MigrationResult, written: boolean): string {
  const lines: string[] = []
  const events = new Map<string, { migrated: number; left: Map<string, number> }>()
  const row = (event: string) => {
    let entry = events.get(event)
    if (!entry) events.set(event, (entry = { migrated: 0, left: new Map() }))
    return entry
  }
  for (const site of result.migrated) row(site.event).migrated++
  for (const site of result.left) {
    const left = row(site.event ?? '(dynamic)').left
    left.set(site.reason, (left.get(site.reason) ?? 0) + 1)
  }
  const verb = written ? 'Migrated' : 'Would migrate'
  lines.push(
    `${verb} ${result.migrated.length} of ${result.sites} capture call sites in ${result.changes.length} file${result.changes.length === 1 ? '' : 's'}; ${result.left.length} left as they are.`,
  )
  if (events.size > 0) {
    lines.push('', '| event | migrated | left (reason) |', '|---|---|---|')
    for (const [event, entry] of [...events].sort(([a], [b]) => a.localeCompare(b))) {
      const left = [...entry.left].map(([reason, n]) => `${n} ${reason}`).join(', ') || '—'
      lines.push(`| ${event} | ${entry.migrated} | ${left} |`)
    }
  }
  if (result.left.length > 0) {
    lines.push('', 'Left as they are:')
    for (const site of result.left) {
      lines.push(`  ${site.file}:${site.line}:${site.column}: ${site.reason} ${site.message}${site.suggestion ? ` (${site.suggestion})` : ''}`)
    }
  }
  if (!written && result.migrated.length > 0) lines.push('', 'Nothing was written; run again with --write to apply.')
  return `${lines.join('\n')}\n`
}
