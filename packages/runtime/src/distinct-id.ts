/**
 * Distinct ids must be opaque: an email (or anything that looks like one) is personal data, and a placeholder
 * such as `undefined` or `[object Object]` merges every user who hits the same bug into one person.
 */

/**
 * True when some `x@y.z` run (no spaces, one `@`) occurs in the value, as `/[^\s@]+@[^\s@]+\.[^\s@]+/` would
 * find; written as one pass because that regular expression backtracks quadratically on long ids.
 */
export function looksLikeEmail(value: string): boolean {
  let at = value.indexOf('@')
  while (at !== -1) {
    if (at > 0 && !isSpaceOrAt(value.charCodeAt(at - 1))) {
      // A `.` after at least one character of the domain, followed by at least one more.
      let sawDot = false
      for (let i = at + 1; i < value.length; i++) {
        const c = value.charCodeAt(i)
        if (isSpaceOrAt(c)) break
        if (sawDot) return true
        if (c === 0x2e && i > at + 1) sawDot = true
      }
    }
    at = value.indexOf('@', at + 1)
  }
  return false
}

function isSpaceOrAt(c: number): boolean {
  return c === 0x40 || /\s/.test(String.fromCharCode(c))
}

/**
 * Values PostHog itself refuses to identify with (its "illegal distinct ids"), and what a bug stringifies
 * to. Compared case-insensitively after trimming.
 */
const PLACEHOLDERS = new Set(['', 'anonymous', 'guest', 'distinctid', 'distinct_id', 'id', 'not_authenticated', 'email', 'undefined', 'null', 'none', 'nan', 'true', 'false', '0', '[object object]'])

/** Why a distinct id is refused, or undefined when it may be sent. */
export function refusedDistinctId(value: string): 'email' | 'placeholder' | undefined {
  if (PLACEHOLDERS.has(value.trim().toLowerCase())) return 'placeholder'
  if (looksLikeEmail(value)) return 'email'
  return undefined
}
