/**
 * diff: `herald diff --base` of two synthetic catalogs that differ in 1% of their events, vs `herald check` of
 * the newer one. Both child processes timed from spawn to exit. The changes are of four kinds (a property added,
 * a description edited, an enum value removed, an event removed), so the report is known exactly and checked.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchContext, RowRun } from '../bench-context.js'
import { type CatalogDocument, makeCatalog } from '../make-catalog.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

export interface ChangedCatalogs {
  base: CatalogDocument
  head: CatalogDocument
  /** How many changes of each kind `herald diff` must report (the version bump aside). */
  expected: Record<'breaking' | 'additive' | 'docs', number>
}

/** The base catalog and a head in which one event in a hundred changed, one kind of change in turn. */
export function changedCatalogs(events: number): ChangedCatalogs {
  const base = makeCatalog(events, 1)
  const head = structuredClone(base)
  const expected = { breaking: 0, additive: 0, docs: 0 }
  const names = Object.keys(head.events)
  for (let i = 0; i * 100 < names.length; i++) {
    const name = names[i * 100]!
    const event = head.events[name]!
    const enumKey = Object.keys(event.properties).find(
      (key) => Array.isArray(event.properties[key]!.enum) && (event.properties[key]!.enum as unknown[]).length > 2,
    )
    const kind = i % 4
    if (kind === 0) {
      event.properties.bench_added_count = { type: 'integer', minimum: 0, description: 'Added by the diff benchmark' }
      expected.additive++
    } else if (kind === 1) {
      event.description += ' Edited.'
      expected.docs++
    } else if (kind === 2 && enumKey !== undefined) {
      ;(event.properties[enumKey]!.enum as unknown[]).pop()
      expected.breaking++
    } else if (!Object.values(head.events).some((other) => other.deprecated?.renamedTo === name)) {
      delete head.events[name]
      // Removing an event deprecated in an earlier version is the end of its deprecation, not a break.
      if (event.deprecated) expected.additive++
      else expected.breaking++
    }
  }
  head.version = '3.0.0'
  return { base, head, expected }
}

export async function benchDiff(ctx: BenchContext): Promise<RowRun> {
  const events = ctx.quick ? 1000 : 5000
  const label = `diff (${events.toLocaleString('en')} events, 1% changed)`
  const { base, head, expected } = changedCatalogs(events)
  const baseFile = join(ctx.out, `diff-base-${events}.json`)
  const headFile = join(ctx.out, `diff-head-${events}.json`)
  const report = join(ctx.out, `diff-report-${events}.json`)
  writeFileSync(baseFile, `${JSON.stringify(base, null, 2)}\n`)
  writeFileSync(headFile, `${JSON.stringify(head, null, 2)}\n`)

  const diff = async () => {
    const run = built(
      await runChild(childScript('herald-cli.mjs'), ['diff', '--base', baseFile, headFile, '--format', 'json', '--output', report], { cwd: ctx.root }),
    )
    // Breaking changes exit 1; anything else (2: bad input, 70: a crash) is a failure of the row.
    if (run.result.exitCode !== 1) throw new Error(`herald diff exited ${run.result.exitCode}: ${run.result.stderr}`)
    return run
  }
  const check = async () => {
    const run = built(await runChild(childScript('herald-cli.mjs'), ['check', headFile], { cwd: ctx.root }))
    if (run.result.exitCode !== 0) throw new Error(`herald check exited ${run.result.exitCode}: ${run.result.stderr}`)
    return run
  }
  const runs = await interleave(ctx.rounds.child, diff, check)
  const { summary, requiredBump } = JSON.parse(readFileSync(report, 'utf8')) as { summary: Record<string, number>; requiredBump: string }
  const found = { breaking: summary.breaking, additive: summary.additive, docs: summary.docs }
  const same = found.breaking === expected.breaking && found.additive === expected.additive && found.docs === expected.docs && summary.privacy === 0
  const notes = [
    same
      ? `the diff reported exactly the ${expected.breaking + expected.additive + expected.docs} changes made (bump: ${requiredBump})`
      : `the diff reported ${JSON.stringify(summary)}, expected ${JSON.stringify(expected)}`,
    'child processes, spawn to exit; the baseline is herald check of the newer catalog',
  ]
  if (!same) return { label, measurement: { kind: 'error', message: notes[0]! } }
  return { label, measurement: childMeasurement(runs, { notes }) }
}
