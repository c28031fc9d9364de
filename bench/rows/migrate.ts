/**
 * migrate: `migrate` from @herald/migrate (what `herald migrate` runs), a dry run with its type check, over the
 * synthetic repo, vs `auditRepo` over the same repo (the audit row's child). Both child processes timed from
 * spawn to exit. The emitters are generated beside `src/` once, before the rounds; the plan must propose a change
 * for every call site whose event the catalog declares and that breaks no rule (but those migrate leaves by design).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type * as Core from '@herald/core'
import type { BenchContext, RowRun } from '../bench-context.js'
import { benchRepo } from '../bench-repo.js'
import { importBuilt } from '../generated-code.js'
import { built, childMeasurement, childScript, interleave, runChild } from '../measure.js'

type Generate = (catalog: Core.Catalog, options?: Record<string, unknown>) => Core.GeneratedFile[]

export async function benchMigrate(ctx: BenchContext): Promise<RowRun> {
  const files = ctx.quick ? 500 : 5000
  const label = `migrate (${files.toLocaleString('en')} files, dry run)`
  const repo = benchRepo(ctx, files)
  const core = await importBuilt<typeof Core>('@herald/core')
  const generator = await importBuilt<{ generate: Generate }>('@herald/generator-typescript')
  if (!core.ok || !generator.ok) return { label, measurement: { kind: 'not built', reason: core.ok ? (generator as { reason: string }).reason : core.reason } }
  const loaded = core.value.loadCatalogSync(join(repo.dir, repo.expected.catalog))
  if (!loaded.ok) return { label, measurement: { kind: 'error', message: `the synthetic catalog does not load: ${loaded.diagnostics[0]?.message}` } }
  const generated = join(repo.dir, 'generated')
  mkdirSync(generated, { recursive: true })
  for (const file of generator.value.generate(loaded.catalog, {})) writeFileSync(join(generated, file.path), file.content)
  writeFileSync(join(generated, 'client.ts'), "import type { Telemetry } from '@herald/runtime'\n\nexport declare const telemetry: Telemetry\n")

  const summary = join(ctx.out, `migrate-${files}.json`)
  const migrate = async () => built(await runChild(childScript('migrate-run.mjs'), [repo.dir, summary], { cwd: ctx.root }))
  const audit = async () => built(await runChild(childScript('audit-run.mjs'), [repo.dir, join(ctx.out, `migrate-audit-${files}.json`)], { cwd: ctx.root }))
  const runs = await interleave(ctx.rounds.child, migrate, audit)

  const plan = JSON.parse(readFileSync(summary, 'utf8')) as { sites: number; migrated: Array<{ file: string; line: number }>; left: Record<string, number> }
  const proposed = new Set(plan.migrated.map((m) => `${m.file}:${m.line}`))
  // Every call without a planted violation, but those the issue leaves by design (a span's .start/.stop, $set, a
  // distinct id the event has no property for): each of these must be proposed, and none of the others.
  const clean = repo.expected.captureSites.filter((site) => site.violation === undefined && site.leftByDesign === undefined)
  const missed = clean.filter((site) => !proposed.has(`${site.file}:${site.line}`))
  const byDesign = repo.expected.captureSites.filter((site) => site.violation === undefined && site.leftByDesign !== undefined)
  const wrong = repo.expected.captureSites.filter(
    (site) => (site.violation !== undefined || site.leftByDesign !== undefined) && proposed.has(`${site.file}:${site.line}`),
  )
  if (missed.length > 0 || wrong.length > 0)
    return {
      label,
      measurement: {
        kind: 'error',
        message: `the plan ${missed.length > 0 ? `misses ${missed.length} of the ${clean.length} clean sites (first: ${missed[0]!.file}:${missed[0]!.line})` : ''}${missed.length > 0 && wrong.length > 0 ? ' and ' : ''}${wrong.length > 0 ? `proposes ${wrong.length} sites it must leave (first: ${wrong[0]!.file}:${wrong[0]!.line})` : ''}`,
      },
    }
  const notes = [
    `${plan.migrated.length} of ${plan.sites} call sites proposed; left: ${
      Object.entries(plan.left)
        .map(([reason, n]) => `${reason} ${n}`)
        .join(', ') || 'none'
    }`,
    `every one of the ${clean.length} sites without a planted violation is proposed, but the ${byDesign.length} the issue leaves by design (span phases, $set, a distinct id without a property)`,
    'child processes, spawn to exit; migrate type-checks its edits, the baseline is the audit',
  ]
  return { label, measurement: childMeasurement(runs, { rss: true, notes }) }
}
