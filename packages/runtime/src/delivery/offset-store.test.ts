import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadOffsets, OFFSETS_FILE, saveOffsets } from './offset-store.js'

describe('offset store', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-offsets-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads nothing sent when there is no file', () => {
    expect(loadOffsets(dir)).toEqual({ offsets: new Map() })
  })

  it('saves through a temporary file and a rename, leaving only the offsets file', async () => {
    await saveOffsets(
      dir,
      new Map([
        ['a', 10],
        ['b', 20],
      ]),
    )
    await saveOffsets(dir, new Map([['a', 30]]))
    expect(readdirSync(dir)).toEqual([OFFSETS_FILE])
    expect(loadOffsets(dir).offsets).toEqual(new Map([['a', 30]]))
  })

  it('reads an unreadable file as nothing sent, and says so', () => {
    writeFileSync(join(dir, OFFSETS_FILE), '{"offsets": {"a": 1')
    const loaded = loadOffsets(dir)
    expect(loaded.offsets.size).toBe(0)
    expect(loaded.error).toBeInstanceOf(SyntaxError)
  })

  it('ignores values that are not byte offsets', () => {
    writeFileSync(join(dir, OFFSETS_FILE), JSON.stringify({ offsets: { a: 5, b: -1, c: 'x', d: 1.5 } }))
    expect(loadOffsets(dir).offsets).toEqual(new Map([['a', 5]]))
  })
})
