import { describe, expect, it } from 'vitest'
import { backoffDelay, parseRetryAfter } from './backoff.js'

describe('backoffDelay', () => {
  it('doubles per attempt, between half and all of the capped delay', () => {
    expect(backoffDelay(0, 100, 10_000, () => 0)).toBe(50)
    expect(backoffDelay(0, 100, 10_000, () => 1)).toBe(100)
    expect(backoffDelay(3, 100, 10_000, () => 0)).toBe(400)
    expect(backoffDelay(3, 100, 10_000, () => 0.5)).toBe(600)
  })

  it('never passes the maximum, even after many attempts', () => {
    expect(backoffDelay(500, 100, 10_000, () => 1)).toBe(10_000)
  })

  it('jitters: two clients that failed together do not retry together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, 100, 10_000)))
    expect(delays.size).toBeGreaterThan(1)
  })
})

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120')).toBe(120_000)
    expect(parseRetryAfter(' 0 ')).toBe(0)
  })

  it('reads an HTTP date, relative to now', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0)
  })

  it('gives undefined for an absent or unreadable header', () => {
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter('-5')).toBeUndefined()
  })
})
