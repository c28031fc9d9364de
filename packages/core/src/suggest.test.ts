import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeEventName } from './naming.js'
import { NameIndex, nearestNames } from './suggest.js'

const NAMES = ['auth.login', 'auth.logout', 'auth.signup', 'auth.sign_up', 'mfa.enabled', 'mfa.disabled', 'org.created', 'org.member_added']
const normalize = (name: string) => normalizeEventName(name)

describe('NameIndex', () => {
  it('suggests what nearestNames suggests for typos, spaced names and exact matches', () => {
    const index = new NameIndex(NAMES, normalize)
    for (const name of ['auth.logn', 'Auth Login', 'auth.login', 'auth.signUp', 'org.createdd', 'billing.paid', '']) {
      expect(index.nearest(name), name).toEqual(nearestNames(name, NAMES, normalize))
    }
    expect(index.nearest('auth.logn')).toEqual(['auth.login'])
    expect(index.nearest('Auth.Sign Up')).toEqual(['auth.sign_up'])
  })

  it('agrees with nearestNames on random names and catalogs', () => {
    const word = fc.stringMatching(/^[a-zA-Z_ .:-]{0,12}$/)
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 30 }), word, fc.integer({ min: 0, max: 3 }), (names, name, maxDistance) => {
        const options = { maxDistance, limit: 5 }
        expect(new NameIndex(names, normalize).nearest(name, options)).toEqual(nearestNames(name, names, normalize, options))
      }),
      { numRuns: 2000 },
    )
  })
})
