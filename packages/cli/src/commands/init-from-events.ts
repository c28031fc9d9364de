/** `herald init --from-events <files>`: the draft from traffic (merged over a --from-code draft when given). */
import { resolve } from 'node:path'
import type { NamingStyle } from '@herald/core'
import { type CommandIO, UsageError } from '../io.js'

export async function draftFromEvents(
  patterns: readonly string[],
  options: { style?: NamingStyle; enumThreshold?: string; base?: Record<string, unknown> },
  io: CommandIO,
): Promise<{ catalog: Record<string, unknown>; summary: string }> {
  const threshold = options.enumThreshold === undefined ? undefined : Number(options.enumThreshold)
  if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 0))
    throw new UsageError(`--enum-threshold must be a whole number, not "${options.enumThreshold}".`)
  const verify = await import('@herald/verify')
  const { glob } = await import('tinyglobby')
  const sources = []
  for (const pattern of patterns) {
    const matched = await glob(pattern, { cwd: io.cwd, onlyFiles: true, expandDirectories: false })
    if (matched.length === 0) throw new UsageError(`no file matches ${pattern} (paths are relative to ${io.cwd}).`)
    for (const file of matched.sort()) sources.push(verify.fileSource(resolve(io.cwd, file), file))
  }
  const draft = await verify.draftCatalogFromEvents(sources, {
    ...(options.style ? { style: options.style } : {}),
    ...(threshold !== undefined ? { enumThreshold: threshold } : {}),
    ...(options.base ? { base: options.base } : {}),
  })
  for (const w of draft.warnings) io.stderr(`${w.file}:${w.line}: warning ${w.message}\n`)
  return {
    catalog: draft.catalog,
    summary: `${draft.eventCount} event${draft.eventCount === 1 ? '' : 's'} from traffic, ${draft.warnings.length} warning${draft.warnings.length === 1 ? '' : 's'}`,
  }
}
