/**
 * Delivery throughput, against the BUILT `@herald/runtime/delivery` (run `pnpm build` first):
 *
 * 1. emit → NDJSON on disk: `ndjsonSink.write` of N events, then `close()` (written and fsynced), vs
 *    `JSON.stringify` + `fs.appendFileSync` in 1,000-line chunks (no fsync), and the same with one fsync.
 * 2. forwarding: N events already on disk, sent by `forwarder.flush()` to a collector on 127.0.0.1 that
 *    runs in a child process (so that it does not share the forwarder's core) and gunzips every batch.
 *
 * pnpm build && pnpm exec tsx bench/delivery-throughput.ts [events=100000] [rounds=7]
 */
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { isMainModule } from './is-main-module.js'

const CHUNK = 1000
const PROPERTIES = {
  order_id: 'ord_01HZX3',
  currency: 'EUR',
  amount_cents: 4999,
  item_count: 3,
  coupon_used: false,
  payment_method: 'card',
  shipping_tier: 'standard',
  country: 'DE',
  first_order: true,
  duration_ms: 812,
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * An empty folder, after the OS wrote out every dirty page: on ext4 an fsync commits the journal, which
 * would otherwise make the fsyncing side pay for the other side's unsynced megabytes.
 */
function freshDir(root: string, name: string): string {
  const dir = join(root, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  if (process.platform !== 'win32') spawnSync('sync')
  return dir
}

async function herald(dir: string, events: number): Promise<number> {
  const started = performance.now()
  const sink = ndjsonSink({ dir, enabled: true, env: {}, maxFileBytes: 64 * 1024 * 1024, maxFiles: 64 })
  for (let i = 0; i < events; i++) sink.write({ event: 'checkout.completed', properties: PROPERTIES, timestamp: new Date().toISOString() })
  await sink.close()
  return performance.now() - started
}

function baseline(dir: string, events: number, fsync: boolean): number {
  const file = join(dir, 'events.ndjson')
  const started = performance.now()
  let lines: string[] = []
  for (let i = 0; i < events; i++) {
    lines.push(JSON.stringify({ event: 'checkout.completed', properties: PROPERTIES, timestamp: new Date().toISOString() }))
    if (lines.length === CHUNK) {
      appendFileSync(file, `${lines.join('\n')}\n`)
      lines = []
    }
  }
  if (lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`)
  if (fsync) {
    const fd = openSync(file, 'r+')
    fsyncSync(fd)
    closeSync(fd)
  }
  return performance.now() - started
}

/** A collector in a child process: gunzips each batch, counts its lines, answers 200. */
const COLLECTOR = `
import { createServer } from 'node:http'
import { gunzipSync } from 'node:zlib'
let events = 0
const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c)).on('end', () => {
    const body = gunzipSync(Buffer.concat(chunks))
    for (let at = body.indexOf(10); at !== -1; at = body.indexOf(10, at + 1)) events++
    res.end()
  })
})
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'))
process.stdin.on('data', () => process.stdout.write('events ' + events + '\\n'))
`

async function startCollector(): Promise<{ url: string; count(): Promise<number>; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', COLLECTOR], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines: string[] = []
  const waiters: ((line: string) => void)[] = []
  let buffered = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop()!
    for (const line of parts) (waiters.shift() ?? ((l: string) => lines.push(l)))(line)
  })
  const next = () => new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiters.push(resolve)))
  const port = await next()
  return {
    url: `http://127.0.0.1:${port}/ingest`,
    async count() {
      child.stdin.write('?\n')
      return Number((await next()).split(' ')[1])
    },
    stop: () => child.kill(),
  }
}

async function forwarding(root: string, events: number, batchSize: number): Promise<{ ms: number; delivered: number; received: number }> {
  const dir = freshDir(root, `forward-${batchSize}`)
  await herald(dir, events)
  const collector = await startCollector()
  try {
    const before = await collector.count()
    const fwd = forwarder({ dir, enabled: true, env: {}, url: collector.url, batchSize, flushIntervalMs: 3_600_000 })
    const started = performance.now()
    const result = await fwd.close({ timeoutMs: 120_000 })
    const ms = performance.now() - started
    return { ms, delivered: result.delivered, received: (await collector.count()) - before }
  } finally {
    collector.stop()
  }
}

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 100_000)
  const rounds = Number(process.argv[3] ?? 7)
  const root = mkdtempSync(join(tmpdir(), 'herald-bench-delivery-'))
  try {
    const timings = { herald: [] as number[], append: [] as number[], appendFsync: [] as number[] }
    await herald(freshDir(root, 'warm'), events)
    baseline(freshDir(root, 'warm-baseline'), events, false)
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so that neither side always meets the warmer machine.
      if (round % 2 === 0) timings.herald.push(await herald(freshDir(root, 'herald'), events))
      timings.append.push(baseline(freshDir(root, 'append'), events, false))
      timings.appendFsync.push(baseline(freshDir(root, 'append-fsync'), events, true))
      if (round % 2 === 1) timings.herald.push(await herald(freshDir(root, 'herald'), events))
    }
    const rate = (ms: number) => `${Math.round(events / (ms / 1000)).toLocaleString('en')} events/s`
    // The minimum is what the code costs; the median also shows what a busy machine adds.
    const row = (name: string, samples: number[], versus?: number[]) => {
      const [med, min] = [median(samples), Math.min(...samples)]
      // herald / this baseline: lower is better.
      const ratio = versus ? `   herald ${(median(versus) / med).toFixed(2)}× (min ${(Math.min(...versus) / min).toFixed(2)}×)` : ''
      console.log(`  ${name.padEnd(52)} ${med.toFixed(1)} ms (min ${min.toFixed(1)})  ${rate(med)}${ratio}`)
    }
    console.log(`emit → NDJSON on disk, ${events.toLocaleString('en')} events, median of ${rounds}:`)
    row('ndjsonSink (write + close: written and fsynced)', timings.herald)
    row('JSON.stringify + appendFileSync, 1,000-line chunks', timings.append, timings.herald)
    row('the same + one fsync at the end', timings.appendFsync, timings.herald)

    console.log(`forwarding ${events.toLocaleString('en')} events from disk to a collector on 127.0.0.1 (gzip NDJSON):`)
    for (const batchSize of [1000, 5000]) {
      const samples: number[] = []
      for (let round = 0; round < Math.min(rounds, 3); round++) {
        const run = await forwarding(root, events, batchSize)
        if (run.delivered !== events || run.received !== events) throw new Error(`forwarded ${run.delivered}, received ${run.received} of ${events}`)
        samples.push(run.ms)
      }
      const ms = median(samples)
      console.log(`  batchSize ${String(batchSize).padEnd(5)} ${ms.toFixed(1)} ms  ${rate(ms)}`)
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

if (isMainModule(import.meta.url)) await main()
