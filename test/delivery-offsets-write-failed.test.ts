/**
 * The offsets file cannot be saved (a real full disk: a 1 MiB tmpfs, as root; skipped with the reason
 * otherwise). The forwarder keeps its offsets in memory and saves them again later: it never goes back to
 * sending what a collector already acknowledged, in this process or, once a save succeeded, after a restart.
 * It also takes its lock on the full disk (the lock needs no data block), or it could never send and delete
 * the segments that filled it. On the code before, each drain re-read the stale file and sent batch 1 again,
 * and a forwarder could not lock a full disk at all.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { describe, expect, it } from 'vitest'
import { startCollector } from './fixtures/delivery/collector.js'

const isRoot = process.getuid?.() === 0
const EVENTS = 5000

/** Fills the file system of `path` to the last byte. */
function fill(path: string): void {
  try {
    writeFileSync(path, Buffer.alloc(2 * 1024 * 1024))
  } catch {
    // Full now, as wanted: what was written stays.
  }
}

/** A file still open in the failed run must not hide its failure: then the mount goes lazily. */
function unmount(mount: string): void {
  try {
    execFileSync('umount', [mount], { stdio: 'ignore' })
  } catch {
    execFileSync('umount', ['-l', mount])
  }
  rmSync(mount, { recursive: true, force: true })
}

describe('the offsets file cannot be saved', () => {
  it.skipIf(!isRoot)(
    'keeps the offsets in memory, never sends an acknowledged batch again, and saves them once the disk frees (needs root for tmpfs)',
    { timeout: 30_000 },
    async () => {
      const mount = mkdtempSync(join(tmpdir(), 'herald-offsets-tmpfs-'))
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount])
      const collector = await startCollector()
      try {
        const dir = join(mount, 'buffer')
        const filler = join(mount, 'filler')
        const sink = ndjsonSink({ dir, enabled: true })
        for (let seq = 0; seq < EVENTS; seq++) sink.write({ event: 'e', properties: { seq } })
        await sink.close()

        // How many requests the collector may take before the others get a 503 (no request reaches it then).
        let allowed = 0
        let onAnswer: () => void = () => undefined
        const fetch: typeof globalThis.fetch = async (url, init) => {
          if (allowed <= 0) return new Response(null, { status: 503 })
          allowed--
          const response = await globalThis.fetch(url, init)
          onAnswer()
          return response
        }
        const warnings: string[] = []
        const options = { dir, enabled: true, url: collector.url, batchSize: 1000, maxRetries: 0, retryBaseMs: 1, retryMaxMs: 1, flushIntervalMs: 60_000 }
        const a = forwarder({ ...options, fetch, onWarn: (w) => warnings.push(w.kind) })

        // Batch 1 is acknowledged, then the disk fills before the offset is saved.
        allowed = 1
        onAnswer = () => fill(filler)
        expect(await a.flush({ timeoutMs: 5000 })).toMatchObject({ delivered: 1000 })
        onAnswer = () => undefined
        expect(warnings).toContain('offsets-write-failed')

        // Still full (the pages the last drain's lock and claim freed are taken too): the next drain takes the
        // lock, sends batch 2 and not batch 1 again.
        fill(`${filler}-2`)
        allowed = 1
        expect(await a.flush({ timeoutMs: 5000 })).toMatchObject({ delivered: 1000 })
        expect(collector.events.map((e) => e.properties.seq as number).sort((x, y) => x - y)).toEqual([...Array(2000).keys()])

        // The disk frees; a drain that sends nothing (the collector is down) saves the offsets again.
        rmSync(filler)
        rmSync(`${filler}-2`)
        allowed = 0
        expect(await a.flush({ timeoutMs: 5000 })).toMatchObject({ delivered: 0, remaining: EVENTS - 2000 })

        // The process dies here; a new forwarder goes on from the saved offsets.
        const b = forwarder({ ...options, fetch: globalThis.fetch })
        expect(await b.close({ timeoutMs: 10_000 })).toMatchObject({ delivered: EVENTS - 2000, remaining: 0 })
        await a.close({ timeoutMs: 1000 })

        expect(collector.events.length).toBe(EVENTS)
        expect(new Set(collector.events.map((e) => e.properties.seq)).size).toBe(EVENTS)
        expect(warnings.filter((kind) => kind !== 'delivery-failing')).toEqual(['offsets-write-failed'])
      } finally {
        await collector.close()
        unmount(mount)
      }
    },
  )
})
