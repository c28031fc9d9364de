/**
 * bundle: an esbuild production build (minified, `process.env.NODE_ENV` "production", browser ESM) of an
 * entry that uses every emitter of the example catalog, gzip bytes, vs the same entry over the output of
 * the generator before issue 18 (bench/fixtures/events-before-18.ts, committed as it was generated).
 */
import { readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Catalog } from '@herald/core'
import type { BenchContext, RowRun } from '../bench-context.js'
import { importBuilt } from '../generated-code.js'

type Generate = (catalog: Catalog, options?: Record<string, unknown>) => Array<{ path: string; content: string }>

export async function benchBundle(ctx: BenchContext): Promise<RowRun> {
  const label = 'bundle (example catalog, every emitter, min+gzip)'
  const core = await importBuilt<typeof import('@herald/core')>('@herald/core')
  const generator = await importBuilt<{ generate: Generate }>('@herald/generator-typescript')
  if (!core.ok) return { label, measurement: { kind: 'not built', reason: core.reason } }
  if (!generator.ok) return { label, measurement: { kind: 'not built', reason: generator.reason } }
  const { build } = await import('esbuild')
  const catalog = core.value.loadCatalogOrThrow(join(ctx.root, 'schema/events.catalog.json'))
  const dir = join(ctx.out, 'bundle')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'herald'), { recursive: true })
  mkdirSync(join(dir, 'baseline'), { recursive: true })
  for (const file of generator.value.generate(catalog, {})) writeFileSync(join(dir, 'herald', file.path), file.content)
  writeFileSync(join(dir, 'baseline', 'events.ts'), readFileSync(join(ctx.root, 'bench/fixtures/events-before-18.ts')))
  const names = catalog.events.map((event) => event.identifier)
  const entry = `import { ${names.join(', ')} } from './events.js'\nexport const emitters = [${names.join(', ')}]\n`

  const gzipBytes = async (side: string): Promise<{ gzip: number; text: string }> => {
    writeFileSync(join(dir, side, 'entry.js'), entry)
    const result = await build({
      entryPoints: [join(dir, side, 'entry.js')],
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"production"' },
      // The runtime's hashing still imports node:crypto (issue 15 moves it); both sides leave it out alike.
      external: ['node:*'],
      absWorkingDir: ctx.root,
      logLevel: 'silent',
    })
    const text = result.outputFiles[0]!.text
    return { gzip: gzipSync(text).length, text }
  }
  const herald = await gzipBytes('herald')
  const baseline = await gzipBytes('baseline')
  const validatorMessages = (text: string) => (text.match(/must be one of|must have the required property/g) ?? []).length
  return {
    label,
    measurement: {
      kind: 'measured',
      herald: [herald.gzip],
      baseline: [baseline.gzip],
      notes: [
        `${(herald.gzip / names.length).toFixed(0)} B min+gzip per event (${names.length} events, runtime included); baseline ${(baseline.gzip / names.length).toFixed(0)} B`,
        `validator messages in the bundle: herald ${validatorMessages(herald.text)}, baseline ${validatorMessages(baseline.text)}`,
      ],
    },
  }
}
