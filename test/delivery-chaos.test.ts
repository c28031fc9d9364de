/**
 * 100,000 events through the NDJSON buffer and the forwarder to a real HTTP collector on 127.0.0.1 that
 * fails half of the requests at random (500s, 503s after keeping the batch, reset connections, 429s).
 * Every event must arrive at least once, and exactly once after dedupe by id.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'

const EVENTS = 100_000

describe('delivery under a failing collector', () => {
  let collector: Collector
  let dir: string
  beforeAll(async () => {
    collector = await startCollector({ failureRate: 0.5, seed: 20240611 })
    dir = mkdtempSync(join(tmpdir(), 'herald-chaos-'))
  })
  afterAll(async () => {
    await collector.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('delivers every one of 100,000 events, exactly once after dedupe', { timeout: 60_000 }, async () => {
    const warnings: string[] = []
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 512 * 1024, maxFiles: 10_000, onWarn: (w) => warnings.push(w.kind) })
    const fwd = forwarder({
      dir,
      enabled: true,
      url: collector.url,
      batchSize: 1000,
      flushIntervalMs: 20,
      maxRetries: 60,
      retryBaseMs: 1,
      retryMaxMs: 8,
      onWarn: (w) => warnings.push(w.kind),
    })

    // Emit while the forwarder uploads, yielding now and then as an app's event loop would.
    for (let seq = 0; seq < EVENTS; seq++) {
      sink.write({ event: 'cli.command.run', properties: { seq, duration_ms: seq % 97 }, timestamp: new Date(1_700_000_000_000 + seq).toISOString() })
      if (seq % 2000 === 1999) await yieldToLoop()
    }
    await sink.close()

    const started = Date.now()
    let result = await fwd.flush({ timeoutMs: 30_000 })
    while (result.remaining > 0 && Date.now() - started < 40_000) result = await fwd.flush({ timeoutMs: 10_000 })
    await fwd.close()
    expect(result.remaining).toBe(0)

    // The collector really failed, in every way it knows.
    expect(collector.fates['error-before']).toBeGreaterThan(0)
    expect(collector.fates['error-after']).toBeGreaterThan(0)
    expect(collector.fates.reset).toBeGreaterThan(0)
    expect(collector.fates['too-many']).toBeGreaterThan(0)
    expect(collector.corruptLines).toBe(0)
    expect(collector.badHeaders).toBe(0)

    const idsBySeq = new Map<number, Set<string>>()
    for (const event of collector.events) {
      const seq = event.properties.seq as number
      const ids = idsBySeq.get(seq) ?? new Set<string>()
      ids.add(event.id)
      idsBySeq.set(seq, ids)
    }
    // At least once: every event arrived. Exactly once after dedupe: one id per event, one event per id.
    expect(idsBySeq.size).toBe(EVENTS)
    for (const ids of idsBySeq.values()) expect(ids.size).toBe(1)
    expect(new Set(collector.events.map((e) => e.id)).size).toBe(EVENTS)
    // A 503 after the batch was kept makes the forwarder send it again: duplicates were there to dedupe.
    expect(collector.events.length).toBeGreaterThan(EVENTS)
    // Everything sent is gone from disk; only the offsets file is left.
    expect(readdirSync(dir).filter((f) => f.includes('.ndjson'))).toEqual([])
    expect(warnings.filter((kind) => kind !== 'delivery-failing')).toEqual([])
  })
})
