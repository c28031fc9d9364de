import { describe, expect, it } from 'vitest'
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
