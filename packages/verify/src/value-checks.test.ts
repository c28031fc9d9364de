import { isIP } from 'node:net'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eventsOfLine } from './input-formats.js'
import { luhn, personalDataKind } from './pii-values.js'

describe('the cheap tests in front of the value checks', () => {
  it('an event time read by hand is what Date.parse reads, for ISO text and for text shaped like it', () => {
    const timeOf = (timestamp: string) => (eventsOfLine({ event: 'x', properties: {}, timestamp }, 'herald') as Array<{ time?: number }>)[0]!.time
    const expected = (text: string) => (Number.isFinite(Date.parse(text)) ? Date.parse(text) : undefined)
    fc.assert(
      fc.property(fc.date({ min: new Date(-62_000_000_000_000), max: new Date(250_000_000_000_000), noInvalidDate: true }), (date) => {
        const text = date.toISOString()
        expect(timeOf(text)).toBe(expected(text))
      }),
      { numRuns: 5_000 },
    )
    // Every field of the layout replaced by any two or four digits (month 13, day 31 of February, hour 24…).
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`))
    fc.assert(
      fc.property(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3), (y, mo, d, h, mi, s, ms) => {
        const text = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`
        expect(timeOf(text)).toBe(expected(text))
      }),
      { numRuns: 5_000 },
    )
    for (const text of [
      '2026-12-01T00:00:05.000Z',
      '2026-02-29T00:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '0099-01-01T00:00:00.000Z',
      '2026-1a-01T00:00:00.000Z',
    ])
      expect(timeOf(text)).toBe(expected(text))
  })

  it('finds a card number exactly where the card pattern with a Luhn check does', () => {
    const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g
    const reference = (value: string) => [...value.matchAll(CARD)].some((m) => luhn(m[0]))
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9 \-a]{7,40}$/), (value) => {
        expect(personalDataKind(value, false) === 'card-number').toBe(reference(value))
      }),
      { numRuns: 20_000 },
    )
    expect(personalDataKind('4111 1111 1111 1111')).toBe('card-number')
    expect(personalDataKind('4111-1111-1111-1111')).toBe('card-number')
    expect(personalDataKind('0b8f3a52-8f2e-4b8e-9d4c-1f2a3b4c5d6e')).toBeUndefined()
  })

  it('finds IP addresses exactly where node:net does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.stringMatching(/^[0-9.:a-f]{7,20}$/)), (value) => {
        const isIp = value.length >= 7 && value.length <= 45 && isIP(value) !== 0
        expect(personalDataKind(value) === 'ip-address').toBe(isIp)
      }),
      { numRuns: 5_000 },
    )
  })
})
