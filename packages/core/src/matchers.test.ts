import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CallShape,
  findMatcher,
  isDeclaredIn,
  isForwardedName,
  PRESETS,
  renamedCalleeCandidates,
  mayContainCapture,
  namesCallee,
  prefilterWordSets,
  resolveMatchers,
  ruleOptions,
  settingsProblems,
} from './matchers.js'

const shape = (s: Partial<CallShape> & { callee: string }): CallShape => ({ argumentObjectKeys: [], ...s })

describe('findMatcher', () => {
  const matchers = resolveMatchers()

  it('matches a receiver by name, or by the package it is the default export of', () => {
    expect(findMatcher(matchers, shape({ callee: 'capture', object: 'posthog' }))).toBe(PRESETS['posthog-js'][0])
    expect(findMatcher(matchers, shape({ callee: 'capture', object: 'ph', module: 'posthog-js' }))).toBe(PRESETS['posthog-js'][0])
    expect(findMatcher(matchers, shape({ callee: 'capture', module: 'posthog-js' }))).toBe(PRESETS['posthog-js'][0])
    expect(findMatcher(matchers, shape({ callee: 'capture', object: 'ph', module: 'some-other-sdk' }))).toBeUndefined()
    expect(findMatcher(matchers, shape({ callee: 'track', object: 'mp', module: 'mixpanel-browser' }))).toBe(PRESETS.mixpanel[0])
  })

  it('tells the object form from the positional form by the argument', () => {
    const objectForm = shape({ callee: 'capture', object: 'client', argumentObjectKeys: [['distinctId', 'event']] })
    expect(findMatcher(matchers, objectForm)).toBe(PRESETS['posthog-node'][0])
    expect(findMatcher(matchers, shape({ callee: 'capture', object: 'client', argumentObjectKeys: [['distinctId']] }))).toBeUndefined()
  })

  it('reads a constant object argument with the matcher that fits it: an object form or a namePath, before a positional one', () => {
    const objectForm = { callee: 'track', object: 'analytics', objectForm: { nameKey: 'name' } }
    const namePath = { callee: 'trackEvent', namePath: 'name' }
    const chosen = resolveMatchers({ presets: ['segment'], matchers: [objectForm, namePath] })
    const constant = (callee: string, keys: string[]) => shape({ callee, object: 'analytics', argumentObjectKeys: [undefined], argumentConstantKeys: [keys] })
    // the segment preset's positional `analytics.track` comes first, but cannot read `Events.Upgrade`
    expect(findMatcher(chosen, constant('track', ['name', 'channel']))).toBe(objectForm)
    expect(findMatcher(chosen, constant('track', ['channel']))).toBe(PRESETS.segment[0])
    expect(findMatcher(chosen, shape({ callee: 'track', object: 'analytics', argumentObjectKeys: [undefined] }))).toBe(PRESETS.segment[0])
    expect(findMatcher(chosen, constant('trackEvent', ['name']))).toBe(namePath)
    expect(findMatcher(chosen, shape({ callee: 'trackEvent', argumentObjectKeys: [['name', 'channel']] }))).toBe(namePath)
    // posthog-node's object form over `const payload = { distinctId, event, properties }`
    expect(findMatcher(matchers, shape({ callee: 'capture', object: 'client', argumentObjectKeys: [undefined], argumentConstantKeys: [['event']] }))).toBe(
      PRESETS['posthog-node'][0],
    )
  })
})

describe('declaredIn', () => {
  it('names a module path (extension, ./ and /index optional) or a package (and its subpaths)', () => {
    expect(isDeclaredIn('src/lib/analytics.ts', { file: 'src/lib/analytics.tsx' })).toBe(true)
    expect(isDeclaredIn('./src/lib', { file: 'src/lib/index.ts' })).toBe(true)
    expect(isDeclaredIn('src/lib/analytics', { file: 'src/lib/analytics-old.ts' })).toBe(false)
    expect(isDeclaredIn('@acme/analytics', { package: '@acme/analytics/web' })).toBe(true)
    expect(isDeclaredIn('@acme/analytics', { package: '@acme/analytics-web' })).toBe(false)
    expect(isDeclaredIn('packages/analytics/src/index.ts', { file: 'packages/analytics/src/index.ts', package: '@acme/analytics' })).toBe(true)
    expect(isDeclaredIn('src/a.ts', undefined)).toBe(false)
    const a = { callee: 'capture', declaredIn: 'src/a.ts' }
    const b = { callee: 'capture', nameArg: 1, declaredIn: 'src/b.ts' }
    expect(findMatcher([a, b], shape({ callee: 'capture', declaredIn: { file: 'src/b.ts' } }))).toBe(b)
    expect(findMatcher([a, b], shape({ callee: 'capture' }))).toBeUndefined()
  })
})

