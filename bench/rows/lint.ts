/**
 * lint: ESLint's Node API with the typescript-eslint parser over the synthetic repo, with herald's recommended
 * config and settings, vs the same ESLint with one rule that does nothing. Each run is a child process (timed
 * from spawn to exit, peak RSS recorded). A separate run with `stats: true` gives herald's rules' share of
 * ESLint's time and the findings, checked against the repo's expected findings.
 */
import type { BenchContext, RowRun } from '../bench-context.js'
import { benchRepo } from '../bench-repo.js'
import { compareFindings, describeComparison, type LocatedFinding } from '../compare-findings.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

interface LintMessage extends LocatedFinding {
  fatal?: boolean
  message?: string
}

export async function benchLint(ctx: BenchContext): Promise<RowRun> {
  const files = ctx.quick ? 100 : 5000
  const label = `lint (${files.toLocaleString('en')} files)`
  const repo = benchRepo(ctx, files)
  const lint = (mode: 'herald' | 'noop', stats = false) =>
    runChild(childScript('eslint-run.mjs'), [repo.dir, mode, ...(stats ? ['--stats'] : [])], { cwd: ctx.root })

  const probe = built(await lint('herald', true))
  const messages = probe.result.messages as LintMessage[]
  const fatal = messages.filter((m) => m.fatal)
  if (fatal.length > 0)
    return { label, measurement: { kind: 'error', message: `${fatal.length} files failed to parse, first ${fatal[0]!.file}: ${fatal[0]!.message}` } }
  const found = messages.map((m) => ({ ...m, ruleId: String(m.ruleId).replace(/^[^/]+\//, '') }))
  const notes = [
    describeComparison('herald/* rules', compareFindings(repo.expected.findings, found)),
    'child processes, spawn to exit; the stats run is separate and untimed',
  ]

  const runs = await interleave(
    ctx.rounds.child,
    () => lint('herald'),
    () => lint('noop'),
  )
  const ruleShare = typeof probe.result.ruleShare === 'number' ? probe.result.ruleShare : undefined
  return { label, measurement: childMeasurement(runs, { rss: true, ...(ruleShare !== undefined ? { ruleShare } : {}), notes }) }
}
