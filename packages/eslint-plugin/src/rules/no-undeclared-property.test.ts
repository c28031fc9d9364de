import { rules } from '../plugin.js'
import { CATALOG, ruleTester } from '../__fixtures__/rule-tester.js'

/** `track({ event, ...props })`-style: the object form's other keys are the properties. */
const REST = { catalog: CATALOG, matchers: [{ callee: 'track', objectForm: { nameKey: 'event', propsFrom: 'rest' as const } }] }

const rule = rules['no-undeclared-property']

ruleTester().run('no-undeclared-property', rule, {
  valid: [
    "posthog.capture('auth.signup', { user_id: id, method: 'sso' })",
    // SDK keys are the SDK's
    "posthog.capture('auth.signup', { user_id: id, $set: { plan: 'pro' } })",
    // the event is unknown: no-undeclared-event reports it, not this rule
    "posthog.capture('nope.event', { anything: 1 })",
    // one branch is unknown: the keys cannot be judged
    "posthog.capture(ok ? 'auth.signup' : name, { plan: 1 })",
    { code: "track({ event: 'auth.signup', user_id: id, method: 'sso' })", settings: { herald: REST } },
  ],
  invalid: [
    {
      code: "posthog.capture('auth.signup', { user_id: id, plan: 'pro' })",
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'plan', name: 'auth.signup' }, column: 47, suggestions: [] }],
    },
    {
      code: "posthog.capture('auth.signup', { userId })",
      errors: [
        {
          messageId: 'undeclaredPropertyWithSuggestion',
          data: { key: 'userId', name: 'auth.signup', suggestion: 'user_id' },
          suggestions: [{ messageId: 'renameKey', data: { key: 'user_id' }, output: "posthog.capture('auth.signup', { user_id: userId })" }],
        },
      ],
    },
    {
      code: "posthog.capture('auth.signup', { 'methd': m })",
      errors: [
        {
          messageId: 'undeclaredPropertyWithSuggestion',
          data: { key: 'methd', name: 'auth.signup', suggestion: 'method' },
          suggestions: [{ messageId: 'renameKey', data: { key: 'method' }, output: "posthog.capture('auth.signup', { 'method': m })" }],
        },
      ],
    },
    {
      // a span's stop event adds duration_ms; its start event does not have it
      code: "posthog.capture('auth.login.start', { duration_ms: 5 })",
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'duration_ms', name: 'auth.login.start' }, suggestions: [] }],
    },
    {
      // every branch must declare the key
      code: "posthog.capture(ok ? 'auth.signup' : 'page.viewed', { method: 'sso' })",
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'method', name: 'page.viewed' }, suggestions: [] }],
    },
    {
      code: "client.capture({ distinctId: id, event: 'page.viewed', properties: { path, referrer } })",
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'referrer', name: 'page.viewed' }, suggestions: [] }],
    },
    // propsFrom "rest": every key but the name's is a property
    {
      code: "track({ event: 'auth.signup', user_id: id, plan: 'pro' })",
      settings: { herald: REST },
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'plan', name: 'auth.signup' }, column: 44, suggestions: [] }],
    },
    // posthog-node's payload variable: the keys of its properties, reported where the call names it
    {
      code: "function send(id) {\n  const payload = { distinctId: id, event: 'page.viewed', properties: { path, referrer } }\n  client.capture(payload)\n}",
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'referrer', name: 'page.viewed' }, line: 3, column: 18, suggestions: [] }],
    },
  ],
})
