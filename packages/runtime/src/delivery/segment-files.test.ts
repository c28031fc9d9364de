import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isFinished, listSegments, liveSegments, nextSegmentName, sealedPath } from './segment-files.js'

describe('segment files', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-segments-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('names segments so that the oldest sorts first, and lists only segments', () => {
    const names = Array.from({ length: 50 }, () => nextSegmentName())
    for (const name of [...names].reverse()) writeFileSync(join(dir, name), '')
    writeFileSync(join(dir, 'forwarder-offsets.json'), '{}')
    writeFileSync(join(dir, 'dead-letter.ndjson'), '')
    const listed = listSegments(dir)
    expect(listed.map((s) => s.path)).toEqual(names.map((n) => join(dir, n)))
    expect(listed.every((s) => s.open && s.pid === process.pid)).toBe(true)
  })

  it('keeps the stem when a segment is sealed, so its offset still applies', () => {
    const open = join(dir, nextSegmentName())
    writeFileSync(open, '')
    writeFileSync(sealedPath(open), '')
    const [a, b] = listSegments(dir)
    expect(a!.stem).toBe(b!.stem)
    expect(sealedPath(open).endsWith('.ndjson')).toBe(true)
  })

  it('lists nothing for a directory that does not exist', () => {
    expect(listSegments(join(dir, 'absent'))).toEqual([])
  })

  it('knows which open segments no one will append to again', () => {
    const deadPid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout
    const stem = (pid: number | string) => `${String(Date.now()).padStart(13, '0')}-${pid}-00000001`
    const sealed = { stem: stem(1), path: join(dir, `${stem(1)}.ndjson`), open: false, pid: 1 }
    const dead = { stem: stem(deadPid), path: join(dir, `${stem(deadPid)}.ndjson.open`), open: true, pid: Number(deadPid) }
    const foreignLive = { stem: stem(process.ppid), path: join(dir, `${stem(process.ppid)}.ndjson.open`), open: true, pid: process.ppid }
    const oursLive = { stem: stem(process.pid), path: join(dir, `${stem(process.pid)}.ndjson.open`), open: true, pid: process.pid }
    expect(isFinished(sealed)).toBe(true)
    expect(isFinished(dead)).toBe(true)
    expect(isFinished(foreignLive)).toBe(false)
    // Our pid but not one of our sinks' files: an earlier process had our pid.
    expect(isFinished(oursLive)).toBe(true)
    liveSegments.add(oursLive.path)
    try {
      expect(isFinished(oursLive)).toBe(false)
    } finally {
      liveSegments.delete(oursLive.path)
    }
  })
})
