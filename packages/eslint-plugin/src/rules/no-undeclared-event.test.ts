import { join } from 'node:path'
import type { RuleTester } from 'eslint'
import { rules } from '../plugin.js'
import { CATALOG, ruleTester } from '../__fixtures__/rule-tester.js'

const rule = rules['no-undeclared-event']

/** Matchers scoped to where their function is declared, relative to ESLint's cwd (no herald.config here). */
const DECLARED = [
  { callee: 'capture', nameArg: 0, declaredIn: 'src/analytics/a.ts' },
  { callee: 'capture', nameArg: 1, declaredIn: 'src/analytics/b' },
  { callee: 'capture', nameArg: 1, declaredIn: 'src/page.ts' },
  { callee: 'track', nameArg: 1, declaredIn: '@acme/analytics' },
]

/** A name Herald resolves to `nope.event` (undeclared, with nothing near it), reported at `column`. */
const resolved = (code: string, column: number, line = 1): RuleTester.InvalidTestCase => ({
  code,
  errors: [{ messageId: 'undeclared', data: { name: 'nope.event' }, line, column, suggestions: [] }],
})

ruleTester().run('no-undeclared-event', rule, {
  valid: [
    // declared elsewhere than any matcher says: not a capture
    ...[
      "import { capture } from './other'\ncapture('nope.event')",
      "import { track } from '@acme/other'\ntrack(user, 'nope.event')",
      "capture('nope.event')",
    ].map((code) => ({
      code,
      filename: join(process.cwd(), 'src/page.ts'),
      settings: { herald: { catalog: CATALOG, presets: [], matchers: DECLARED.slice(0, 2).concat(DECLARED[3]!) } },
    })),
    "posthog.capture('auth.signup', { user_id: id })",
    "posthog.capture('auth.login.start')",
    // SDK events are the SDK's, not the catalog's
    "posthog.capture('$pageview')",
    // not a capture call
    "logger.capture('nope.event')",
  ],
  invalid: [
    // a name path into a constant argument (`namePath`), and an object form over a constant: read where the constant is
    {
      code: "const LogEvents = { SignIn: { name: 'auth.sigup', channel: 'web' } } as const\ntrackEvent(LogEvents.SignIn)",
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'trackEvent', namePath: 'name' }] } },
      errors: [
        {
          messageId: 'undeclaredWithSuggestions',
          data: { name: 'auth.sigup', candidates: '"auth.signup"' },
          line: 2,
          column: 12,
          suggestions: [
            {
              messageId: 'replaceName',
              data: { name: 'auth.signup' },
              output: "const LogEvents = { SignIn: { name: 'auth.signup', channel: 'web' } } as const\ntrackEvent(LogEvents.SignIn)",
            },
          ],
        },
      ],
    },
    {
      ...resolved("trackEvent({ name: 'nope.event', channel: 'web' })", 20),
      settings: { herald: { catalog: CATALOG, matchers: [{ callee: 'trackEvent', namePath: 'name' }] } },
    },
    resolved("function send(id) {\n  const payload = { distinctId: id, event: 'nope.event', properties: {} }\n  client.capture(payload)\n}", 18, 3),
    // `declaredIn`: two functions named `capture`, the name at another index in each; and a package's `track`
    ...[
      "import { capture } from './analytics/a'\ncapture('nope.event', {})",
      "import { capture } from '../src/analytics/b.js'\ncapture({}, 'nope.event')",
      "function capture(props, name) {}\ncapture({}, 'nope.event')",
      "import { track } from '@acme/analytics/web'\ntrack(user, 'nope.event')",
    ].map((code) => ({
      ...resolved(code, code.includes('track(') ? 13 : code.startsWith("import { capture } from './") ? 9 : 13, 2),
      filename: join(process.cwd(), 'src/page.ts'),
      settings: { herald: { catalog: CATALOG, presets: [], matchers: DECLARED } },
    })),
    // a hook's capture function passed on in an object argument, to a function of this file (across files: the audit)
    resolved(
      "function exportAsJson({ rows, capture }) { capture('nope.event') }\nfunction Page() { const { capture } = usePostHog(); exportAsJson({ rows: [], capture }) }",
      52,
    ),
    // Segment's Node object form, its name spread in from a constant
    {
      ...resolved("const Events = { Up: { event: 'nope.event', plan: 'pro' } }\nanalytics.track({ ...Events.Up, userId })", 22, 2),
      settings: { herald: { catalog: CATALOG, presets: ['segment', 'segment-node'] } },
    },
    {
      code: "posthog.capture('nope.event')",
      errors: [{ messageId: 'undeclared', data: { name: 'nope.event' }, line: 1, column: 17, endColumn: 29, suggestions: [] }],
    },
    {
      code: "posthog.capture('auth.sigup', { user_id: id })",
      errors: [
        {
          messageId: 'undeclaredWithSuggestions',
          data: { name: 'auth.sigup', candidates: '"auth.signup"' },
          suggestions: [{ messageId: 'replaceName', data: { name: 'auth.signup' }, output: "posthog.capture('auth.signup', { user_id: id })" }],
        },
      ],
    },
    {
      // a span's bare name is not a wire event: every wire event is offered
      code: 'posthog.capture("auth.login")',
      errors: [
        {
          messageId: 'undeclaredWithSuggestions',
          data: { name: 'auth.login', candidates: '"auth.login.start" or "auth.login.stop" or "auth.login.exception"' },
          suggestions: [
            { messageId: 'replaceName', data: { name: 'auth.login.start' }, output: 'posthog.capture("auth.login.start")' },
            { messageId: 'replaceName', data: { name: 'auth.login.stop' }, output: 'posthog.capture("auth.login.stop")' },
            { messageId: 'replaceName', data: { name: 'auth.login.exception' }, output: 'posthog.capture("auth.login.exception")' },
          ],
        },
      ],
    },
    {
      // the suggestion edits the constant the name comes from; the report stays on the call
      code: "const NAME = 'page.viewd'\nposthog.capture(NAME)",
      errors: [
        {
          messageId: 'undeclaredWithSuggestions',
          data: { name: 'page.viewd', candidates: '"page.viewed"' },
          line: 2,
          column: 17,
          suggestions: [{ messageId: 'replaceName', data: { name: 'page.viewed' }, output: "const NAME = 'page.viewed'\nposthog.capture(NAME)" }],
        },
      ],
    },
    {
      code: 'posthog.capture(`page.viewd`)',
      errors: [
        {
          messageId: 'undeclaredWithSuggestions',
          suggestions: [{ messageId: 'replaceName', data: { name: 'page.viewed' }, output: 'posthog.capture(`page.viewed`)' }],
        },
      ],
    },
    {
      // a name built from constants is checked, but there is no single literal to replace
      code: "const AREA = 'page'\nposthog.capture(`${AREA}.viewd`)",
      errors: [{ messageId: 'undeclaredWithSuggestions', data: { name: 'page.viewd', candidates: '"page.viewed"' }, suggestions: [] }],
    },
    // names resolved from constants, reported where the call names them
    resolved("const NAME = 'nope.event'\nposthog.capture(NAME)", 17, 2),
    resolved("const EVENTS = { LOGIN: 'nope.event' } as const\nposthog.capture(EVENTS.LOGIN)", 17, 2),
    resolved("const EVENTS = { auth: { LOGIN: 'nope.event' } } as const\nposthog.capture(EVENTS.auth['LOGIN'])", 17, 2),
    resolved("const EVENTS = Object.freeze({ LOGIN: 'nope.event' })\nposthog.capture(EVENTS.LOGIN)", 17, 2),
    resolved("enum Events { Login = 'nope.event' }\nposthog.capture(Events.Login)", 17, 2),
    resolved("const AREA = 'nope'\nposthog.capture(`${AREA}.event`)", 17, 2),
    // through TypeScript wrappers and parentheses
    resolved("posthog.capture('nope.event' as EventName)", 17),
    resolved("posthog.capture(('nope.event') satisfies string)", 18),
    resolved("const NAME: string | undefined = 'nope.event'\nposthog.capture(NAME!)", 17, 2),
    { ...resolved("const NAME = <const>'nope.event'\nposthog.capture((NAME))", 18, 2), filename: 'file.ts' },
    // every branch of a conditional or a fallback
    {
      code: "posthog.capture(ok ? 'nope.event' : 'auth.signup')",
      errors: [{ messageId: 'undeclared', data: { name: 'nope.event' }, column: 22, suggestions: [] }],
    },
    {
      code: "const FALLBACK = 'nope.event'\nposthog.capture(props.name ?? (ok ? 'auth.signup' : FALLBACK))",
      errors: [{ messageId: 'undeclared', data: { name: 'nope.event' }, line: 2, column: 53, suggestions: [] }],
    },
    {
      code: "posthog.capture(custom || 'nope.event')\nposthog.capture(ok ? 'nope.one' : 'nope.two')",
      errors: [
        { messageId: 'undeclared', data: { name: 'nope.event' }, line: 1, column: 27, suggestions: [] },
        { messageId: 'undeclared', data: { name: 'nope.one' }, line: 2, column: 22, suggestions: [] },
        { messageId: 'undeclared', data: { name: 'nope.two' }, line: 2, column: 35, suggestions: [] },
      ],
    },
  ],
})
