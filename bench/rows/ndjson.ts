/**
 * ndjson: the generated emitter into `ndjsonSink`, N events, until `close()` has written and fsynced them,
 * vs `JSON.stringify` of each event (name, properties, timestamp) appended with `fs.appendFileSync` in
 * 1,000-line chunks. In-process; each round writes into an empty folder.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type * as Delivery from '@herald/runtime/delivery'
import type { BenchContext, RowRun } from '../bench-context.js'
import { BENCH_SALT, CHECKOUT_PROPERTIES } from '../emit-fixture.js'
import { loadEmitters } from '../emitters.js'
import { importBuilt } from '../generated-code.js'
import { interleave } from '../measure.js'

const CHUNK = 1000

export async function benchNdjson(ctx: BenchContext): Promise<RowRun> {
  const events = ctx.quick ? 20_000 : 100_000
  const label = `ndjson (${events.toLocaleString('en')} events)`
  const delivery = await importBuilt<typeof Delivery>('@herald/runtime/delivery')
  if (!delivery.ok) return { label, measurement: { kind: 'not built', reason: delivery.reason } }
  if (typeof delivery.value.ndjsonSink !== 'function')
    return { label, measurement: { kind: 'not built', reason: '@herald/runtime/delivery has no ndjsonSink yet' } }
  const emitters = await loadEmitters(ctx)
  if (!emitters.ok) return { label, measurement: { kind: 'not built', reason: `the emitter: ${emitters.reason}` } }
  const { runtime, checkoutCompleted } = emitters.value
  const root = join(ctx.out, 'ndjson')
  const properties = { ...CHECKOUT_PROPERTIES }
  const warnings: string[] = []

  const herald = async (round: number) => {
    const dir = fresh(join(root, `herald-${round}`))
    const started = performance.now()
    // A user's DO_NOT_TRACK must not turn the benchmark off (env: {}); files large enough that rotation never drops an event of the run.
    const sink = delivery.value.ndjsonSink({
      dir,
      maxFileBytes: 64 * 1024 * 1024,
      maxFiles: 64,
      enabled: true,
      env: {},
      onWarn: (w) => warnings.push(w.message),
    })
    const t = runtime.createTelemetry({
      sinks: [sink],
      enabled: true,
      env: 'production',
      envVars: {},
      salt: BENCH_SALT,
      onWarn: (w) => warnings.push(w.message),
    })
    for (let i = 0; i < events; i++) checkoutCompleted(t, properties)
    await sink.close()
    return performance.now() - started
  }
  const baseline = async (round: number) => {
    const file = join(fresh(join(root, `baseline-${round}`)), 'events.ndjson')
    const started = performance.now()
    let lines: string[] = []
    for (let i = 0; i < events; i++) {
      lines.push(JSON.stringify({ event: 'checkout.completed', properties, timestamp: new Date().toISOString() }))
      if (lines.length === CHUNK) {
        appendFileSync(file, `${lines.join('\n')}\n`)
        lines = []
      }
    }
    if (lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`)
    return performance.now() - started
  }

  await herald(-1)
  const written = countLines(join(root, 'herald--1'))
  if (written !== events)
    return { label, measurement: { kind: 'error', message: `ndjsonSink wrote ${written} of ${events} lines${warnings[0] ? ` (${warnings[0]})` : ''}` } }
  await baseline(-1)
  const runs = await interleave(ctx.rounds.child, herald, baseline)
  rmSync(root, { recursive: true, force: true })
  return {
    label,
    measurement: {
      kind: 'measured',
      herald: runs.herald,
      baseline: runs.baseline,
      notes: ['in-process; herald includes close() (write and fsync), the baseline does not fsync'],
    },
  }
}

function fresh(dir: string): string {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

function countLines(dir: string): number {
  let lines = 0
  for (const name of readdirSync(dir)) {
    const text = readFileSync(join(dir, name), 'utf8')
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++
  }
  return lines
}
