/**
 * Which calls are captures. Each matched form reports the undeclared name `nope.event`; each lookalike must
 * report nothing. The rule is incidental: matching is shared by every rule.
 */
import type { RuleTester } from 'eslint'
import { rules } from './plugin.js'
import { ruleTester, USER_MATCHERS } from './__fixtures__/rule-tester.js'

const NOPE = { messageId: 'undeclared', data: { name: 'nope.event' }, suggestions: [] }
const matched = (code: string, extra: Partial<RuleTester.InvalidTestCase> = {}): RuleTester.InvalidTestCase => ({
  code,
  filename: 'app.tsx',
  errors: [NOPE],
  ...extra,
})

const rule = rules['no-undeclared-event']

ruleTester().run('call matching', rule, {
  valid: [
    // lookalikes
    "Sentry.captureException(new Error('nope.event'))",
    "import { capture } from './errors'\ncapture('nope.event')",
    "import { capture } from './errors'\ntry { run() } catch (err) { capture(err) }",
    "function capture(label: string, fn: () => void) { fn() }\ncapture('nope.event', () => {})",
    "heap.track('nope.event')",
    "gtag('event', 'nope.event')",
    "const { capture } = useOtherThing()\ncapture('nope.event')",
    "const capture = useOtherThing()\ncapture('nope.event')",
    "useOtherThing().capture('nope.event')",
    // renamed, but not from a capture hook; or a name that only looks renamed (an object literal's key)
    "const { capture: send } = useOtherThing()\nsend('nope.event')",
    "const { capture: send } = { capture: (n: string) => n }\nsend('nope.event')",
    "const options = { capture: send }\nsend('nope.event')",
    "const { track: send } = usePostHog()\nsend('nope.event')",
    // a parameter nobody in this file fills from a capture hook
    "export function Child({ capture }: { capture: (n: string) => void }) { capture('nope.event') }",
    "function Child({ capture }) { capture('nope.event') }\nconst el = <Child capture={(n) => console.log(n)} />",
    // object form needs its name key
    'client.capture({ distinctId: id, properties: { a: 1 } })',
    // a positional matcher does not read an object argument as a name
    "posthog.capture({ name: 'nope.event' })",
    // presets added later are opt-in: OpenPanel and Segment's Node object form are not matched by default
    "op.track('nope.event')",
    "const op = useOpenPanel()\nop.track('nope.event')",
    // presets chosen: segment only
    {
      code: "posthog.capture('nope.event')\nmixpanel.track('nope.event')",
      settings: { herald: { presets: ['segment'] } },
    },
  ],
  invalid: [
    matched("op.track('nope.event')", { settings: { herald: { presets: ['openpanel'] } } }),
    matched("const op = useOpenPanel()\nop.track('nope.event')", { settings: { herald: { presets: ['openpanel'] } } }),
    matched("analytics.track({ userId: id, event: 'nope.event', properties: { plan: 'pro' } })", { settings: { herald: { presets: ['segment-node'] } } }),
    matched("posthog.capture('nope.event')"),
    // `object: "this"`, for public and private methods
    matched("class A { captureEvent(n: string) {} run() { this.captureEvent('nope.event') } }", {
      settings: { herald: { matchers: [{ callee: 'captureEvent', object: 'this' }] } },
    }),
    matched("class A { #capture(n: string) {} run() { this.#capture('nope.event') } }", {
      settings: { herald: { matchers: [{ callee: '#capture', object: 'this' }] } },
    }),
    // wrappers defined through hooks that hand back their function
    ...[
      'const trackStep = useCallback((name) => posthog.capture(name), [])',
      'const trackStep = React.useCallback((name) => posthog.capture(name), [])',
      'const trackStep = useMemo(() => (name) => posthog.capture(name), [])',
    ].map((definition) =>
      matched(`function Wizard() { ${definition}; trackStep('nope.event') }`, { settings: { herald: { matchers: [{ callee: 'trackStep' }] } } }),
    ),
    // `useRef(fn).current`: matched as `current` from useRef
    matched("function Wizard() { const trackRef = useRef((name) => posthog.capture(name)); trackRef.current('nope.event') }", {
      settings: { herald: { matchers: [{ callee: 'current', from: 'useRef' }] } },
    }),
    matched("posthog?.capture('nope.event')"),
    matched("window.posthog.capture('nope.event')"),
    matched("window.posthog?.capture?.('nope.event')"),
    matched("(posthog as PostHog).capture('nope.event')"),
    matched("posthog!.capture('nope.event')"),
    matched("posthog['capture']('nope.event')"),
    matched("class Shop { posthog = init(); buy() { this.posthog.capture('nope.event') } }"),
    // aliases
    matched("const ph = posthog\nph.capture('nope.event')"),
    matched("const ph = window.posthog\nconst again = ph\nagain.capture('nope.event')"),
    matched("import ph from 'posthog-js'\nph.capture('nope.event')"),
    // hook results: destructured, called, used as the receiver
    matched("const { capture } = usePostHog()\ncapture('nope.event')"),
    // destructured under another name, in a variable or a parameter, or from an object literal holding it
    matched("const { capture: send } = usePostHog()\nsend('nope.event')"),
    matched("const { capture: send = noop } = usePostHog()\nsend('nope.event')"),
    matched(
      "function Child({ capture: emit }) { emit('nope.event') }\nfunction App() { const { capture } = usePostHog(); return <Child capture={capture} /> }",
    ),
    matched("const capture = usePostHogClientCapture()\nconst { capture: later } = { capture }\nlater('nope.event')"),
    matched("const posthog = usePostHog()\nposthog.capture('nope.event')"),
    matched("const capture = usePostHogClientCapture()\ncapture('nope.event')"),
    matched("const { capture } = usePostHogClientCapture()\ncapture('nope.event')"),
    matched("usePostHog().capture('nope.event')"),
    matched("const a = usePostHog()\na.capture('nope.event')"),
    matched("const capture = usePostHogClientCapture()\nconst again = capture\nconst capture2 = again\ncapture2('nope.event')", {
      settings: { herald: { matchers: [{ callee: 'capture2', from: 'usePostHogClientCapture' }] } },
    }),
    // the function taken off the client
    matched("const { capture } = posthog\ncapture('nope.event')"),
    // object form: posthog-node whatever the receiver is called, and a user's own keys
    matched("serverClient.capture({ distinctId: id, event: 'nope.event', properties: {} })"),
    matched("new PostHog(key).capture({ distinctId: id, event: 'nope.event' })"),
    matched("class Telemetry { #capture(e: object) {} login(userId: string) { this.#capture({ userId, event: 'nope.event', eventProperties: {} }) } }"),
    // the name at any configured index
    matched("capturePostHogEvent(posthog, 'nope.event', { user_id: id })"),
    // other SDKs
    matched("analytics.track('nope.event')"),
    matched("mixpanel.track('nope.event')"),
    matched("amplitude.track('nope.event')"),
    matched("amplitude.logEvent('nope.event')"),
    matched("rudderanalytics.track('nope.event')"),
    // passed on as a parameter or a prop, where `from` reaches it in this file
    matched(
      "function send(capture: (n: string) => void) { capture('nope.event') }\nfunction App() { const capture = usePostHogClientCapture(); send(capture) }",
    ),
    matched(
      "function Child({ capture }) { return <button onClick={() => capture('nope.event')} /> }\nfunction App() { const { capture } = usePostHog(); return <Child capture={capture} /> }",
    ),
    matched(
      "const Child = memo(function Child(props: Props) { props.capture('nope.event'); return null })\nfunction App() { const posthog = usePostHog(); return <Child capture={posthog.capture} /> }",
    ),
    matched("function report(client) { client.capture('nope.event') }\nreport(posthog)"),
    matched("const Child = ({ track }) => { track('nope.event') }\nconst App = () => { const { capture } = usePostHog(); return <Child track={capture} /> }", {
      settings: { herald: { matchers: [...USER_MATCHERS, { callee: 'track', from: 'usePostHog' }] } },
    }),
    // an SDK loaded by dynamic import()
    matched("const { default: posthog } = await import('posthog-js')\nposthog.capture('nope.event')"),
    matched("const { default: ph } = await import('posthog-js')\nph.capture('nope.event')"),
    matched("(await import('posthog-js')).default.capture('nope.event')"),
    matched("const mod = await import('posthog-js')\nmod.default.capture('nope.event')"),
    matched("import('posthog-js').then(({ default: posthog }) => { posthog.capture('nope.event') })"),
  ],
})
