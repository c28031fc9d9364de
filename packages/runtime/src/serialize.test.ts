import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HmacSha256 } from './hmac-sha256.js'
import { isPlainJsonString, jsonString } from './serialize.js'

/** The check without its shortcuts: no character JSON escapes, and no surrogate (paired ones are left to JSON.stringify). */
const reference = (value: string) => value.length < 5000 && !/[\u0000-\u001f"\\\ud800-\udfff]/.test(value)

describe('isPlainJsonString', () => {
  it('agrees with the plain check on any string, and finds every HMAC digest plain', () => {
    const hmac = new HmacSha256(new Uint8Array(32).fill(7))
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('a"b', '\\', '\u2028', '\ud800')), { maxLength: 5 }),
        (values) => {
          for (const value of values) {
            expect(isPlainJsonString(value), JSON.stringify(value)).toBe(reference(value))
            if (reference(value)) expect(JSON.stringify(value)).toBe(`"${value}"`)
            const digest = hmac.hex(value)
            expect(isPlainJsonString(digest)).toBe(true)
            expect(jsonString(digest)).toBe(JSON.stringify(digest))
            expect(isPlainJsonString(value), JSON.stringify(value)).toBe(reference(value))
          }
        },
      ),
      { numRuns: 500 },
    )
  })
})
