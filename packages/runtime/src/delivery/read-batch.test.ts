import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readBatch } from './read-batch.js'

const line = (id: string, extra = '') => `{"id":"${id}","event":"cli.run"${extra}}\n`

describe('readBatch', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-read-'))
    file = join(dir, 'segment.ndjson')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads whole lines as they are on disk, with their ids', async () => {
    const text = line('a') + line('b') + line('c')
    writeFileSync(file, text)
    const batch = await readBatch(file, 0, 100, true)
    expect(batch.ids).toEqual(['a', 'b', 'c'])
    expect(batch.body.toString()).toBe(text)
    expect(batch.end).toBe(Buffer.byteLength(text))
    expect(batch).toMatchObject({ corrupt: 0, tornTail: false })
  })

  it('stops at maxEvents and resumes from the returned offset', async () => {
    writeFileSync(file, line('a') + line('b') + line('c'))
    const first = await readBatch(file, 0, 2, true)
    expect(first.ids).toEqual(['a', 'b'])
    const second = await readBatch(file, first.end, 2, true)
    expect(second.ids).toEqual(['c'])
    expect(second.body.toString()).toBe(line('c'))
  })

  it('skips and counts whole lines that are not events, and never sends them', async () => {
    writeFileSync(file, line('a') + '{"id":"b","ev\n' + 'not json\n' + '{"event":"no id"}\n' + '[1]\n' + line('c'))
    const batch = await readBatch(file, 0, 100, false)
    expect(batch.ids).toEqual(['a', 'c'])
    expect(batch.corrupt).toBe(4)
    expect(batch.body.toString()).toBe(line('a') + line('c'))
  })

  it('leaves an unterminated last line alone while its writer may still finish it', async () => {
    const whole = line('a')
    writeFileSync(file, whole + '{"id":"b","eve')
    const batch = await readBatch(file, 0, 100, false)
    expect(batch.ids).toEqual(['a'])
    expect(batch.end).toBe(Buffer.byteLength(whole))
    expect(batch.tornTail).toBe(false)
  })

  it('skips the torn last line of a finished file and reports it', async () => {
    writeFileSync(file, line('a') + '{"id":"b","eve')
    const batch = await readBatch(file, 0, 100, true)
    expect(batch.ids).toEqual(['a'])
    expect(batch.tornTail).toBe(true)
    expect(batch.end).toBe(batch.size)
    expect(batch.body.toString()).toBe(line('a'))
  })

  it('reads a line longer than one read', async () => {
    const long = line('big', `,"blob":"${'x'.repeat(700_000)}"`)
    writeFileSync(file, long + line('after'))
    const batch = await readBatch(file, 0, 100, true)
    expect(batch.ids).toEqual(['big', 'after'])
  })

  it('gives an empty batch at the end of the file', async () => {
    writeFileSync(file, line('a'))
    const batch = await readBatch(file, Buffer.byteLength(line('a')), 100, true)
    expect(batch.ids).toEqual([])
    expect(batch.body.length).toBe(0)
  })
})
