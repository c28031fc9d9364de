import { createHmac, randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HmacSha256, MAX_HMAC_VALUE_LENGTH } from './hmac-sha256.js'

const reference = (key: Uint8Array, value: string) => createHmac('sha256', key).update(value).digest('hex')

describe('HmacSha256', () => {
  const key = randomBytes(32)
  const hmac = new HmacSha256(key)

  it('equals node:crypto for every length across the block boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const value = 'x'.repeat(length)
      expect(hmac.hex(value), `length ${length}`).toBe(reference(key, value))
    }
    const longest = 'é'.repeat(MAX_HMAC_VALUE_LENGTH)
    expect(hmac.hex(longest)).toBe(reference(key, longest))
    const astral = '😀'.repeat(MAX_HMAC_VALUE_LENGTH / 2)
    expect(hmac.hex(astral)).toBe(reference(key, astral))
  })

  it('equals node:crypto for arbitrary strings, lone surrogates and astral characters included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: 'binary-ascii' })),
        (value) => {
          expect(hmac.hex(value)).toBe(reference(key, value))
        },
      ),
      { numRuns: 2_000 },
    )
  })

  it('equals node:crypto for any key of up to one block', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 80 }), (bytes, value) => {
        expect(new HmacSha256(bytes).hex(value)).toBe(reference(bytes, value))
      }),
      { numRuns: 300 },
    )
  })

  it('knows the RFC 4231 test case 2', () => {
    expect(new HmacSha256(new TextEncoder().encode('Jefe')).hex('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    )
  })

  it('hashes values longer than its scratch buffer in a buffer of their own, and refuses keys over one block', () => {
    for (const value of ['x'.repeat(MAX_HMAC_VALUE_LENGTH + 1), 'é😀'.repeat(MAX_HMAC_VALUE_LENGTH * 3)]) expect(hmac.hex(value)).toBe(reference(key, value))
    expect(() => new HmacSha256(new Uint8Array(65))).toThrow(RangeError)
  })
})
