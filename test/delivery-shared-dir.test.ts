/**
 * Writers and a forwarder that share nothing but the buffer directory: a sink in a worker_thread with the
 * forwarder in the main thread, and entries in the directory that are not segment files.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'

const WORKER = new URL('./fixtures/delivery/worker-writer.mjs', import.meta.url)

describe('a buffer directory shared across threads', () => {
  let collector: Collector
  let dir: string
  beforeEach(async () => {
    collector = await startCollector()
    dir = mkdtempSync(join(tmpdir(), 'herald-shared-'))
  })
  afterEach(async () => {
    await collector.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('loses no event of a sink in a worker_thread while the main thread forwards', { timeout: 30_000 }, async () => {
    const count = 3000
    const warnings: string[] = []
    const fwd = forwarder({ dir, enabled: true, url: collector.url, flushIntervalMs: 20, segmentStaleMs: 2000, onWarn: (w) => warnings.push(w.kind) })
    const worker = new Worker(WORKER, { workerData: { dir, count, segmentStaleMs: 2000 } })
    await new Promise<void>((resolve, reject) => {
      worker.on('message', () => resolve())
      worker.on('error', reject)
    })
    await worker.terminate()
    const result = await fwd.close({ timeoutMs: 10_000 })
    expect(result.remaining).toBe(0)
    const seqs = new Set(collector.events.map((e) => e.properties.seq))
    expect(seqs.size).toBe(count)
    expect(warnings.filter((kind) => kind !== 'delivery-failing')).toEqual([])
  })

  it('skips a dangling link with a segment name, with one warning, instead of looping on it', { timeout: 15_000 }, async () => {
    const sink = ndjsonSink({ dir, enabled: true })
    for (let seq = 0; seq < 10; seq++) sink.write({ event: 'e', properties: { seq } })
    await sink.close()
    symlinkSync(join(dir, 'gone'), join(dir, `${String(Date.now()).padStart(13, '0')}-1-00000001.ndjson`))
    const warnings: string[] = []
    const fwd = forwarder({ dir, enabled: true, url: collector.url, onWarn: (w) => warnings.push(w.kind) })
    const started = Date.now()
    const first = await fwd.flush({ timeoutMs: 3000 })
    await fwd.flush({ timeoutMs: 3000 })
    await fwd.close()
    expect(Date.now() - started).toBeLessThan(2000)
    expect(first.delivered).toBe(10)
    expect(warnings).toEqual(['not-a-segment'])
  })

  it('recreates a deleted directory and never reports as durable the events deleted with it', { timeout: 15_000 }, async () => {
    let durable = 0
    const sink = ndjsonSink({ dir, enabled: true, writeBatchEvents: 10, fsyncIntervalMs: 60_000, onSync: ({ events }) => (durable = events) })
    for (let seq = 0; seq < 100; seq++) sink.write({ event: 'e', properties: { seq } })
    // Written to the OS, not yet fsynced, when the directory goes.
    rmSync(dir, { recursive: true, force: true })
    for (let seq = 100; seq < 200; seq++) sink.write({ event: 'e', properties: { seq } })
    await sink.close()
    const fwd = forwarder({ dir, enabled: true, url: collector.url })
    const result = await fwd.close({ timeoutMs: 5000 })
    expect(result.remaining).toBe(0)
    const seqs = new Set(collector.events.map((e) => e.properties.seq))
    expect({ durable, delivered: seqs.size }).toEqual({ durable: 200, delivered: 200 })
  })

  it('two forwarders on one directory send each event once (the lock)', { timeout: 15_000 }, async () => {
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 16 * 1024, maxFiles: 1000 })
    for (let seq = 0; seq < 5000; seq++) sink.write({ event: 'e', properties: { seq } })
    await sink.close()
    const a = forwarder({ dir, enabled: true, url: collector.url, batchSize: 100 })
    const b = forwarder({ dir, enabled: true, url: collector.url, batchSize: 100 })
    const [ra, rb] = await Promise.all([a.close({ timeoutMs: 10_000 }), b.close({ timeoutMs: 10_000 })])
    expect(ra.remaining + rb.remaining).toBe(0)
    expect(new Set(collector.events.map((e) => e.properties.seq)).size).toBe(5000)
    // A healthy collector and no stale takeover: no duplicate at all.
    expect(collector.events.length).toBe(5000)
  })
})
