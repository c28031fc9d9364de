import { describe, expect, it } from 'vitest'
import { parseCatalog } from './load-catalog.js'
import { unsafePatternProblem } from './regex-safety.js'

describe('unsafePatternProblem', () => {
  it.each(['^(a+)+$', '(a+)+$', '^(\\w+\\s?)*$', '^(a|aa)+$', '^(x+x+)+y', '^(\\d+)*$', '^([a-z]+\\.?)*$'])(
    'refuses %s, which backtracks exponentially',
    (pattern) => {
      expect(unsafePatternProblem(pattern)?.reason).toMatch(/exponential time/)
    },
  )

  it.each(['^([a-z]+)-\\1$', '^(?<w>[a-z])\\k<w>$'])('refuses the backreference in %s', (pattern) => {
    expect(unsafePatternProblem(pattern)?.reason).toMatch(/backreference/)
  })

  it.each([
    '^[a-z]+$',
    '^[a-z]+(-[a-z]+)*$',
    '^(?:[a-z]+(?:_[a-z0-9]+)*)(?:\\.[a-z]+)*$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^(?<year>\\d{4})$',
    '\\p{L}+',
    '^[A-Z]{2}-\\d+$',
  ])('accepts %s', (pattern) => {
    expect(unsafePatternProblem(pattern)).toBeUndefined()
  })

  it('makes the catalog fail with a located unsafe-pattern diagnostic', () => {
    const text = '{\n  "events": {\n    "a.b": { "properties": { "code": { "type": "string", "pattern": "^(a+)+$" } } }\n  }\n}\n'
    const result = parseCatalog(text)
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.code, d.line, d.hint !== undefined])).toEqual([['unsafe-pattern', 3, true]])
  })
})
