/**
 * Delivery faults of issue 16 that one process shows: a Retry-After far in the future, event ids that are not
 * valid header values, and files readable by other users. Real forwarder, real collector on 127.0.0.1.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { headerId, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../packages/runtime/src/delivery/backoff.js'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'

let dir: string
let collector: Collector | undefined
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'herald-faults-')), 'buffer')
})
afterEach(async () => {
  await collector?.close()
  collector = undefined
  rmSync(join(dir, '..'), { recursive: true, force: true })
})

async function buffer(events: { id?: string; seq: number }[]): Promise<void> {
  const sink = ndjsonSink({ dir, enabled: true })
  for (const { id, seq } of events)
    sink.write({ ...(id !== undefined ? { id } : {}), event: 'cli.command.run', properties: { seq }, timestamp: '2025-01-01T00:00:00.000Z' })
  await sink.close()
}

describe('delivery faults', () => {
  it('clamps a Retry-After to an hour, so a date in 2100 is one wait and not a request flood', async () => {
    expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT')).toBe(MAX_RETRY_AFTER_MS)
    expect(parseRetryAfter('99999999999')).toBe(MAX_RETRY_AFTER_MS)
    expect(parseRetryAfter('5')).toBe(5000)
    await buffer([{ seq: 1 }])
    collector = await startCollector({ fate: () => 'too-many', retryAfter: 'Fri, 01 Jan 2100 00:00:00 GMT' })
    const overflow: string[] = []
    const onWarning = (w: Error) => overflow.push(w.name)
    process.on('warning', onWarning)
    try {
      const f = forwarder({ dir, enabled: true, url: collector.url, flushIntervalMs: 60_000, onWarn: () => undefined })
      const result = await f.flush({ timeoutMs: 1500 })
      await f.close({ timeoutMs: 100 })
      expect(result.delivered).toBe(0)
      expect(result.remaining).toBe(1)
    } finally {
      process.off('warning', onWarning)
    }
    expect(collector.requests).toHaveLength(1)
    expect(overflow).not.toContain('TimeoutOverflowWarning')
  })

  it('sends batches whose ids are not header-safe (non-ASCII, a newline, 20,000 characters)', async () => {
    const ids = ['événement-1', 'line\nbreak', 'x'.repeat(20_000), 'ok-id']
    await buffer(ids.map((id, seq) => ({ id, seq })))
    collector = await startCollector()
    const warnings: string[] = []
    const f = forwarder({ dir, enabled: true, url: collector.url, batchSize: 1, flushIntervalMs: 60_000, onWarn: (w) => warnings.push(w.kind) })
    const result = await f.flush({ timeoutMs: 5000 })
    await f.close({ timeoutMs: 100 })
    expect(result).toEqual({ delivered: 4, deadLettered: 0, remaining: 0 })
    expect(collector.events.map((e) => e.id)).toEqual(ids)
    expect(collector.badHeaders).toBe(0)
    expect(warnings).toEqual([])
    for (const request of collector.requests) expect(String(request.headers['x-herald-first-id']).length).toBeLessThanOrEqual(128)
    expect(headerId('line\nbreak')).toBe('line%0Abreak')
  })

  it('keeps the buffer private to its user: directory 0700, files 0600, offsets written under an unpredictable name', async () => {
    await buffer([{ seq: 1 }, { seq: 2 }])
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600)
    // A link planted at the name the offsets file used to be written through is never followed.
    const planted = join(dir, '..', 'victim')
    symlinkSync(planted, join(dir, `forwarder-offsets.json.${process.pid}.tmp`))
    collector = await startCollector()
    const f = forwarder({ dir, enabled: true, url: collector.url, flushIntervalMs: 60_000, onWarn: () => undefined })
    expect(await f.flush({ timeoutMs: 5000 })).toEqual({ delivered: 2, deadLettered: 0, remaining: 0 })
    await f.close({ timeoutMs: 100 })
    expect(() => statSync(planted)).toThrow()
    expect(statSync(join(dir, 'forwarder-offsets.json')).mode & 0o777).toBe(0o600)
  })
})
