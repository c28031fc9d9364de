/** The forwarder against a real collector on 127.0.0.1: offsets, refusals, Retry-After, deadlines, torn lines. */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { DEAD_LETTER_FILE, type Forwarder, forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'

type Warning = { kind: string; message: string }

describe('forwarder', () => {
  let dir: string
  let collector: Collector | undefined
  const warnings: Warning[] = []
  const onWarn = (w: Warning) => warnings.push(w)
  const open: Forwarder[] = []

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-forwarder-'))
    warnings.length = 0
  })
  afterEach(async () => {
    for (const f of open.splice(0)) await f.close({ timeoutMs: 100 })
    await collector?.close()
    collector = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  async function buffer(count: number, run = 0): Promise<void> {
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 64 * 1024, maxFiles: 1000 })
    for (let seq = 0; seq < count; seq++) sink.write({ event: 'cli.command.run', properties: { run, seq }, timestamp: '2025-01-01T00:00:00.000Z' })
    await sink.close()
  }

  function make(options: Partial<Parameters<typeof forwarder>[0]> & { url: string }): Forwarder {
    const f = forwarder({ dir, enabled: true, flushIntervalMs: 60_000, retryBaseMs: 1, retryMaxMs: 5, onWarn, ...options })
    open.push(f)
    return f
  }

  it('POSTs gzip NDJSON with the batch ids and the caller headers', async () => {
    await buffer(25)
    let seen: { headers: Record<string, string | string[] | undefined>; lines: string[] } | undefined
    const server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen ??= { headers: req.headers, lines: gunzipSync(Buffer.concat(chunks)).toString().trim().split('\n') }
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const result = await make({ url, batchSize: 10, headers: { authorization: 'Bearer test-key' } }).flush()
      expect(result).toEqual({ delivered: 25, deadLettered: 0, remaining: 0 })
      const ids = seen!.lines.map((l) => (JSON.parse(l) as { id: string }).id)
      expect(ids).toHaveLength(10)
      expect(seen!.headers).toMatchObject({
        'content-type': 'application/x-ndjson',
        'content-encoding': 'gzip',
        authorization: 'Bearer test-key',
        'x-herald-event-count': '10',
        'x-herald-first-id': ids[0],
        'x-herald-last-id': ids[9],
      })
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('advances and persists its offset only after a 2xx, and resumes from it after a restart', async () => {
    await buffer(100)
    // Two batches are accepted, then every request fails.
    collector = await startCollector({ fate: (n) => (n < 2 ? 'ok' : 'error-before') })
    const first = await make({ url: collector.url, batchSize: 20, maxRetries: 0 }).flush()
    expect(first).toEqual({ delivered: 40, deadLettered: 0, remaining: 60 })
    expect(warnings.map((w) => w.kind)).toEqual(['delivery-failing'])
    expect(existsSync(join(dir, 'forwarder-offsets.json'))).toBe(true)
    await collector.close()

    collector = await startCollector()
    const second = await make({ url: collector.url, batchSize: 20 }).flush()
    expect(second).toEqual({ delivered: 60, deadLettered: 0, remaining: 0 })
    // The restarted forwarder sent only what had not been acknowledged.
    expect(collector.events.map((e) => e.properties.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 40))
  })

  it('keeps the batch on disk after maxRetries, with one warning, and tries again later', async () => {
    await buffer(10)
    collector = await startCollector({ fate: () => 'error-before' })
    const f = make({ url: collector.url, maxRetries: 2 })
    expect(await f.flush()).toEqual({ delivered: 0, deadLettered: 0, remaining: 10 })
    expect(collector.requests).toHaveLength(3)
    await f.flush()
    expect(warnings.filter((w) => w.kind === 'delivery-failing')).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/10 events .* after 3 attempts \(HTTP 500\); they stay on disk/)
  })

  it('moves a batch refused with a 4xx to the dead-letter file, with a warning, and goes on', async () => {
    await buffer(30)
    collector = await startCollector({ fate: (n) => (n === 1 ? 400 : 'ok') })
    const result = await make({ url: collector.url, batchSize: 10 }).flush()
    expect(result).toEqual({ delivered: 20, deadLettered: 10, remaining: 0 })
    const dead = readFileSync(join(dir, DEAD_LETTER_FILE), 'utf8').trim().split('\n')
    expect(dead.map((l) => (JSON.parse(l) as { properties: { seq: number } }).properties.seq)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    expect(warnings.map((w) => w.kind)).toEqual(['dead-letter'])
    expect(warnings[0]!.message).toContain('refused 10 events with HTTP 400')
  })

  it('honours Retry-After on a 429', { timeout: 10_000 }, async () => {
    await buffer(5)
    collector = await startCollector({ fate: (n) => (n === 0 ? 'too-many' : 'ok'), retryAfter: '1' })
    const result = await make({ url: collector.url }).flush({ timeoutMs: 5000 })
    expect(result.delivered).toBe(5)
    const [first, second] = collector.requests
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
  })

  it('gives up at the deadline of close() when the collector hangs, and keeps every event', { timeout: 10_000 }, async () => {
    await buffer(10)
    const server = createServer(() => undefined)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const started = Date.now()
      const result = await make({ url }).close({ timeoutMs: 300 })
      expect(Date.now() - started).toBeLessThan(2000)
      expect(result).toEqual({ delivered: 0, deadLettered: 0, remaining: 10 })
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('skips a torn last line and corrupt lines left by a dead writer, warns, and never sends them', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    const line = (seq: number) => `{"id":"0190f3a2-5b1c-7a3e-9c4d-00000000000${seq}","event":"e","properties":{"seq":${seq}},"timestamp":"t"}\n`
    const file = join(dir, `${String(Date.now()).padStart(13, '0')}-${deadPid}-00000001.ndjson.open`)
    writeFileSync(file, line(1) + '\u0000\u0000{"id":"x\n' + line(2) + '{"id":"0190f3a2-5b1c-7a3e-9c4d-00000000')
    // A dead writer no longer touches its file: older than the stale time.
    const old = new Date(Date.now() - 60_000)
    utimesSync(file, old, old)
    collector = await startCollector()
    const result = await make({ url: collector.url }).flush()
    expect(result).toEqual({ delivered: 2, deadLettered: 0, remaining: 0 })
    expect(collector.corruptLines).toBe(0)
    expect(collector.events.map((e) => e.properties.seq)).toEqual([1, 2])
    expect(warnings.map((w) => w.kind).sort()).toEqual(['corrupt-line', 'torn-line'])
    expect(existsSync(file)).toBe(false)
  })

  it('never uploads on the stack of the code that emits', async () => {
    collector = await startCollector()
    let emitting = false
    let uploadsDuringEmit = 0
    const uploads: number[] = []
    const spyFetch: typeof fetch = (input, init) => {
      if (emitting) uploadsDuringEmit++
      uploads.push(Date.now())
      return fetch(input, init)
    }
    const sink = ndjsonSink({ dir, enabled: true, writeBatchEvents: 10 })
    const f = make({ url: collector.url, fetch: spyFetch, flushIntervalMs: 5 })
    for (let round = 0; round < 20; round++) {
      emitting = true
      for (let seq = 0; seq < 100; seq++) sink.write({ event: 'e', properties: { round, seq }, timestamp: 't' })
      emitting = false
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await sink.close()
    await f.close({ timeoutMs: 5000 })
    expect(uploads.length).toBeGreaterThan(0)
    expect(uploadsDuringEmit).toBe(0)
    expect(new Set(collector.events.map((e) => e.id)).size).toBe(2000)
  })
})
