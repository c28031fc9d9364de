/**
 * generate: `herald generate` from a cold start (a fresh process and an empty output folder, no cache), all
 * outputs, vs json-schema-to-typescript with its defaults on the same events, also in a fresh process.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext, RowRun } from '../bench-context.js'
import { eventsSchema } from '../jstt-schema.js'
import { makeCatalog } from '../make-catalog.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

export async function benchGenerate(ctx: BenchContext): Promise<RowRun> {
  const events = ctx.quick ? 100 : 1000
  const label = `generate (${events.toLocaleString('en')} events)`
  const dir = join(ctx.out, 'generate')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const document = makeCatalog(events, 1)
  const catalog = join(dir, 'catalog.json')
  const schema = join(dir, 'events.schema.json')
  writeFileSync(catalog, `${JSON.stringify(document, null, 2)}\n`)
  writeFileSync(schema, `${JSON.stringify(eventsSchema(document), null, 2)}\n`)

  const herald = async (round: number) => {
    const out = join(dir, `herald-${round}`)
    rmSync(out, { recursive: true, force: true })
    const run = built(await runChild(childScript('herald-cli.mjs'), ['generate', '--catalog', catalog, '--out', out], { cwd: dir }))
    if (run.result.exitCode !== 0) throw new Error(`herald generate exited ${run.result.exitCode}: ${run.result.stderr}`)
    return run
  }
  const baseline = (round: number) => runChild(childScript('json-schema-to-typescript.mjs'), [schema, join(dir, `jstt-${round}.d.ts`)], { cwd: dir })

  const runs = await interleave(ctx.rounds.child, herald, baseline)
  return { label, measurement: childMeasurement(runs, { notes: ['child processes, spawn to exit, each into an empty folder'] }) }
}
