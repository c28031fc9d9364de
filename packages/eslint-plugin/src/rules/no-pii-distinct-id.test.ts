import { rules } from '../plugin.js'
import { ruleTester } from '../__fixtures__/rule-tester.js'

const rule = rules['no-pii-distinct-id']

const expression = (text: string) => ({ expression: text, property: 'user_id' })

ruleTester().run('no-pii-distinct-id', rule, {
  valid: [
    "client.capture({ distinctId: user.id, event: 'auth.signup' })",
    "client.capture({ distinctId: 'anonymous', event: 'auth.signup' })",
    "client.capture({ distinctId: session.emailHash, event: 'auth.signup' })",
    // the distinct id is only read where a matcher says where it is
    "posthog.capture('auth.signup', user.email)",
  ],
  invalid: [
    {
      code: "client.capture({ distinctId: user.email, event: 'auth.signup' })",
      errors: [{ messageId: 'emailValue', data: expression('user.email'), line: 1, column: 30, endColumn: 40 }],
    },
    {
      code: "client.capture({ distinctId: email, event: 'auth.signup' })",
      errors: [{ messageId: 'emailValue', data: expression('email') }],
    },
    {
      code: "client.capture({ distinctId: session.user?.emailAddress.toLowerCase(), event: 'auth.signup' })",
      errors: [{ messageId: 'emailValue', data: expression('session.user?.emailAddress.toLowerCase()') }],
    },
    {
      code: "client.capture({ distinctId: 'ops@example.com', event: 'auth.signup' })",
      errors: [{ messageId: 'emailAddress', data: expression("'ops@example.com'") }],
    },
    {
      code: "client.capture({ distinctId: req.headers.authorization, event: 'auth.signup' })",
      errors: [{ messageId: 'forbiddenValue', data: { ...expression('req.headers.authorization'), forbidden: 'authorization' } }],
    },
    {
      code: "client.capture({ distinctId: apiToken, event: 'auth.signup' })",
      errors: [{ messageId: 'forbiddenValue', data: { ...expression('apiToken'), forbidden: 'token' } }],
    },
    {
      // the user's object-form matcher names its own distinct-id key
      code: "class Tracker { #capture(x: object) {} run() { this.#capture({ userId: user.email, event: 'auth.signup', eventProperties: {} }) } }",
      errors: [{ messageId: 'emailValue', data: expression('user.email') }],
    },
  ],
})
