import { describe, expect, it } from 'vitest'
import { namesCallee } from '@herald/core'
import { namesAnyWord, namesWord } from './prefilter.js'

describe('namesWord', () => {
  it('finds a callee named as a whole word, however it is called', () => {
    for (const text of [
      'capture("a")',
      'posthog.capture("a")',
      'posthog?.capture(',
      'this.#capture(x)',
      'client["capture"](x)',
      'x.capture\u00a0(',
      'const { capture } = useX()',
    ]) {
      expect(namesWord(text, 'capture'), text).toBe(true)
    }
  })

  it('skips names that run on into a longer identifier', () => {
    for (const text of ['Sentry.captureException(e)', 'recapture()', '$capture()', 'capture$()', 'capture_1()', 'precaptured']) {
      expect(namesWord(text, 'capture'), text).toBe(false)
    }
  })

  it('looks past a longer name to a later whole one', () => {
    expect(namesWord('Sentry.captureException(e); posthog.capture("a")', 'capture')).toBe(true)
    expect(namesAnyWord('captureException(e); track("a")', ['capture', 'track'])).toBe(true)
    expect(namesAnyWord('captureException(e); tracking()', ['capture', 'track'])).toBe(false)
  })
})

describe('namesCallee (people callees such as group and identify)', () => {
  it('finds the word where it reads as a callee', () => {
    for (const text of [
      "posthog.group('company', id)",
      'posthog?.group(',
      'group(type, key)',
      'group?.(type, key)',
      'client["group"](x)',
      'const { group: setGroup } = usePostHog()',
      'analytics.group\n  (id)',
      'this.#group(x)',
      'group<Props>(a)',
    ]) {
      expect(namesCallee(text, 'group'), text).toBe(true)
    }
  })

  it('skips the word used as an ordinary name', () => {
    for (const text of ['const group = groups.get(key)', 'if (group) group.push(item)', 'return group', 'groups.set(key, [group])', 'subgroup(x)']) {
      expect(namesCallee(text, 'group'), text).toBe(false)
    }
    expect(namesAnyWord('const group = 1', ['capture'], ['group'])).toBe(false)
    expect(namesAnyWord('posthog.group("a", b)', ['capture'], ['group'])).toBe(true)
  })
})
