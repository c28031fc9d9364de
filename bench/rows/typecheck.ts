/**
 * typecheck: `tsc --noEmit --strict --skipLibCheck` of one file that imports every emitter of the generated
 * output (events.js with events.d.ts), vs the same file over the declarations of the single-file output
 * (`format: 'ts'`, today's shape until issue 18) as `tsc --emitDeclarationOnly` writes them, made in the
 * same run. Fresh processes; time and peak RSS.
 */
import { createRequire } from 'node:module'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Catalog } from '@herald/core'
import type * as TS from 'typescript'
import type { BenchContext, RowRun } from '../bench-context.js'
import { importBuilt } from '../generated-code.js'
import { makeCatalog } from '../make-catalog.js'
import { childMeasurement, childScript, interleave, runChild } from '../measure.js'

type Generate = (catalog: Catalog, options?: Record<string, unknown>) => Array<{ path: string; content: string }>

export async function benchTypecheck(ctx: BenchContext): Promise<RowRun> {
  const events = ctx.quick ? 100 : 1000
  const label = `typecheck (${events.toLocaleString('en')} events)`
  const core = await importBuilt<typeof import('@herald/core')>('@herald/core')
  const generator = await importBuilt<{ generate: Generate }>('@herald/generator-typescript')
  if (!core.ok) return { label, measurement: { kind: 'not built', reason: core.reason } }
  if (!generator.ok) return { label, measurement: { kind: 'not built', reason: generator.reason } }
  const dir = join(ctx.out, 'typecheck')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'herald'), { recursive: true })
  mkdirSync(join(dir, 'baseline'), { recursive: true })
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(makeCatalog(events, 1)))
  const loaded = core.value.loadCatalogSync(join(dir, 'catalog.json'))
  if (!loaded.ok) throw new Error('the bench catalog does not load')
  const catalog = loaded.catalog

  for (const file of generator.value.generate(catalog, {})) writeFileSync(join(dir, 'herald', file.path), file.content)
  const single = generator.value.generate(catalog, { format: 'ts' })[0]!
  writeFileSync(join(dir, 'baseline', 'events-source.ts'), single.content)
  emitDeclarations(join(dir, 'baseline', 'events-source.ts'))
  const entry = importEveryEmitter(catalog)
  writeFileSync(join(dir, 'herald', 'entry.ts'), entry('./events.js'))
  writeFileSync(join(dir, 'baseline', 'entry.ts'), entry('./events-source.js'))
  // The baseline must not see the implementation: only its declarations.
  rmSync(join(dir, 'baseline', 'events-source.ts'))

  const check = (side: string) => () => runChild(childScript('tsc-check.mjs'), [join(dir, side, 'entry.ts')], { cwd: dir })
  const runs = await interleave(ctx.rounds.child, check('herald'), check('baseline'))
  const rssRatio = Math.max(...runs.herald.map((r) => r.rssMiB)) / Math.max(...runs.baseline.map((r) => r.rssMiB))
  return {
    label,
    measurement: childMeasurement(runs, {
      rss: true,
      notes: [`peak RSS ratio ${rssRatio.toFixed(2)}× (goal ≤ 1.3×)`, 'child processes: createProgram + getPreEmitDiagnostics, strict, skipLibCheck, nodenext'],
    }),
  }
}

function importEveryEmitter(catalog: Catalog): (module: string) => string {
  const names = catalog.events.map((event) => event.identifier)
  return (module) => `import { ${names.join(', ')} } from '${module}'\nexport const emitters = [${names.join(', ')}] as const\n`
}

function emitDeclarations(file: string): void {
  const ts = createRequire(import.meta.url)('typescript') as typeof TS
  const program = ts.createProgram([file], {
    declaration: true,
    emitDeclarationOnly: true,
    skipLibCheck: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  })
  const result = program.emit()
  if (result.emitSkipped) throw new Error('tsc --emitDeclarationOnly of the baseline failed')
}
