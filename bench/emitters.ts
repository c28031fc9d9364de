/** The generated emitters of the bench catalog and the runtime they run on, set up once per run. */
import { join } from 'node:path'
import type * as Runtime from '@herald/runtime'
import type { BenchContext } from './bench-context.js'
import { loadEmitCatalog } from './emit-fixture.js'
import { generateInto, importBuilt, importGeneratedExport, type Loaded } from './generated-code.js'

export type Emitter = (t: Runtime.Telemetry, properties: object) => void

export interface Emitters {
  runtime: typeof Runtime
  checkoutCompleted: Emitter
  checkoutCompletedHashed: Emitter
}

let loading: Promise<Loaded<Emitters>> | undefined

export function loadEmitters(ctx: BenchContext): Promise<Loaded<Emitters>> {
  loading ??= load(ctx)
  return loading
}

async function load(ctx: BenchContext): Promise<Loaded<Emitters>> {
  const runtime = await importBuilt<typeof Runtime>('@herald/runtime')
  if (!runtime.ok) return runtime
  if (typeof runtime.value.createTelemetry !== 'function') return { ok: false, reason: '@herald/runtime has no createTelemetry yet' }
  const dir = join(ctx.out, 'emit')
  const files = await generateInto('@herald/generator-typescript', loadEmitCatalog(), dir)
  if (!files.ok) return files
  const plain = await importGeneratedExport<Emitter>(dir, files.value, 'checkoutCompleted')
  if (!plain.ok) return plain
  const hashed = await importGeneratedExport<Emitter>(dir, files.value, 'checkoutCompletedHashed')
  if (!hashed.ok) return hashed
  return { ok: true, value: { runtime: runtime.value, checkoutCompleted: plain.value, checkoutCompletedHashed: hashed.value } }
}
