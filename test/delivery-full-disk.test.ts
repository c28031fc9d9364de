/**
 * A real full disk: a 1 MiB tmpfs (as root; skipped with the reason otherwise) that fills with a filler file,
 * then frees. Refused events wait in memory, no empty segment piles up, no file is deleted, none is lost.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { describe, expect, it } from 'vitest'
import { startCollector } from './fixtures/delivery/collector.js'

const isRoot = process.getuid?.() === 0

describe('a disk that fills and frees', () => {
  it.skipIf(!isRoot)('keeps refused events in memory, opens no empty segments and deletes nothing (needs root for tmpfs)', { timeout: 30_000 }, async () => {
    const mount = mkdtempSync(join(tmpdir(), 'herald-tmpfs-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount])
    const collector = await startCollector()
    try {
      const dir = join(mount, 'buffer')
      const filler = join(mount, 'filler')
      try {
        writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024))
      } catch {
        // The disk is full now, as wanted.
      }
      const warnings: string[] = []
      const sink = ndjsonSink({ dir, enabled: true, maxFileBytes: 16 * 1024, maxFiles: 1000, writeBatchEvents: 50, onWarn: (w) => warnings.push(w.kind) })
      for (let seq = 0; seq < 3000; seq++) {
        sink.write({ event: 'e', properties: { seq } })
        if (seq % 500 === 499) await sleep(300)
      }
      const files = readdirSync(dir)
      const empty = files.filter((f) => f.includes('.ndjson') && statSync(join(dir, f)).size === 0)
      expect(empty.length).toBeLessThanOrEqual(1)
      expect(warnings).toContain('buffer-write-failed')
      rmSync(filler)
      await sleep(1100)
      await sink.close()
      const fwd = forwarder({ dir, enabled: true, url: collector.url })
      const result = await fwd.close({ timeoutMs: 10_000 })
      expect(result.remaining).toBe(0)
      expect(new Set(collector.events.map((e) => e.properties.seq)).size).toBe(3000)
      expect(warnings).not.toContain('buffer-full')
    } finally {
      await collector.close()
      execFileSync('umount', [mount])
      rmSync(mount, { recursive: true, force: true })
    }
  })
})
