import { describe, expect, it } from 'vitest'
import type { Matcher } from './matchers.js'
import { matcherHint, unmatchedMatchers } from './unmatched-matchers.js'

describe('unmatchedMatchers', () => {
  const a: Matcher = { callee: 'captureEvent', object: 'this' }
  const b: Matcher = { callee: 'track', from: 'useTracking' }
  const c: Matcher = { callee: 'send', objectForm: { nameKey: 'type' } }

  it('lists the user matchers no call used, with where they are in the settings', () => {
    const found = unmatchedMatchers([a, b, c], new Set([b]))
    expect(found.map((u) => u.at)).toEqual(['settings.herald.matchers[0]', 'settings.herald.matchers[2]'])
    expect(found[0]!.matcher).toBe(a)
  })

  it('lists nothing when every matcher matched', () => {
    expect(unmatchedMatchers([a, b], new Set([a, b]))).toEqual([])
  })
})

describe('matcherHint', () => {
  it('says what each kind of matcher matches and what to change', () => {
    expect(matcherHint({ callee: '#capture', object: 'this' })).toBe('matches this.#capture(name) inside a class; leave "object" out to match any receiver.')
    expect(matcherHint({ callee: 'capture', object: 'ph', module: 'posthog-js' })).toContain('a default or namespace import of "posthog-js"')
    expect(matcherHint({ callee: 'track', from: 'useTracking', nameArg: 1 })).toBe(
      'matches track(…, name) where track comes from useTracking(): const { track } = useTracking(), or useTracking().track(…, name); check the hook\'s name, or leave "from" out for a plain function.',
    )
    expect(matcherHint({ callee: 'send', objectForm: { nameKey: 'type' } })).toContain('send({ type: … })')
    expect(matcherHint({ callee: 'send', objectForm: { nameKey: 'type' } })).toContain(
      'only when that argument is an object literal (or a constant object) with the key "type"',
    )
  })
})
