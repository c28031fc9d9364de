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
    // people calls with opaque ids
    'posthog.identify(user.id, { plan })',
    'client.alias({ distinctId: user.id, alias: anonymousId })',
    "client.groupIdentify({ groupType: 'organization', groupKey: org.email })",
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
    // identify and alias: posthog-js, posthog-node and Segment
    {
      code: 'posthog.identify(user.email, { plan })',
      errors: [{ messageId: 'emailValue', data: expression('user.email'), column: 18, endColumn: 28 }],
    },
    {
      code: "client.identify({ distinctId: 'ops@example.com', properties: {} })",
      errors: [{ messageId: 'emailAddress', data: expression("'ops@example.com'") }],
    },
    { code: 'analytics.identify(email, { plan })', errors: [{ messageId: 'emailValue', data: expression('email') }] },
    {
      // both ids of an alias are checked
      code: 'posthog.alias(user.email, session.token)',
      errors: [
        { messageId: 'emailValue', data: expression('user.email'), column: 15 },
        { messageId: 'forbiddenValue', data: { ...expression('session.token'), forbidden: 'token' }, column: 27 },
      ],
    },
    {
      code: 'client.alias({ distinctId: user.id, alias: user.email })',
      errors: [{ messageId: 'emailValue', data: expression('user.email'), column: 44 }],
    },
    { code: 'analytics.alias(user.id, previous.email)', errors: [{ messageId: 'emailValue', data: expression('previous.email') }] },
  ],
})
