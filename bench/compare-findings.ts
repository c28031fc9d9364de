/** Checks a front-end's findings against the synthetic repo's expected ones, for the correctness notes. */

export interface LocatedFinding {
  ruleId: string
  file: string
  line: number
  column: number
}

export interface FindingComparison {
  expected: number
  matched: number
  missing: LocatedFinding[]
  extra: LocatedFinding[]
}

const keyOf = (f: LocatedFinding) => `${f.ruleId}|${f.file}|${f.line}|${f.column}`

/** Matches by rule, file, line and column, counting repeats (a multiset comparison). */
export function compareFindings(expected: readonly LocatedFinding[], actual: readonly LocatedFinding[]): FindingComparison {
  const remaining = new Map<string, LocatedFinding[]>()
  for (const finding of expected) {
    const list = remaining.get(keyOf(finding))
    if (list) list.push(finding)
    else remaining.set(keyOf(finding), [finding])
  }
  const extra: LocatedFinding[] = []
  let matched = 0
  for (const finding of actual) {
    const list = remaining.get(keyOf(finding))
    if (list && list.length > 0) {
      list.pop()
      matched++
    } else extra.push(finding)
  }
  return { expected: expected.length, matched, missing: [...remaining.values()].flat(), extra }
}

/** `found 212 of 212 expected findings; 3 extra (no-dynamic-event-name ×3)`. */
export function describeComparison(who: string, comparison: FindingComparison): string {
  const byRule = (findings: readonly LocatedFinding[]) => {
    const counts = new Map<string, number>()
    for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1)
    return [...counts].map(([rule, count]) => `${rule} ×${count}`).join(', ')
  }
  let text = `${who} found ${comparison.matched} of ${comparison.expected} expected findings`
  if (comparison.missing.length > 0) text += `; missed ${byRule(comparison.missing)} (first: ${where(comparison.missing[0]!)})`
  if (comparison.extra.length > 0) text += `; ${comparison.extra.length} extra (${byRule(comparison.extra)}; first: ${where(comparison.extra[0]!)})`
  return text
}

const where = (f: LocatedFinding) => `${f.file}:${f.line}:${f.column}`
