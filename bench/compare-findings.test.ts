import { describe, expect, it } from 'vitest'
import { compareFindings, describeComparison } from './compare-findings.js'

const at = (ruleId: string, line: number, column = 3) => ({ ruleId, file: 'src/a.ts', line, column })

describe('compareFindings', () => {
  it('matches rule, file, line and column, and keeps repeats apart', () => {
    const expected = [at('no-undeclared-event', 4), at('valid-event-name', 4), at('no-forbidden-property', 9), at('no-forbidden-property', 9)]
    const actual = [at('valid-event-name', 4), at('no-forbidden-property', 9), at('no-undeclared-event', 4, 4), at('no-dynamic-event-name', 12)]
    const comparison = compareFindings(expected, actual)
    expect(comparison.matched).toBe(2)
    expect(comparison.missing).toEqual([at('no-undeclared-event', 4), at('no-forbidden-property', 9)])
    expect(comparison.extra).toEqual([at('no-undeclared-event', 4, 4), at('no-dynamic-event-name', 12)])
    expect(describeComparison('lint', comparison)).toBe(
      'lint found 2 of 4 expected findings; missed no-undeclared-event ×1, no-forbidden-property ×1 (first: src/a.ts:4:3); 2 extra (no-undeclared-event ×1, no-dynamic-event-name ×1; first: src/a.ts:4:4)',
    )
  })

  it('says so plainly when everything matches', () => {
    const findings = [at('no-undeclared-event', 4)]
    expect(describeComparison('audit', compareFindings(findings, findings))).toBe('audit found 1 of 1 expected findings')
  })
})
