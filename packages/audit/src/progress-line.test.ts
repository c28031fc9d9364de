import { describe, expect, it } from 'vitest'
import { progressLine } from './progress-line.js'

describe('progressLine', () => {
  it('stays silent on a short run, then draws one updating line, at most ten times a second, and erases it', () => {
    let now = 0
    const written: string[] = []
    const line = progressLine((text) => written.push(text), { delayMs: 800, now: () => now })
    line.update({ phase: 'scan', done: 0, total: 4000 })
    now = 500
    line.update({ phase: 'scan', done: 1000, total: 4000 })
    expect(written).toEqual([])
    now = 900
    line.update({ phase: 'scan', done: 2000, total: 4000 })
    now = 950
    line.update({ phase: 'scan', done: 2500, total: 4000 })
    now = 1100
    line.update({ phase: 'types', done: 0, total: 40 })
    expect(written).toHaveLength(2)
    expect(written[0]).toBe(`\r\x1b[K herald audit [${'█'.repeat(12)}${'░'.repeat(12)}] 2,000/4,000 scanning files`)
    expect(written[1]).toContain('0/40 typing files that need types')
    line.done()
    expect(written.at(-1)).toBe('\r\x1b[K')
  })

  it('writes nothing at all when it never showed', () => {
    const written: string[] = []
    const line = progressLine((text) => written.push(text), { now: () => 0 })
    line.update({ phase: 'scan', done: 1, total: 2 })
    line.done()
    expect(written).toEqual([])
  })
})
