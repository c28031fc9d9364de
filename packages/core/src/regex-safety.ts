/**
 * Whether a catalog `pattern` is safe to run on values the app sends: dev validation runs it on every emit, in the
 * caller's thread, so a pattern that backtracks exponentially (`^(a+)+$`) blocks the app on a short input.
 * Backreferences are refused outright (no linear-time engine runs them); every other pattern goes through
 * redos-detector, which proves a pattern safe by walking its backtracking paths. Both libraries load only for a
 * catalog that has patterns.
 */
import { createRequire } from 'node:module'

export interface PatternProblem {
  /** What is wrong, for the message: "has a backreference (\\1)". */
  reason: string
  hint: string
}

/** Steps redos-detector may take before it gives up; a fixed count, so the verdict does not depend on the machine. */
export const MAX_STEPS = 1000

const require = createRequire(import.meta.url)
let libraries: { regexpp: typeof import('@eslint-community/regexpp'); detector: typeof import('redos-detector') } | undefined

function load() {
  libraries ??= { regexpp: require('@eslint-community/regexpp'), detector: require('redos-detector') }
  return libraries
}

/** The problem with `pattern` (a valid `u`-flag regular expression), or undefined when it is safe to run. */
export function unsafePatternProblem(pattern: string): PatternProblem | undefined {
  const { regexpp, detector } = load()
  let backreference: string | undefined
  // redos-detector's parser does not read named groups; without backreferences a name changes nothing
  const names: Array<{ start: number; length: number }> = []
  try {
    const ast = new regexpp.RegExpParser().parsePattern(pattern, 0, pattern.length, { unicode: true })
    regexpp.visitRegExpAST(ast, {
      onBackreferenceEnter(node) {
        backreference ??= node.raw
      },
      onCapturingGroupEnter(node) {
        if (node.name !== null) names.push({ start: node.start, length: `(?<${node.name}>`.length })
      },
    })
  } catch {
    return undefined // not a valid pattern: reported as invalid-pattern, not here
  }
  if (backreference !== undefined) {
    return {
      reason: `has a backreference (${backreference}), which no backtracking-free matcher can run`,
      hint: 'match the repeated part with its own pattern instead of a backreference',
    }
  }
  let result: ReturnType<typeof detector.isSafePattern>
  try {
    let unnamed = pattern
    for (const { start, length } of names.reverse()) unnamed = `${unnamed.slice(0, start)}(${unnamed.slice(start + length)}`
    result = detector.isSafePattern(unnamed, { unicode: true, maxSteps: MAX_STEPS })
  } catch {
    // redos-detector reads a little less syntax than JavaScript does; such a pattern cannot be shown safe
    return { reason: 'uses syntax the ReDoS check cannot read, so it cannot be shown to run in safe time', hint: 'write it with plainer syntax' }
  }
  if (result.safe) return undefined
  return {
    reason: 'can take exponential time on a short input (a quantifier inside a repeated group, or alternatives that overlap)',
    hint: 'make the repeated parts unambiguous: ^(a+)+$ is ^a+$, and ([a-z]+\\.?)* is [a-z]+(\\.[a-z]+)*',
  }
}
