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
    // what a wrapper adds is checked only at the calls of a wrapper a matcher names, and a key the call passes itself once
    "const track = (name: string, props: object) => posthog.capture(name, { ...props, plan: 'pro' })\ntrack('auth.signup', { method: 'sso' })",
    {
      code: "const track = (name: string, props: object) => posthog.capture(name, { ...props, method: 'sso' })\ntrack('auth.signup', { method: 'password' })",
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'track' }] } },
    },
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
    // a wrapper that adds keys to the properties it is given: its calls send them too, reported at the call's properties
    {
      code: "const track = (name: string, props: object) => posthog.capture(name, { ...props, plan: 'pro' })\ntrack('auth.signup', { method: 'sso' })",
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'track' }] } },
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'plan', name: 'auth.signup' }, line: 2, column: 22, suggestions: [] }],
    },
    {
      // declared as a function, called without properties: reported at the call
      code: "track('auth.signup')\nfunction track(name: string, props?: object) {\n  posthog.capture(name, { source: 'web', ...props })\n}",
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'track' }] } },
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'source', name: 'auth.signup' }, line: 1, column: 1, suggestions: [] }],
    },
    {
      // through useCallback, into posthog-node's object form
      code: "const track = useCallback((event: string, properties: object) => client.capture({ distinctId: id, event, properties: { ...properties, app: 'web' } }), [])\ntrack('auth.signup', { method: 'sso' })",
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'track' }] } },
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'app', name: 'auth.signup' }, line: 2, column: 22, suggestions: [] }],
    },
    {
      // an object-form wrapper that spreads its event into posthog-node's properties and adds a key
      code: "function trackOrder(event: { name: string }, user: string) {\n  client.capture({ distinctId: user, event: event.name, properties: { ...event, step: 'order' } })\n}\ntrackOrder({ name: 'auth.signup', method: 'sso' }, id)",
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'trackOrder', objectForm: { nameKey: 'name', propsFrom: 'rest' as const } }] } },
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'step', name: 'auth.signup' }, line: 4, column: 12, suggestions: [] }],
    },
    // posthog-node's payload variable: the keys of its properties, reported where the call names it
    {
      code: "function send(id) {\n  const payload = { distinctId: id, event: 'page.viewed', properties: { path, referrer } }\n  client.capture(payload)\n}",
      errors: [{ messageId: 'undeclaredProperty', data: { key: 'referrer', name: 'page.viewed' }, line: 3, column: 18, suggestions: [] }],
    },
  ],
})
