import { describe, expect, it } from 'vitest'
import { eventIdentifier, NAMING_STYLES, namingPolicy, normalizeEventName } from './naming.js'

describe('normalizeEventName', () => {
  it.each([
    ['User Signed Up', 'user_signed_up', 'user_signed_up', 'user:signed_up'],
    ['Auth.Login', 'auth.login', 'auth_login', 'auth:login'],
    ['userSignedUp', 'user_signed_up', 'user_signed_up', 'user:signed_up'],
    ['user-signed-up', 'user_signed_up', 'user_signed_up', 'user:signed_up'],
    ['org.member.added', 'org.member.added', 'org_member_added', 'org:member_added'],
    ['user:signed_up', 'user.signed_up', 'user_signed_up', 'user:signed_up'],
    ['auth/login', 'auth.login', 'auth_login', 'auth:login'],
    ['HTTPRequest.Sent', 'http_request.sent', 'http_request_sent', 'http_request:sent'],
    ['  spaced  name ', 'spaced_name', 'spaced_name', 'spaced:name'],
    ['signup', 'signup', 'signup', 'signup'],
  ])('%j → %j (dot.snake_case), %j (snake_case), %j (resource:action)', (name, dot, snake, resourceAction) => {
    expect(normalizeEventName(name, 'dot.snake_case')).toBe(dot)
    expect(normalizeEventName(name, 'snake_case')).toBe(snake)
    expect(normalizeEventName(name, 'resource:action')).toBe(resourceAction)
  })

  it('defaults to dot.snake_case', () => {
    expect(normalizeEventName('Auth.Login')).toBe('auth.login')
  })

  it('gives a name that passes its style, for names made of words', () => {
    for (const style of NAMING_STYLES) {
      const policy = namingPolicy(style)
      for (const name of ['User Signed Up', 'Auth.Login', 'orgMemberAdded', 'billing-invoice-paid']) {
        expect(policy.test(normalizeEventName(name, style)), `${name} in ${style}`).toBe(true)
      }
    }
  })

  it('is idempotent', () => {
    for (const style of NAMING_STYLES) {
      const once = normalizeEventName('Org Member.Added Now', style)
      expect(normalizeEventName(once, style)).toBe(once)
    }
  })

  it('gives an empty name for text without words', () => {
    expect(normalizeEventName('...')).toBe('')
    expect(normalizeEventName('')).toBe('')
  })
})

describe('eventIdentifier', () => {
  it.each([
    ['auth.login', 'authLogin'],
    ['org.member.added', 'orgMemberAdded'],
    ['user_signed_up', 'userSignedUp'],
    ['user:signed_up', 'userSignedUp'],
    ['Event Collided', 'eventCollided'],
    ['oauth2.callback', 'oauth2Callback'],
  ])('%j → %s', (name, identifier) => {
    expect(eventIdentifier(name)).toBe(identifier)
  })

  it('maps names that differ only in separators or case to one identifier, which the loader reports', () => {
    expect(eventIdentifier('auth.login')).toBe(eventIdentifier('auth_login'))
    expect(eventIdentifier('Event Collided')).toBe(eventIdentifier('event_collided'))
  })

  it.each(['delete', 'new', 'class', 'default', 'this', 'await', 'undefined', 'enum', 'yield'])('suffixes the reserved word %s', (word) => {
    expect(eventIdentifier(word)).toBe(`${word}Event`)
  })

  it('suffixes then, which would make the generated module a thenable that await import() never settles', () => {
    expect(eventIdentifier('then')).toBe('thenEvent')
    expect(eventIdentifier('Then')).toBe('thenEvent')
    expect(eventIdentifier('then.done')).toBe('thenDone')
  })

  it('prefixes a leading digit, so the identifier is valid', () => {
    expect(eventIdentifier('2fa.enabled')).toBe('event2faEnabled')
    expect(eventIdentifier('123')).toBe('event123')
  })

  it('keeps letters beyond ASCII that every engine and TypeScript take, and makes the rest separate words', () => {
    expect(eventIdentifier('unicode.événement')).toBe('unicodeÉvénement')
    expect(eventIdentifier('unicode.e\u0301ve\u0301nement')).toBe('unicodeÉvénement')
    expect(eventIdentifier('購入.完了')).toBe('購入完了')
    expect(eventIdentifier('a²b')).toBe('aB')
    expect(eventIdentifier('٣x')).toBe('event٣x')
    expect(eventIdentifier('a\u{1E030}b')).toBe('aB')
  })

  it('falls back to "event" for a name without words', () => {
    expect(eventIdentifier('')).toBe('event')
    expect(eventIdentifier('--')).toBe('event')
  })

  it('always gives a JavaScript identifier', () => {
    for (const name of ['auth.login', '2fa', 'delete', 'x-y.z:w', 'A B C', '9lives.start']) {
      expect(eventIdentifier(name)).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/)
    }
  })
})

describe('namingPolicy', () => {
  it.each([
    [
      'dot.snake_case',
      ['signup', 'auth.login', 'org.member.added', 'oauth2.callback'],
      ['Auth.Login', 'auth..login', 'auth.', '.auth', 'auth login', 'userSignedUp', 'auth-login', '2fa.enabled'],
    ],
    ['snake_case', ['user_signed_up', 'signup'], ['auth.login', 'User_signed_up', 'user__signed', 'user:signed_up']],
    ['resource:action', ['user:signed_up', 'org:member_added'], ['user_signed_up', 'user:signed:up', 'User:signedUp', ':signed']],
  ] as const)('%s accepts its names and refuses others', (style, good, bad) => {
    const policy = namingPolicy(style)
    for (const name of good) expect(policy.test(name), name).toBe(true)
    for (const name of bad) expect(policy.test(name), name).toBe(false)
    expect(policy.describe.length).toBeGreaterThan(10)
  })

  it('anchors a custom pattern and keeps the style for suggestions', () => {
    const policy = namingPolicy('snake_case', 'Auth|Billing')
    expect(policy.test('Auth')).toBe(true)
    expect(policy.test('AuthX')).toBe(false)
    expect(policy.test('xBilling')).toBe(false)
    expect(policy.style).toBe('snake_case')
    expect(policy.pattern).toBe('Auth|Billing')
    expect(policy.describe).toContain('/Auth|Billing/')
  })

  it('never accepts a space, even when a custom pattern does', () => {
    const policy = namingPolicy('dot.snake_case', '[A-Z ]+')
    expect(policy.test('ABC')).toBe(true)
    expect(policy.test('AB C')).toBe(false)
  })

  it('throws a SyntaxError for a pattern that is not a regular expression', () => {
    expect(() => namingPolicy('dot.snake_case', '[a-z')).toThrow(SyntaxError)
  })
})
