import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TelemetryEvent } from '../sink.js'
import { ndjsonSink } from './ndjson-sink.js'
import { listSegments } from './segment-files.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function event(i: number, extra: Record<string, unknown> = {}): TelemetryEvent {
  return { event: 'cli.command.run', properties: { seq: i, duration_ms: 3, ...extra }, timestamp: '2025-01-01T00:00:00.000Z' }
}

function readLines(dir: string): Record<string, unknown>[] {
  return listSegments(dir).flatMap((s) =>
    readFileSync(s.path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  )
}

describe('ndjsonSink', () => {
  let dir: string
  const warnings: { kind: string; message: string }[] = []
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'herald-sink-')), 'buffer')
    warnings.length = 0
  })
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }))
  const onWarn = (w: { kind: string; message: string }) => warnings.push(w)

  it('appends one JSON line per event, with a UUIDv7 id first when the event has none', async () => {
    const sink = ndjsonSink({ dir, enabled: true, onWarn })
    const given = { ...event(0), id: '0190f3a2-5b1c-7a3e-9c4d-1e2f3a4b5c6d' }
    const plain = event(1)
    sink.write(given)
    sink.write(plain)
    await sink.close()
    const lines = readLines(dir)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toEqual(given)
    expect(Object.keys(lines[1]!)[0]).toBe('id')
    expect(lines[1]!.id).toMatch(UUID_V7)
    expect(lines[1]).toMatchObject(plain)
    // The caller's event object is not changed.
    expect(plain).not.toHaveProperty('id')
    expect(warnings).toEqual([])
  })

  it('creates nothing until the first event, then writes at the batch boundary without waiting', async () => {
    const sink = ndjsonSink({ dir, enabled: true, writeBatchEvents: 10, writeIntervalMs: 60_000 })
    sink.write(event(0))
    expect(() => statSync(dir)).toThrow()
    for (let i = 1; i < 10; i++) sink.write(event(i))
    expect(readLines(dir)).toHaveLength(10)
    sink.write(event(10))
    expect(readLines(dir)).toHaveLength(10)
    await sink.flush()
    expect(readLines(dir)).toHaveLength(11)
    await sink.close()
  })

  it('writes a partial batch from its timer within writeIntervalMs', async () => {
    const sink = ndjsonSink({ dir, enabled: true, writeIntervalMs: 20 })
    sink.write(event(0))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(readLines(dir)).toHaveLength(1)
    await sink.close()
  })

  it('rotates by size: no file passes maxFileBytes, every file ends on a whole line, none is lost', async () => {
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 2000, maxFiles: 1000, writeBatchEvents: 37 })
    for (let i = 0; i < 1000; i++) sink.write(event(i))
    await sink.close()
    const files = readdirSync(dir)
    expect(files.length).toBeGreaterThan(10)
    expect(files.some((f) => f.endsWith('.open'))).toBe(false)
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8')
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2000)
      expect(text.endsWith('\n')).toBe(true)
    }
    expect(readLines(dir).map((l) => (l.properties as { seq: number }).seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i))
  })

  it('gives a line longer than a whole file a file of its own', async () => {
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 500, maxFiles: 100 })
    sink.write(event(0))
    sink.write(event(1, { note: 'x'.repeat(2000) }))
    sink.write(event(2))
    await sink.close()
    expect(readLines(dir).map((l) => (l.properties as { seq: number }).seq)).toEqual([0, 1, 2])
    expect(listSegments(dir).map((s) => statSync(s.path).size > 2000)).toEqual([false, true, false])
  })

  it('reports each fsync with the number of events now on stable storage', async () => {
    const synced: number[] = []
    const sink = ndjsonSink({ dir, enabled: true, onSync: ({ events }) => synced.push(events) })
    for (let i = 0; i < 5; i++) sink.write(event(i))
    await sink.flush()
    for (let i = 0; i < 3; i++) sink.write(event(i))
    await sink.close()
    expect(synced).toEqual([5, 8])
  })

  it('fsyncs from its timer, at most every fsyncIntervalMs', async () => {
    const synced: number[] = []
    const sink = ndjsonSink({ dir, enabled: true, writeIntervalMs: 10, fsyncIntervalMs: 50, onSync: ({ events }) => synced.push(events) })
    sink.write(event(0))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(synced).toEqual([1])
    await sink.close()
  })

  it('drops an event that cannot be serialized, with a warning, and keeps the others', async () => {
    const sink = ndjsonSink({ dir, enabled: true, onWarn })
    sink.write(event(0))
    sink.write(event(1, { big: 10n }))
    sink.write(event(2))
    await sink.close()
    expect(readLines(dir)).toHaveLength(2)
    expect(warnings.map((w) => w.kind)).toEqual(['unserializable-event'])
  })

  it('warns once about writes after close', async () => {
    const sink = ndjsonSink({ dir, enabled: true, onWarn })
    await sink.close()
    sink.write(event(0))
    sink.write(event(1))
    expect(warnings.map((w) => w.kind)).toEqual(['write-after-close'])
    expect(() => statSync(dir)).toThrow()
  })

  it('keeps events in memory while the disk refuses writes, bounded, and counts what it drops', async () => {
    const parent = join(dir, '..')
    const blocked = join(parent, 'not-a-directory')
    writeFileSync(blocked, '')
    const sink = ndjsonSink({ dir: join(blocked, 'buffer'), enabled: true, onWarn, writeBatchEvents: 10, maxPendingEvents: 100 })
    for (let i = 0; i < 250; i++) sink.write(event(i))
    await sink.flush()
    expect(warnings.filter((w) => w.kind === 'buffer-write-failed')).toHaveLength(1)
    await sink.close()
    const full = warnings.filter((w) => w.kind === 'buffer-full')
    expect(full).toHaveLength(2)
    // Every event was either kept or counted, and nothing was kept: 250 dropped in all.
    const counted = full.map((w) => Number(/(\d+) events? waiting in memory/.exec(w.message)![1]))
    expect(counted.reduce((a, b) => a + b, 0)).toBe(250)
  })
})
