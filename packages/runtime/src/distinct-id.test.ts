import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { looksLikeEmail, refusedDistinctId } from './distinct-id.js'

describe('distinct ids', () => {
  it('looksLikeEmail agrees with /[^\\s@]+@[^\\s@]+\\.[^\\s@]+/ on any text over its alphabet', () => {
    const reference = /[^\s@]+@[^\s@]+\.[^\s@]+/
    fc.assert(
      fc.property(fc.stringMatching(/^[a@. \t\nb]{0,14}$/), (value) => looksLikeEmail(value) === reference.test(value)),
      { numRuns: 20_000 },
    )
  })

  it('refuses emails and placeholders, and accepts opaque ids', () => {
    const verdicts = (ids: string[]) => ids.map((id) => refusedDistinctId(id))
    expect(verdicts(['ada@example.com', ' x ada@example.co.uk'])).toEqual(['email', 'email'])
    expect(verdicts(['undefined', 'null', '[object Object]', 'anonymous', ' Guest ', '', '0', 'NaN'])).toEqual(Array(8).fill('placeholder'))
    expect(verdicts(['u_1815', '0190c1a2-7b7e-7cc0-8f4c-1a2b3c4d5e6f', 'a@b', 'user@localhost'])).toEqual(Array(4).fill(undefined))
  })

  it('stays linear on a long id without a domain (the regex backtracks quadratically there)', () => {
    const id = `${'a'.repeat(200_000)}@${'b'.repeat(200_000)}`
    expect(looksLikeEmail(id)).toBe(false)
  })
})
