import { fileURLToPath } from 'node:url'
import { rules } from '../plugin.js'
import { ruleTester } from '../__fixtures__/rule-tester.js'

/** A file of the uninstalled monorepo fixture: its imports are looked for on disk (test/lint-monorepo.test.ts). */
const MONOREPO_APP = fileURLToPath(new URL('../../../../test/fixtures/audit-monorepo/apps/web/src/app.ts', import.meta.url))
const unresolved = (specifier: string, hint: string, name: string) =>
  `Cannot resolve "${specifier}" (${hint}), so ${name} imported from it is not checked: the call sites that use it get no naming check.`

const rule = rules['no-dynamic-event-name']

ruleTester().run('no-dynamic-event-name', rule, {
  valid: [
    "posthog.capture('auth.signup')",
    "const NAME = 'auth.signup'; posthog.capture(NAME)",
    "const EVENTS = { auth: { SIGNUP: 'auth.signup' } } as const; posthog.capture(EVENTS.auth.SIGNUP)",
    "const EVENTS = Object.freeze({ SIGNUP: 'auth.signup' }); posthog.capture(EVENTS['SIGNUP'])",
    "enum Events { Signup = 'auth.signup' }\nposthog.capture(Events.Signup)",
    "const AREA = 'auth'; posthog.capture(`${AREA}.signup`)",
    "posthog.capture(('auth.signup' as const) satisfies string)",
    "posthog.capture(NAME!)\nconst NAME: string | undefined = 'auth.signup'",
    // an imported constant is a constant this file cannot see, not a dynamic name (herald audit resolves it)
    "import { EVENTS } from './events'; posthog.capture(EVENTS.auth.SIGNUP)",
    "import * as events from './events'; posthog.capture(events.SIGNUP)",
    "import { SIGNUP } from './events'; posthog.capture(SIGNUP as EventName)",
    // imports that resolve: a workspace package not installed (its source), a file of the app, a tsconfig path
    { code: "import { EVENTS } from '@acme/shared'; posthog.capture(EVENTS.signedUp)", filename: MONOREPO_APP },
    { code: "import { WEB_EVENTS } from './lib/events'; posthog.capture(WEB_EVENTS.opened)", filename: MONOREPO_APP },
    { code: "import { WEB_EVENTS } from '@/lib/events'; posthog.capture(WEB_EVENTS.opened)", filename: MONOREPO_APP },
    // an object-form wrapper that passes its whole argument on, and a wrapper that prefixes a constant: forwards
    {
      code: 'export const trackAnalytics = (args: { event: string }) => analytics.track(args)',
      settings: { herald: { matchers: [{ callee: 'trackAnalytics', objectForm: { nameKey: 'event' } }] } },
    },
    {
      code: "const APP = 'web'\nexport const track = (name: string) => posthog.capture(`${APP}.${name}`)",
      settings: { herald: { matchers: [{ callee: 'track', namePrefix: 'web.' }] } },
    },
    // a wrapper a matcher names passes its name on; the wrapper's own calls are checked
    'function capturePostHogEvent(client: unknown, name: string, props: object) { posthog.capture(name, props) }',
    'const capturePostHogEvent = (client: unknown, name: string) => posthog.capture(name ?? fallback!)\nconst fallback = "auth.signup"',
    'class Telemetry { #capture(message: Message) { client.capture({ distinctId: message.userId, event: message.event }) } }',
    'class Telemetry { #capture = ({ event }: Message) => client.capture({ distinctId: id, event }) }',
    // a wrapper that spreads its rest parameter into the capture forwards the name in it
    {
      code: 'export function track(...args: [string, object?]) { posthog.capture(...args) }',
      settings: { herald: { matchers: [{ callee: 'track' }] } },
    },
    {
      code: 'export function track(client: unknown, ...rest: [string, object?]) { posthog.capture(...rest) }',
      settings: { herald: { matchers: [{ callee: 'track', nameArg: 1 }] } },
    },
    // forwarded by a method matched through `this`, and by a wrapper defined with useCallback
    {
      code: 'class Checkout { captureEvent(name: string) { posthog.capture(name) } }',
      settings: { herald: { matchers: [{ callee: 'captureEvent', object: 'this' }] } },
    },
    {
      code: 'function Wizard() { const trackStep = useCallback((name: string) => posthog.capture(name), []) }',
      settings: { herald: { matchers: [{ callee: 'trackStep' }] } },
    },
    // and by wrappers that useMemo's factory returns, or that useRef holds (called as `ref.current(name)`)
    {
      code: 'function Wizard() { const trackMemo = useMemo(() => (name: string) => posthog.capture(name), []) }',
      settings: { herald: { matchers: [{ callee: 'trackMemo' }] } },
    },
    {
      code: 'function Wizard() { const trackMemo = useMemo(() => { return (name: string) => posthog.capture(name) }, []) }',
      settings: { herald: { matchers: [{ callee: 'trackMemo' }] } },
    },
    {
      code: 'function Wizard() { const trackRef = useRef((name: string) => posthog.capture(name)) }',
      settings: { herald: { matchers: [{ callee: 'current', from: 'useRef' }] } },
    },
    // forwarded by a wrapper a `from` matcher names (declared in the hook), and by a member of the object an `object` matcher names
    {
      code: 'export function useAnalytics() { const track = (name: string) => posthog.capture(name); return { track } }',
      settings: { herald: { matchers: [{ callee: 'track', from: 'useAnalytics' }] } },
    },
    {
      code: 'export const metrics = { send(name: string) { posthog.capture(name) }, count: (name: string) => posthog.capture(name) }',
      settings: {
        herald: {
          matchers: [
            { callee: 'send', object: 'metrics' },
            { callee: 'count', object: 'metrics' },
          ],
        },
      },
    },
    // names destructured or aliased inside the wrapper's body
    {
      code: 'function report(message: Message) { const { event, props } = message; posthog.capture(event, props) }',
      settings: { herald: { matchers: [{ callee: 'report', objectForm: { nameKey: 'event' } }] } },
    },
    {
      code: 'function trackAlias(name: string) { const eventName = name; posthog.capture(eventName) }',
      settings: { herald: { matchers: [{ callee: 'trackAlias' }] } },
    },
  ],
  invalid: [
    // a function inside useMemo's factory that it does not return is not the memoized wrapper
    {
      code: 'function Wizard() { const trackMemo = useMemo(() => names.map((name: string) => posthog.capture(name)), []) }',
      settings: { herald: { matchers: [{ callee: 'trackMemo' }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: 'name' } }],
    },
    // a name imported from a module that cannot be found: reported at the import, once per module
    {
      code: "import { LEGACY } from '@acme/legacy-events'\nposthog.capture(LEGACY.signedIn)\nposthog.capture(LEGACY.signedOut)",
      filename: MONOREPO_APP,
      errors: [
        {
          messageId: 'unresolvedImport',
          data: { message: unresolved('@acme/legacy-events', 'neither a workspace package nor an installed one, nor a tsconfig path', 'LEGACY') },
          line: 1,
          column: 24,
        },
      ],
    },
    {
      code: "import OLD_EVENT from './missing-events'\nposthog.capture(OLD_EVENT)",
      filename: MONOREPO_APP,
      errors: [{ messageId: 'unresolvedImport', data: { message: unresolved('./missing-events', 'no such file', 'the default export') }, line: 1, column: 23 }],
    },
    // a rest parameter spread by a function no matcher names, or at another place than the name: dynamic
    {
      code: 'export function track(...args: [string, object?]) { posthog.capture(...args) }',
      errors: [{ messageId: 'dynamicName', data: { expression: '...args' } }],
    },
    {
      code: 'export function track(...args: [string, object?]) { posthog.capture(...args) }',
      settings: { herald: { matchers: [{ callee: 'track', nameArg: 1 }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: '...args' } }],
    },
    {
      code: 'export function track(list: [string]) { posthog.capture(...list) }',
      settings: { herald: { matchers: [{ callee: 'track' }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: '...list' } }],
    },
    // a hole that is neither a constant nor the forwarded name: dynamic
    {
      code: 'export const track = (name: string, area: string) => posthog.capture(`${area}.${name}`)',
      settings: { herald: { matchers: [{ callee: 'track' }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: '`${area}.${name}`' } }],
    },
    // the whole object of an SDK's object form (posthog-node's `capture`) names no wrapper
    {
      code: 'class Client { capture(message: object) { posthog.capture(message) } }',
      errors: [{ messageId: 'dynamicName', data: { expression: 'message' } }],
    },
    // a preset's named receiver says nothing of a wrapper of the same name
    {
      code: 'class Wrapper { capture(name: string) { posthog.capture(name) } }',
      errors: [{ messageId: 'dynamicName', data: { expression: 'name' } }],
    },
    // a `from` matcher names a wrapper declared in its hook only; an `object` matcher a member of that object only
    {
      code: 'export function useOther() { const track = (name: string) => posthog.capture(name); return { track } }',
      settings: { herald: { matchers: [{ callee: 'track', from: 'useAnalytics' }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: 'name' } }],
    },
    {
      code: 'export const other = { send(name: string) { posthog.capture(name) } }',
      settings: { herald: { matchers: [{ callee: 'send', object: 'metrics' }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: 'name' } }],
    },
    {
      // destructured from another key than the matcher's nameKey
      code: 'function report(message: Message) { const { title } = message; posthog.capture(title) }',
      settings: { herald: { matchers: [{ callee: 'report', objectForm: { nameKey: 'event' } }] } },
      errors: [{ messageId: 'dynamicName', data: { expression: 'title' } }],
    },
    {
      code: 'posthog.capture(`auth.${step}`)',
      errors: [{ messageId: 'dynamicName', data: { expression: '`auth.${step}`' }, line: 1, column: 17 }],
    },
    {
      code: 'function track(name: string) { posthog.capture(name) }',
      errors: [{ messageId: 'dynamicName', data: { expression: 'name' } }],
    },
    {
      // the wrapper's name argument is its second parameter, not its first
      code: 'function capturePostHogEvent(name: string, client: unknown) { posthog.capture(name) }',
      errors: [{ messageId: 'dynamicName', data: { expression: 'name' } }],
    },
    {
      code: 'class Telemetry { #send(message: Message) { client.capture({ distinctId: id, event: message.event }) } }',
      errors: [{ messageId: 'dynamicName', data: { expression: 'message.event' } }],
    },
    {
      // `let` can change: not a constant
      code: "let NAME = 'auth.signup'; posthog.capture(NAME)",
      errors: [{ messageId: 'dynamicName', data: { expression: 'NAME' } }],
    },
    {
      // only the branch that cannot be resolved is reported
      code: "posthog.capture(props.event ?? 'auth.signup')",
      errors: [{ messageId: 'dynamicName', data: { expression: 'props.event' }, column: 17 }],
    },
    {
      code: "posthog.capture(custom || 'auth.signup')",
      errors: [{ messageId: 'dynamicName', data: { expression: 'custom' } }],
    },
    {
      code: "posthog.capture(ready && 'auth.signup')",
      errors: [{ messageId: 'dynamicName', data: { expression: "ready && 'auth.signup'" } }],
    },
    {
      code: 'client.capture({ distinctId: id, event: eventName })',
      errors: [{ messageId: 'dynamicName', data: { expression: 'eventName' } }],
    },
    {
      // a minified expression is shown on one line and clipped
      code: `posthog.capture(a
        .b(c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z, aa, bb, cc, dd, ee, ff, gg, hh, ii))`,
      errors: [{ messageId: 'dynamicName', data: { expression: 'a .b(c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z, aa…' } }],
    },
  ],
})
