import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isFinished, listSegments, nextSegmentName, sealedPath } from './segment-files.js'

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

  it('takes an open segment for abandoned only when its mtime is older than the stale time', () => {
    const stem = `${String(Date.now()).padStart(13, '0')}-1-00000001`
    const sealed = { stem, path: join(dir, `${stem}.ndjson`), open: false, pid: 1 }
    const open = { stem, path: join(dir, `${stem}.ndjson.open`), open: true, pid: 1 }
    writeFileSync(open.path, '')
    expect(isFinished(sealed, 1000)).toBe(true)
    expect(isFinished(open, 1000)).toBe(false)
    const old = new Date(Date.now() - 5000)
    utimesSync(open.path, old, old)
    expect(isFinished(open, 1000)).toBe(true)
    expect(isFinished(open, 10_000)).toBe(false)
  })

  it('skips entries with a segment name that are not regular files, and says which', () => {
    const name = nextSegmentName()
    symlinkSync(join(dir, 'nowhere'), join(dir, name))
    mkdirSync(join(dir, nextSegmentName()))
    const skipped: string[] = []
    expect(listSegments(dir, (path) => skipped.push(path))).toEqual([])
    expect(skipped).toHaveLength(2)
  })
})
