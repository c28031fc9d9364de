/**
 * verify: `herald verify` of 1,000,000 NDJSON events of the synthetic catalog (Herald delivery and PostHog export
 * lines, one in twenty breaking a rule, each rule in turn), vs reading the same file as a stream and
 * `JSON.parse` of every line. Both child processes timed from spawn to exit, with herald's peak RSS; the
 * report's findings are checked against what was planted.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchContext, RowRun } from '../bench-context.js'
import { makeCatalog } from '../make-catalog.js'
import { PLANTED, type PlantedRule } from '../make-traffic.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

export async function benchVerify(ctx: BenchContext): Promise<RowRun> {
  const lines = ctx.quick ? 100_000 : 1_000_000
  const label = `verify (${lines.toLocaleString('en')} events)`
  const catalog = makeCatalog(500, 1)
  const catalogFile = join(ctx.out, 'verify.catalog.json')
  writeFileSync(catalogFile, `${JSON.stringify(catalog, null, 2)}\n`)
  const traffic = join(ctx.out, `traffic-${lines}.ndjson`)
  // Written by a child, so the million lines never sit in this process's heap during the timed runs.
  const plantedFile = join(ctx.out, `traffic-${lines}.planted.json`)
  const made = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('../make-traffic.ts', import.meta.url)), catalogFile, String(lines), traffic, plantedFile],
    { stdio: 'inherit' },
  )
  if (made.status !== 0) return { label, measurement: { kind: 'error', message: `make-traffic.ts exited ${made.status}` } }
  const planted = JSON.parse(readFileSync(plantedFile, 'utf8')) as Record<PlantedRule, number>
  const report = join(ctx.out, `verify-report-${lines}.json`)

  const verify = async () => {
    const run = built(
      await runChild(childScript('herald-cli.mjs'), ['verify', traffic, '--catalog', catalogFile, '--format', 'json', '--output', report], { cwd: ctx.root }),
    )
    if (run.result.exitCode !== 1) throw new Error(`herald verify exited ${run.result.exitCode} (1 expected: the traffic breaks rules): ${run.result.stderr}`)
    return run
  }
  const parse = () => runChild(childScript('parse-lines.mjs'), [traffic], { cwd: ctx.root })
  const runs = await interleave(ctx.rounds.child, verify, parse)

  const { events, findings } = JSON.parse(readFileSync(report, 'utf8')) as { events: number; findings: Array<{ ruleId: string; count: number }> }
  const counted = new Map<string, number>()
  for (const f of findings) counted.set(f.ruleId, (counted.get(f.ruleId) ?? 0) + f.count)
  const short = PLANTED.filter((rule) => (counted.get(rule) ?? 0) < planted[rule])
  if (short.length > 0)
    return {
      label,
      measurement: {
        kind: 'error',
        message: `the report misses planted problems: ${short.map((rule) => `${rule} ${counted.get(rule) ?? 0} of ${planted[rule]}`).join(', ')}`,
      },
    }
  const notes = [
    `${events.toLocaleString('en')} events checked; every planted problem reported (${PLANTED.map((rule) => `${rule} ${counted.get(rule)}`).join(', ')})`,
    'child processes, spawn to exit; --jobs at its default (the core count: the one file is split between that many workers)',
  ]
  return { label, measurement: childMeasurement(runs, { rss: true, notes }) }
}
