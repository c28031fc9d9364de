import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { looksLikeEmail, PLACEHOLDERS, refusedDistinctId } from './distinct-id.js'

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

  it('gives the verdict of the plain rule (trim, lowercase, look up; then the email test) on any id, asked once or twice', () => {
    const plain = (id: string) => (PLACEHOLDERS.has(id.trim().toLowerCase()) ? 'placeholder' : looksLikeEmail(id) ? 'email' : undefined)
    const padding = fc.stringMatching(/^[ \t\n\u00a0\u2028\ufeff]{0,12}$/)
    const id = fc.oneof(
      fc
        .tuple(padding, fc.constantFrom(...PLACEHOLDERS, 'UNDEFINED', 'Not_Authenticated', '[Object Object]', 'ada@example.com'), padding)
        .map(([a, b, c]) => a + b + c),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.stringMatching(/^[a-z0-9_@. ]{10,24}$/),
    )
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 4 }), (ids) => {
        for (const value of [...ids, ...ids]) expect(refusedDistinctId(value), JSON.stringify(value)).toBe(plain(value))
      }),
      { numRuns: 5_000 },
    )
  })

  it('stays linear on a long id without a domain (the regex backtracks quadratically there)', () => {
    const id = `${'a'.repeat(200_000)}@${'b'.repeat(200_000)}`
    expect(looksLikeEmail(id)).toBe(false)
  })
})