describe('presets', () => {
  it('leaves presets added later out of the default, so an upgrade does not change findings', () => {
    const byDefault = resolveMatchers()
    expect(byDefault).not.toContain(PRESETS.openpanel[0])
    expect(byDefault).not.toContain(PRESETS['segment-node'][0])
    expect(findMatcher(byDefault, shape({ callee: 'track', object: 'op' }))).toBeUndefined()
    const chosen = resolveMatchers({ presets: ['openpanel', 'segment-node'] })
    expect(findMatcher(chosen, shape({ callee: 'track', object: 'op' }))).toBe(PRESETS.openpanel[0])
    expect(findMatcher(chosen, shape({ callee: 'track', from: 'useOpenPanel' }))).toBe(PRESETS.openpanel[1])
    expect(findMatcher(chosen, shape({ callee: 'track', object: 'analytics', argumentObjectKeys: [['event', 'userId']] }))).toBe(PRESETS['segment-node'][0])
  })
})

describe('settings.rules', () => {
  it('turns severities into the checker’s options, with or without the herald/ prefix', () => {
    const options = ruleOptions({ 'herald/no-dynamic-event-name': 'off', 'no-undeclared-property': 'error', 'valid-event-name': 'warn' })
    expect(options.rules?.has('no-dynamic-event-name')).toBe(false)
    expect(options.rules?.has('no-undeclared-event')).toBe(true)
    expect(options.severity).toEqual({ 'no-undeclared-property': 'error', 'valid-event-name': 'warning' })
    expect(ruleOptions(undefined)).toEqual({})
  })

  it('names an unknown rule with the nearest one, and a bad severity', () => {
    expect(settingsProblems({ rules: { 'no-dynamic-event-names': 'off', 'valid-event-name': 'loud', 'herald/no-such-thing-at-all': 'off' } })).toEqual([
      'settings.herald.rules: unknown rule "no-dynamic-event-names"; did you mean "no-dynamic-event-name"?',
      'settings.herald.rules.valid-event-name must be "error", "warning" or "off", not "loud".',
      expect.stringMatching(/^settings\.herald\.rules: unknown rule "herald\/no-such-thing-at-all"; /),
    ])
    expect(settingsProblems({ rules: [] })).toEqual(['settings.herald.rules must be an object such as { "no-dynamic-event-name": "off" }.'])
  })
})

