/**
 * A user matcher that matched no call in a whole run is almost always a settings mistake (a receiver spelt
 * otherwise, a hook's name, an object form whose key differs). A front-end that sees a whole run reports each
 * such matcher once, with what it does match, instead of saying nothing.
 */
import type { Matcher } from './matchers.js'

export interface UnmatchedMatcher {
  /** The matcher as the settings give it. */
  matcher: Matcher
  /** Where it is in the settings: `settings.herald.matchers[2]`. */
  at: string
  /** What calls this matcher matches, and what to change when the code looks otherwise. */
  hint: string
}

/** The user matchers (`settings.herald.matchers`) not in `used`, each with a hint. Presets are never reported. */
export function unmatchedMatchers(userMatchers: readonly Matcher[], used: ReadonlySet<Matcher>): UnmatchedMatcher[] {
  const unmatched: UnmatchedMatcher[] = []
  userMatchers.forEach((matcher, i) => {
    if (!used.has(matcher)) unmatched.push({ matcher, at: `settings.herald.matchers[${i}]`, hint: matcherHint(matcher) })
  })
  return unmatched
}

/** One sentence on the calls a matcher matches. */
export function matcherHint(matcher: Matcher): string {
  const callee = matcher.callee
  const name = matcher.objectForm ? `{ ${matcher.objectForm.nameKey}: … }` : argumentList(matcher.nameArg ?? 0)
  let call: string
  if (matcher.object === 'this') call = `this.${callee}(${name}) inside a class`
  else if (matcher.object !== undefined) {
    call = `${matcher.object}.${callee}(${name})` + (matcher.module ? ` or a default or namespace import of "${matcher.module}" in its place` : '')
  } else if (matcher.from !== undefined)
    call = `${callee}(${name}) where ${callee} comes from ${matcher.from}(): const { ${callee} } = ${matcher.from}(), or ${matcher.from}().${callee}(${name})`
  else call = `${callee}(${name}) and x.${callee}(${name}) on any receiver, for a ${callee} defined in the project (not imported from a package)`
  const advice =
    matcher.object !== undefined
      ? `leave "object" out to match any receiver`
      : matcher.from !== undefined
        ? `check the hook's name, or leave "from" out for a plain function`
        : `check the called name ("#name" for a private method)`
  const form = matcher.objectForm ? `, only when that argument is an object literal (or a constant object) with the key "${matcher.objectForm.nameKey}"` : ''
  return `matches ${call}${form}; ${advice}.`
}

function argumentList(nameArg: number): string {
  return [...Array.from({ length: nameArg }, () => '…'), 'name'].join(', ')
}
