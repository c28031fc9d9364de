/**
 * The disk buffer is bounded: at most `maxFiles` segment files. When a new one would pass the bound the
 * oldest are deleted, and one warning counts the unsent events they held.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCollector } from './fixtures/delivery/collector.js'

type Warning = { kind: string; message: string }

const DROPPED = /deleted with (\d+) unsent events?/

function onDisk(dir: string): { file: string; seqs: number[] }[] {
  return readdirSync(dir)
    .filter((f) => f.includes('.ndjson'))
    .sort()
    .map((file) => ({
      file,
      seqs: readFileSync(join(dir, file), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { properties: { seq: number } }).properties.seq),
    }))
}

function droppedCount(warnings: Warning[]): number {
  return warnings.filter((w) => w.kind === 'buffer-full').reduce((sum, w) => sum + Number(DROPPED.exec(w.message)![1]), 0)
}

describe('a full disk buffer', () => {
  let dir: string
  const warnings: Warning[] = []
  const onWarn = (w: Warning) => warnings.push(w)
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-limit-'))
    warnings.length = 0
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const emit = (sink: ReturnType<typeof ndjsonSink>, from: number, to: number) => {
    for (let seq = from; seq < to; seq++) sink.write({ event: 'cli.command.run', properties: { seq }, timestamp: '2025-01-01T00:00:00.000Z' })
  }

  it('keeps the newest files, drops the oldest, and one warning counts every dropped event', async () => {
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 4096, maxFiles: 3, writeBatchEvents: 5000, onWarn })
    emit(sink, 0, 2000)
    await sink.close()
    const files = onDisk(dir)
    expect(files).toHaveLength(3)
    const kept = files.flatMap((f) => f.seqs)
    // The newest events, in order, up to the last one.
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 2000 - kept.length + i))
    expect(warnings.map((w) => w.kind)).toEqual(['buffer-full'])
    expect(droppedCount(warnings)).toBe(2000 - kept.length)
    expect(warnings[0]!.message).toMatch(/limit: 3 files of 4096 bytes/)
  })

  it('sums the drops of a buffer that stays full into few warnings, never losing count', async () => {
    const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 2048, maxFiles: 4, writeBatchEvents: 25, onWarn })
    emit(sink, 0, 3000)
    await sink.close()
    const kept = onDisk(dir).flatMap((f) => f.seqs)
    // One warning at the first drop, one at close for the rest (at most one a minute in between).
    expect(warnings.map((w) => w.kind)).toEqual(['buffer-full', 'buffer-full'])
    expect(droppedCount(warnings)).toBe(3000 - kept.length)
    expect(kept.at(-1)).toBe(2999)
  })

  it('does not count as dropped the events a forwarder already sent', async () => {
    const first = ndjsonSink({ dir, enabled: true, maxFileBytes: 4096, maxFiles: 100, onWarn })
    emit(first, 0, 100)
    await first.close()
    const before = onDisk(dir)
    // The collector accepts one batch of 10, then fails: the oldest file is 10 events into forwarding.
    const collector = await startCollector({ fate: (n) => (n === 0 ? 'ok' : 'error-before') })
    try {
      const fwd = forwarder({ dir, enabled: true, url: collector.url, batchSize: 10, maxRetries: 0, onWarn: () => undefined })
      await fwd.close()
    } finally {
      await collector.close()
    }
    const second = ndjsonSink({ dir, enabled: true, maxFileBytes: 4096, maxFiles: before.length, onWarn })
    emit(second, 100, 101)
    await second.close()
    // One new file pushed the oldest out: its events minus the 10 already delivered were lost.
    expect(onDisk(dir).map((f) => f.file)).not.toContain(before[0]!.file)
    expect(droppedCount(warnings)).toBe(before[0]!.seqs.length - 10)
  })
})
