/**
 * Issue 16, item 9: the `buffer-full` count is exact. A slow collector keeps the oldest segment's batches in
 * flight while a writer, over its file limit, deletes the oldest segments: every event emitted is either
 * delivered or counted as dropped, never both and never neither.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'

const DROPPED = /deleted with (\d+) unsent events?/

describe('buffer-full counts', () => {
  let collector: Collector
  let dir: string
  beforeEach(async () => {
    collector = await startCollector({ delayMs: 40 })
    dir = mkdtempSync(join(tmpdir(), 'herald-exact-'))
  })
  afterEach(async () => {
    await collector.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('counts as dropped exactly the events that were never delivered, while batches are in flight', { timeout: 30_000 }, async () => {
    const count = 6000
    const warnings: { kind: string; message: string }[] = []
    const onWarn = (w: { kind: string; message: string }) => warnings.push(w)
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 8 * 1024, maxFiles: 4, writeBatchEvents: 40, writeIntervalMs: 5, onWarn })
    const fwd = forwarder({ dir, enabled: true, url: collector.url, batchSize: 20, flushIntervalMs: 5, onWarn })
    for (let seq = 0; seq < count; seq++) {
      sink.write({ event: 'cli.command.run', properties: { seq }, timestamp: '2025-01-01T00:00:00.000Z' })
      if (seq % 40 === 39) await sleep(4)
    }
    await sink.close()
    let result = await fwd.flush({ timeoutMs: 15_000 })
    while (result.remaining > 0) result = await fwd.flush({ timeoutMs: 5000 })
    await fwd.close()

    const dropped = warnings.filter((w) => w.kind === 'buffer-full').reduce((sum, w) => sum + Number(DROPPED.exec(w.message)![1]), 0)
    const delivered = new Set(collector.events.map((e) => e.properties.seq)).size
    expect(warnings.filter((w) => w.kind !== 'buffer-full')).toEqual([])
    // The limit bit, and the collector was slow enough for deletions to meet batches in flight.
    expect(dropped).toBeGreaterThan(0)
    expect(delivered).toBeGreaterThan(0)
    expect({ sum: delivered + dropped, duplicates: collector.events.length - delivered }).toEqual({ sum: count, duplicates: 0 })
  })
})
