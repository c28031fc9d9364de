/**
 * Issue 16, item 1: a writer and a forwarder in different PID namespaces (the sidecar or shared-volume
 * layout: a container writes, another forwards), each in its own namespace under `unshare -pf --mount-proc`
 * (the writer under a shell as its init, as in a container, with a PID that names no process in the
 * forwarder's namespace), real processes on one directory, a collector on 127.0.0.1. On the code before
 * the fix 18,278 of 20,000 events were lost this way; now none may be.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'
import { closeForwarder, isRoot, startDeliveryProcess, warningsOf } from './support/delivery-processes.js'

const EVENTS = 20_000

describe('writer and forwarder in different PID namespaces', () => {
  let collector: Collector
  let dir: string
  beforeEach(async () => {
    collector = await startCollector()
    dir = mkdtempSync(join(tmpdir(), 'herald-pidns-'))
  })
  afterEach(async () => {
    await collector.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it.skipIf(!isRoot)('delivers all 20,000 events, none lost (unshare needs root: skipped otherwise)', { timeout: 60_000 }, async () => {
    const segmentStaleMs = 2000
    const fwd = startDeliveryProcess('forward', { dir, url: collector.url, name: 'f', segmentStaleMs }, { namespace: true })
    const writer = startDeliveryProcess(
      'write',
      { dir, writer: 0, run: 0, count: EVENTS, segmentStaleMs, pauseEvery: 200, pauseMs: 2 },
      { namespace: true, pid: 4242 },
    )
    try {
      const wrote = await writer.ended
      expect(wrote, wrote.stderr).toMatchObject({ code: 0 })
      expect(writer.lines).toContain('done')
      const closed = await closeForwarder(fwd)
      expect(closed).toMatchObject({ remaining: 0 })
    } finally {
      writer.kill()
      fwd.kill()
    }
    // Each really was in a namespace of its own: the writer's PID (4242, under its init) names no process where
    // the forwarder runs, and the forwarder is PID 1 of its own.
    expect([writer.lines[0], fwd.lines[0]]).toEqual(['pid 4242', 'pid 1'])
    const seqs = new Set(collector.events.map((e) => e.properties.seq))
    expect(seqs.size).toBe(EVENTS)
    expect(collector.events.every((e) => typeof e.id === 'string')).toBe(true)
    expect([...warningsOf(writer), ...warningsOf(fwd)]).toEqual([])
    expect(readdirSync(dir).filter((f) => f.includes('.ndjson'))).toEqual([])
  })
})
