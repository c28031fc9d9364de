/**
 * audit: `auditRepo` from @herald/audit (what `herald audit` runs) over the synthetic repo, with its catalog,
 * settings and tsconfig, vs `ts.createSourceFile` of every file. Both in child processes timed from spawn to
 * exit, so module loading counts on both sides and the peak RSS is each side's own. The audit's findings are
 * checked against the repo's expected findings.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext, RowRun } from '../bench-context.js'
import { benchRepo } from '../bench-repo.js'
import { compareFindings, describeComparison, type LocatedFinding } from '../compare-findings.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

export async function benchAudit(ctx: BenchContext): Promise<RowRun> {
  const files = ctx.quick ? 500 : 5000
  const label = `audit (${files.toLocaleString('en')} files)`
  const repo = benchRepo(ctx, files)
  const report = join(ctx.out, `audit-${files}.json`)
  // Every run writes its findings (a small cost, the same each round); the first run's are checked.
  const audit = async () => built(await runChild(childScript('audit-run.mjs'), [repo.dir, report], { cwd: ctx.root }))
  const parse = () => runChild(childScript('parse-all.mjs'), [join(repo.dir, 'src')], { cwd: ctx.root })

  const runs = await interleave(ctx.rounds.child, audit, parse)
  const { findings } = JSON.parse(readFileSync(report, 'utf8')) as { findings: LocatedFinding[] }
  const notes = [describeComparison('the audit', compareFindings(repo.expected.findings, findings)), 'child processes, spawn to exit']
  return { label, measurement: childMeasurement(runs, { rss: true, notes }) }
}
