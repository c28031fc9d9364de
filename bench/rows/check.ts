/**
 * check: `herald check` on a synthetic catalog vs ajv validating the same file against the meta-schema.
 * Both run as child processes timed from spawn to exit: `herald check` is a command a user waits for, so its
 * start-up and module loading are part of its cost, and the baseline pays its own the same way.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext, RowRun } from '../bench-context.js'
import { catalogText } from '../make-catalog.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

export async function benchCheck(ctx: BenchContext): Promise<RowRun> {
  const events = ctx.quick ? 1000 : 5000
  const label = `check (${events.toLocaleString('en')} events)`
  const catalog = join(ctx.out, `catalog-${events}.json`)
  writeFileSync(catalog, catalogText(events, 1))
  const schema = join(ctx.root, 'schema', 'catalog.schema.json')

  const herald = async () => {
    const run = built(await runChild(childScript('herald-cli.mjs'), ['check', catalog], { cwd: ctx.root }))
    if (run.result.exitCode !== 0) throw new Error(`herald check exited ${run.result.exitCode}: ${run.result.stderr}`)
    return run
  }
  const baseline = async () => {
    const run = await runChild(childScript('ajv-validate.mjs'), [schema, catalog], { cwd: ctx.root })
    if (run.result.valid !== true) throw new Error(`ajv finds the synthetic catalog invalid (${run.result.errors} errors)`)
    return run
  }
  const runs = await interleave(ctx.rounds.child, herald, baseline)
  return { label, measurement: childMeasurement(runs, { notes: ['child processes, spawn to exit; herald check and ajv both accept the catalog'] }) }
}
