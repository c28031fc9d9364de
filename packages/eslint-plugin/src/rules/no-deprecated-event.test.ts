import { rules } from '../plugin.js'
import { ruleTester } from '../__fixtures__/rule-tester.js'

const rule = rules['no-deprecated-event']

ruleTester().run('no-deprecated-event', rule, {
  valid: ["posthog.capture('auth.signup')", "posthog.capture('nope.event')"],
  invalid: [
    {
      code: "posthog.capture('account.registered', { user_id: id })",
      errors: [
        {
          messageId: 'deprecatedSinceRenamed',
          data: { name: 'account.registered', since: '1.3.0', renamedTo: 'auth.signup' },
          suggestions: [{ messageId: 'replaceName', data: { name: 'auth.signup' }, output: "posthog.capture('auth.signup', { user_id: id })" }],
        },
      ],
    },
    {
      code: "posthog.capture('legacy.ping')",
      errors: [{ messageId: 'deprecated', data: { name: 'legacy.ping' }, suggestions: [] }],
    },
    {
      // each branch of a conditional is its own name
      code: "posthog.capture(ok ? 'auth.signup' : 'account.registered')",
      errors: [
        {
          messageId: 'deprecatedSinceRenamed',
          column: 38,
          suggestions: [{ messageId: 'replaceName', data: { name: 'auth.signup' }, output: "posthog.capture(ok ? 'auth.signup' : 'auth.signup')" }],
        },
      ],
    },
  ],
})
