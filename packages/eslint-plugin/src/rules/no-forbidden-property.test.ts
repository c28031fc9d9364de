import { rules } from '../plugin.js'
import { ruleTester } from '../__fixtures__/rule-tester.js'

const rule = rules['no-forbidden-property']

const forbidden = (path: string, key: string, entry: string, extra: object = {}) => ({
  messageId: 'forbiddenKey',
  data: { path, key, forbidden: entry },
  ...extra,
})

ruleTester().run('no-forbidden-property', rule, {
  valid: [
    // a forbidden word that is not the key's last word is not the secret
    "posthog.capture('auth.signup', { api_key_id: id, email_domain: domain, token_count: 3, password_strength: s })",
    // booleans and numbers carry no secret
    "posthog.capture('auth.signup', { hasEmail: true, email: false, tokenCount: 2, hasPassword: !!user.password, emailVerified: a === b })",
    // a flag about a forbidden thing is not the thing, whatever its value
    "posthog.capture('auth.signup', { requireGuestEmail: poll.requireGuestEmail, hasApiKey: k, isEmailVerified: v, can_email: c })",
    // not a capture: the same object is fine for a logger
    "logger.info('auth.signup', { email })",
    // an object that is not a local constant is not guessed at
    "posthog.capture('auth.signup', { ...user })",
  ],
  invalid: [
    // person and group properties: posthog-js, posthog-node and Segment
    {
      code: 'posthog.identify(id, { plan }, { email })',
      errors: [forbidden('email', 'email', 'email', { column: 34 })],
    },
    {
      code: 'client.identify({ distinctId: id, properties: { $set: { password } } })',
      errors: [forbidden('$set.password', 'password', 'password')],
    },
    { code: 'analytics.identify(id, { email: user.email })', errors: [forbidden('email', 'email', 'email')] },
    { code: "posthog.group('organization', id, { billingToken })", errors: [forbidden('billingToken', 'billingToken', 'token')] },
    {
      code: "client.groupIdentify({ groupType: 'organization', groupKey: id, properties: { admin: { email } } })",
      errors: [forbidden('admin.email', 'email', 'email')],
    },
    { code: 'analytics.group(id, { owner_email: e })', errors: [forbidden('owner_email', 'owner_email', 'email')] },
    {
      code: "posthog.capture('auth.signup', { email })",
      errors: [forbidden('email', 'email', 'email', { line: 1, column: 34, endColumn: 39 })],
    },
    {
      code: "posthog.capture('auth.signup', { userPassword: p, accessToken: t, 'x-api-key': k, CLIENT_SECRET: s })",
      errors: [
        forbidden('userPassword', 'userPassword', 'password'),
        forbidden('accessToken', 'accessToken', 'token'),
        forbidden('x-api-key', 'x-api-key', 'api_key'),
        // the built-in list's `secret` is found first; either entry forbids the key
        forbidden('CLIENT_SECRET', 'CLIENT_SECRET', 'client_secret'),
      ],
    },
    {
      code: "const KEY = 'api_key'\nposthog.capture('auth.signup', { ['email']: e, [KEY]: k })",
      errors: [forbidden('email', 'email', 'email'), forbidden('api_key', 'api_key', 'api_key', { line: 2, column: 49 })],
    },
    {
      // a spread of a local constant brings its keys; the report is on the spread
      code: "const base = { email: user.email, plan: 'pro' }\nposthog.capture('auth.signup', { ...base, method: 'sso' })",
      errors: [forbidden('email', 'email', 'email', { line: 2, column: 37, endColumn: 41 })],
    },
    {
      code: "posthog.capture('auth.signup', { $set: { email: user.email, name }, $set_once: { first: { token } } })",
      errors: [forbidden('$set.email', 'email', 'email'), forbidden('$set_once.first.token', 'token', 'token')],
    },
    {
      code: "posthog.capture('auth.signup', { members: [{ role: 'admin', email: a }] })",
      errors: [forbidden('members.email', 'email', 'email')],
    },
    {
      // a properties object held in a constant
      code: "const props = { password: p } satisfies Record<string, unknown>\nposthog.capture('auth.signup', props)",
      errors: [forbidden('password', 'password', 'password', { line: 2, column: 32 })],
    },
    {
      // the string is the secret, whatever the key's prefix
      code: "client.capture({ distinctId: id, event: 'auth.signup', properties: { session_token: `${t}` } })",
      errors: [forbidden('session_token', 'session_token', 'token')],
    },
    {
      // works without reading the catalog's list: the built-in deny list still applies
      code: "posthog.capture('auth.signup', { cookie: c })",
      settings: { herald: { catalog: '/nonexistent/events.catalog.json' } },
      errors: [{ messageId: 'catalogUnavailable', line: 1, column: 1 }, forbidden('cookie', 'cookie', 'cookie')],
    },
  ],
})
