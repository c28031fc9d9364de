import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BUILTIN_FORBIDDEN_KEYS, compileForbiddenKeys, isForbiddenKey, splitKeyWords } from './forbidden-keys.js'

describe('splitKeyWords', () => {
  it.each([
    ['apiKey', ['api', 'key']],
    ['API-KEY', ['api', 'key']],
    ['api_key', ['api', 'key']],
    ['userAPIKey', ['user', 'api', 'key']],
    ['x-api-key', ['x', 'api', 'key']],
    ['oauth2Token', ['oauth2', 'token']],
    ['  spaced  out ', ['spaced', 'out']],
  ])('%s', (key, words) => expect(splitKeyWords(key)).toEqual(words))
})

describe('isForbiddenKey', () => {
  const list = ['api_key', 'password', 'token', 'email']
  it.each(['apiKey', 'API-KEY', 'api_key', 'userApiKey', 'x-api-key', 'userPassword', 'accessToken', 'email', 'EMAIL', 'user.email'])('forbids %s', (key) =>
    expect(isForbiddenKey(key, list)).toBe(true),
  )
  it.each(['api_key_id', 'email_domain', 'token_count', 'keyboard', 'passwordless_enabled', 'user_id', ''])('allows %s', (key) =>
    expect(isForbiddenKey(key, list)).toBe(false),
  )
  it('never forbids a boolean or number value', () => {
    expect(isForbiddenKey('hasEmail', list, 'boolean')).toBe(false)
    expect(isForbiddenKey('email', list, 'number')).toBe(false)
    expect(isForbiddenKey('email', list, 'string')).toBe(true)
  })
  it.each(['requireGuestEmail', 'hasApiKey', 'isEmail', 'is_email', 'shouldRotateToken', 'enable-api-key', 'allowPassword', 'CAN_EMAIL'])(
    'allows %s, a flag about a forbidden thing, whatever its value',
    (key) => {
      expect(isForbiddenKey(key, list)).toBe(false)
      expect(isForbiddenKey(key, list, 'string')).toBe(false)
      expect(compileForbiddenKeys(list).match(key)).toBeUndefined()
    },
  )
  it('still forbids a flag word that is not the first word, or an entry that names the flag word itself', () => {
    expect(isForbiddenKey('userHasApiKey', list)).toBe(true)
    expect(isForbiddenKey('isolatedToken', list)).toBe(true)
    expect(isForbiddenKey('isAdmin', ['is_admin'])).toBe(true)
    expect(isForbiddenKey('userIsAdmin', ['is_admin'])).toBe(true)
  })
  it('uses the built-in list by default', () => {
    for (const entry of BUILTIN_FORBIDDEN_KEYS) expect(isForbiddenKey(entry)).toBe(true)
  })
  it('reports which entry matched', () => {
    expect(compileForbiddenKeys(list).match('X-Api-Key')).toBe('api_key')
    expect(compileForbiddenKeys(list).match('apiKeyId')).toBeUndefined()
  })
  it('matches whatever the case and separators (property)', () => {
    const separators = fc.constantFrom('_', '-', '', ' ', '.')
    const casing = fc.constantFrom<(w: string) => string>(
      (w) => w,
      (w) => w.toUpperCase(),
      (w) => w[0]!.toUpperCase() + w.slice(1),
    )
    fc.assert(
      fc.property(fc.array(fc.constantFrom('user', 'my', 'x', 'new'), { maxLength: 2 }), separators, casing, (prefix, sep, cased) => {
        const words = [...prefix, 'api', 'key'].map(cased)
        // with no separator, only a case change marks the word boundary
        const key = sep === '' ? words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('') : words.join(sep)
        expect(isForbiddenKey(key, list)).toBe(true)
      }),
    )
  })
})
