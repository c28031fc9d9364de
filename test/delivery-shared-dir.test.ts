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
})
