import { rules } from '../plugin.js'
import { ruleTester } from '../__fixtures__/rule-tester.js'

const rule = rules['valid-event-name']

const SPACE = 'contains a space'
const STYLE = 'does not follow the naming style (lower-case snake_case segments separated by dots, like `auth.login`)'

ruleTester().run('valid-event-name', rule, {
  valid: [
    "posthog.capture('auth.signup')",
    // an undeclared but well-formed name is another rule's business
    "posthog.capture('nope.event')",
    "posthog.capture('$pageview')",
    'posthog.capture(name)',
    // a dynamic hole, and no space in the fixed text: only dynamic (another rule's business)
    'posthog.capture(`subscription.${status}`)',
  ],
  invalid: [
    // every value of a template with a space in its fixed text has that space, whatever the hole holds
    {
      code: 'posthog.capture(`Premium subscription ${status}`)',
      errors: [{ messageId: 'invalidName', data: { name: 'Premium subscription ${…}', reason: SPACE }, suggestions: [] }],
    },
    {
      code: 'const APP = "web"\nfunction f(status) { const event = `${APP} subscription.${status}`; posthog.capture(event) }',
      errors: [{ messageId: 'invalidName', data: { name: 'web subscription.${…}', reason: SPACE }, line: 2, column: 85 }],
    },
    // a wrapper that adds a suffix: the name is checked as sent, without a suggestion that would replace the argument
    {
      code: "trackWeb('checkout.completed')",
      settings: { herald: { matchers: [{ callee: 'trackWeb', nameSuffix: ' - [WEB]' }] } },
      errors: [
        {
          messageId: 'invalidNameWithSuggestion',
          data: { name: 'checkout.completed - [WEB]', reason: 'contains a space', suggestion: 'checkout.completed_web' },
          suggestions: [],
        },
      ],
    },
    {
      code: "posthog.capture('User Signed Up')",
      errors: [
        {
          messageId: 'invalidNameWithSuggestion',
          data: { name: 'User Signed Up', reason: SPACE, suggestion: 'user_signed_up' },
          suggestions: [{ messageId: 'replaceName', data: { name: 'user_signed_up' }, output: "posthog.capture('user_signed_up')" }],
        },
      ],
    },
    {
      code: 'analytics.track("Auth.Login")',
      errors: [
        {
          messageId: 'invalidNameWithSuggestion',
          data: { name: 'Auth.Login', reason: STYLE, suggestion: 'auth.login' },
          suggestions: [{ messageId: 'replaceName', data: { name: 'auth.login' }, output: 'analytics.track("auth.login")' }],
        },
      ],
    },
    {
      code: "posthog.capture('authLogin')",
      errors: [
        {
          messageId: 'invalidNameWithSuggestion',
          data: { name: 'authLogin', reason: STYLE, suggestion: 'auth_login' },
          suggestions: [{ messageId: 'replaceName', data: { name: 'auth_login' }, output: "posthog.capture('auth_login')" }],
        },
      ],
    },
    {
      // nothing to normalize to: no suggestion
      code: "posthog.capture('---')",
      errors: [{ messageId: 'invalidName', data: { name: '---', reason: STYLE }, suggestions: [] }],
    },
    {
      // a quote in the suggestion is escaped in the literal it replaces
      code: `posthog.capture("it's on")`,
      errors: [
        {
          messageId: 'invalidNameWithSuggestion',
          data: { name: "it's on", reason: SPACE, suggestion: 'it_s_on' },
          suggestions: [{ messageId: 'replaceName', data: { name: 'it_s_on' }, output: `posthog.capture("it_s_on")` }],
        },
      ],
    },
  ],
})