describe('isForwardedName', () => {
  const matchers = resolveMatchers({
    presets: ['posthog-js'],
    matchers: [
      { callee: 'capturePostHogEvent', nameArg: 1, propsArg: 2 },
      { callee: '#capture', objectForm: { nameKey: 'event' } },
      { callee: 'track', from: 'useTracker' },
    ],
  })

  it('is true for the wrapper’s name parameter, at its index or key', () => {
    expect(isForwardedName(matchers, 'capturePostHogEvent', 1, [])).toBe(true)
    expect(isForwardedName(matchers, '#capture', 0, ['event'])).toBe(true)
  })

  it('is false for another parameter, another key, or a matcher that needs a receiver or a hook', () => {
    expect(isForwardedName(matchers, 'capturePostHogEvent', 0, [])).toBe(false)
    expect(isForwardedName(matchers, 'capturePostHogEvent', 1, ['name'])).toBe(false)
    // an object-form wrapper of the user's forwards the whole object too (`#capture(message) { posthog.capture(message) }`); an SDK's never
    expect(isForwardedName(matchers, '#capture', 0, [])).toBe(true)
    expect(isForwardedName(matchers, '#capture', 0, ['properties'])).toBe(false)
    expect(isForwardedName(resolveMatchers({ presets: ['posthog-node'] }), 'capture', 0, [])).toBe(false)
    expect(isForwardedName(matchers, 'capture', 0, [])).toBe(false)
    expect(isForwardedName(matchers, 'track', 0, [])).toBe(false)
  })

  it('counts a class method matched through `this`, and never a preset’s named receiver', () => {
    const withThis = resolveMatchers({ presets: ['posthog-js'], matchers: [{ callee: 'captureEvent', object: 'this' }] })
    expect(isForwardedName(withThis, 'captureEvent', 0, [], true)).toBe(true)
    expect(isForwardedName(withThis, 'captureEvent', 0, [], false)).toBe(false)
    expect(isForwardedName(withThis, 'capture', 0, [], true)).toBe(false)
  })

  it('counts a member of the object an `object` matcher names, and a function declared in the hook a `from` matcher names', () => {
    const scoped = resolveMatchers({
      presets: [],
      matchers: [
        { callee: 'send', object: 'metrics' },
        { callee: 'track', from: 'useTracker' },
      ],
    })
    expect(isForwardedName(scoped, 'send', 0, [], false, { holder: 'metrics' })).toBe(true)
    expect(isForwardedName(scoped, 'send', 0, [], false, { holder: 'other' })).toBe(false)
    expect(isForwardedName(scoped, 'track', 0, [], false, { enclosing: () => ['inner', 'useTracker'] })).toBe(true)
    expect(isForwardedName(scoped, 'track', 0, [], false, { enclosing: () => ['useOther'] })).toBe(false)
    expect(isForwardedName(scoped, 'track', 0, [])).toBe(false)
  })
})

describe('settingsProblems', () => {
  it('accepts the README’s settings and no settings', () => {
    expect(settingsProblems(undefined)).toEqual([])
    expect(
      settingsProblems({
        catalog: 'schema/events.catalog.json',
        presets: ['posthog-js', 'posthog-node', 'segment'],
        matchers: [
          { callee: 'capture', from: 'usePostHogClientCapture', nameArg: 0, propsArg: 1 },
          { callee: 'capturePostHogEvent', nameArg: 1, propsArg: 2 },
          { callee: '#capture', objectForm: { nameKey: 'event', propsKey: 'eventProperties', distinctIdKey: 'userId' } },
        ],
      }),
    ).toEqual([])
  })

  it('names each problem where it is', () => {
    expect(
      settingsProblems({
        catalogue: 'x',
        presets: ['segment', 'plausible'],
        matchers: [
          { callee: '', nameArg: -1, module: 'posthog-js', objectForm: { key: 'event' } },
          'capture',
          { callee: 'identify', kind: 'person', aliasArg: 'x', groupTypeKey: '' },
        ],
      }),
    ).toEqual([
      'settings.herald.catalogue is not a Herald setting; use catalog, presets, matchers or rules.',
      'settings.herald.presets: unknown preset "plausible"; known presets: posthog-js, posthog-node, segment, mixpanel, amplitude, rudderstack, segment-node, openpanel.',
      'settings.herald.matchers[0].callee must be the called name, such as "capture".',
      'settings.herald.matchers[0].nameArg must be an argument index (0, 1, …).',
      'settings.herald.matchers[0].module needs an object: it names another way to reach that receiver.',
      'settings.herald.matchers[0].objectForm.key is not an objectForm field; use nameKey, propsKey, propsFrom, distinctIdKey or aliasKey.',
      'settings.herald.matchers[0].objectForm.nameKey must be the key that holds the event name, such as "event".',
      'settings.herald.matchers[1] must be an object such as { "callee": "capture", "object": "posthog" }.',
      'settings.herald.matchers[2].kind must be one of "capture", "identify", "group", "alias", not "person".',
      'settings.herald.matchers[2].groupTypeKey must be a non-empty string.',
      'settings.herald.matchers[2].aliasArg must be an argument index (0, 1, …).',
    ])
    expect(settingsProblems('schema/events.catalog.json')).toEqual(['settings.herald must be an object.'])
  })

  it('checks namePath, propsFrom and declaredIn', () => {
    expect(
      settingsProblems({
        matchers: [
          { callee: 'trackEvent', namePath: 'event.name' },
          { callee: 't', objectForm: { nameKey: 'event', propsFrom: 'rest' } },
        ],
      }),
    ).toEqual([])
    expect(
      settingsProblems({
        matchers: [
          { callee: 'a', namePath: 'name.' },
          { callee: 'b', namePath: 'name', objectForm: { nameKey: 'event' } },
          { callee: 'c', objectForm: { nameKey: 'event', propsFrom: 'others' } },
          { callee: 'd', objectForm: { nameKey: 'event', propsFrom: 'rest', propsKey: 'properties' } },
          { callee: 'e', declaredIn: '' },
        ],
      }),
    ).toEqual([
      'settings.herald.matchers[0].namePath must be a dot path into the name argument, such as "name" or "event.name".',
      'settings.herald.matchers[1].namePath is for positional matchers; with objectForm, nameKey names the key.',
      'settings.herald.matchers[2].objectForm.propsFrom must be "rest" (the object\'s other keys are the properties), not "others".',
      'settings.herald.matchers[3].objectForm: propsKey and propsFrom both say where the properties are; keep one.',
      'settings.herald.matchers[4].declaredIn must be a non-empty string.',
    ])
  })
})

