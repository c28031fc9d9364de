import { describe, expect, it } from 'vitest'
import { uuidv7, uuidv7Time } from './uuid-v7.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('uuidv7', () => {
  it('has the RFC 9562 layout: version 7, variant 10', () => {
    for (let i = 0; i < 1000; i++) expect(uuidv7()).toMatch(UUID_V7)
  })

  it('carries the current Unix time in milliseconds', () => {
    const before = Date.now()
    const id = uuidv7()
    const after = Date.now()
    expect(uuidv7Time(id)).toBeGreaterThanOrEqual(before)
    expect(uuidv7Time(id)).toBeLessThanOrEqual(after + 1)
  })

  it('is unique and sorts in the order of creation, many per millisecond', () => {
    const ids = Array.from({ length: 50_000 }, () => uuidv7())
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual(ids)
  })

  it('keeps the order when the clock goes back', () => {
    const now = Date.now() + 5
    const first = uuidv7(now)
    const second = uuidv7(now - 1000)
    expect(second > first).toBe(true)
    expect(uuidv7Time(second)).toBe(now)
  })

  it('borrows the next millisecond when one millisecond runs out of counter', () => {
    const now = Date.now() + 10
    const ids = Array.from({ length: 5000 }, () => uuidv7(now))
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    expect(uuidv7Time(ids.at(-1)!)).toBeGreaterThan(now)
  })

  it('spends its random bits: no two ids share their random tail', () => {
    const tails = new Set(Array.from({ length: 20_000 }, () => uuidv7().slice(19)))
    expect(tails.size).toBe(20_000)
  })
})