describe('renamedCalleeCandidates', () => {
  it('lists the local names written after a callee key, never a callee itself', () => {
    const callees = new Set(['capture', 'track', '#send', 'log$'])
    const text = [
      'const { capture: send } = usePostHog()',
      'function Child({ track : emit, other: x }) {}',
      'const o = { capture: capture, recapture: nope, log$: $dollar }',
      'type T = { capture: Fn }',
    ].join('\n')
    expect([...renamedCalleeCandidates(text, callees)].sort()).toEqual(['$dollar', 'Fn', 'emit', 'send'])
    expect(renamedCalleeCandidates('no renames here', callees).size).toBe(0)
  })

  it('finds what the equivalent regular expression finds, on random text', () => {
    const callees = new Set(['capture', 'track', 'a$'])
    // a lookahead, so that matches may overlap (`capture: track: send` lists `send` too)
    const reference = /(?<![\w$])(?=(?:capture|track|a\$)[ \t\n\r]*:[ \t\n\r]*([A-Za-z_$][\w$]*))/g
    const piece = fc.constantFrom('capture', 'track', 'a$', ':', ' ', '\n', 'x', '_1', '$', '.', '{', 'send', 'recapture', '9', 'capture:track:')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('')
        const expected = new Set([...text.matchAll(reference)].map((m) => m[1]!).filter((name) => !callees.has(name)))
        expect(renamedCalleeCandidates(text, callees)).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })
})

describe('the prefilter words', () => {
  it('looks for people-only callees as callees, capture callees anywhere', () => {
    const { words, calleeOnly } = prefilterWordSets(resolveMatchers({}))
    expect(words).toContain('capture')
    expect(calleeOnly).toEqual(expect.arrayContaining(['group', 'identify']))
    expect(calleeOnly).not.toContain('capture')
    expect(mayContainCapture('const group = groups.get(key)\nif (group) group.push(item)', words, calleeOnly)).toBe(false)
    expect(mayContainCapture("posthog.group('company', id)", words, calleeOnly)).toBe(true)
    expect(mayContainCapture('const { identify: who } = usePostHog()', words, calleeOnly)).toBe(true)
  })

  it('finds a callee-only word that starts with another (groupIdentify, group) as it finds each alone', () => {
    const calleeOnly = ['group', 'identify', 'groupIdentify', 'id']
    expect(mayContainCapture('posthog.groupIdentify({})', [], calleeOnly)).toBe(true)
    expect(mayContainCapture('const group = groupIdentifyLater', [], calleeOnly)).toBe(false)
    const piece = fc.constantFrom('group', 'Identify', 'identify', 'id', 's', ' ', '.', '(', '=', ':', "'", '?.', 'x')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('')
        expect(mayContainCapture(text, [], calleeOnly)).toBe(calleeOnly.some((word) => namesCallee(text, word)))
      }),
      { numRuns: 3000 },
    )
  })
})
