/**
 * The text prefilter that runs before any parse: a file can hold a capture call only if it names one of the
 * matchers' callees as a whole word. Core's `mayContainCapture` (shared with the ESLint plugin, which runs it
 * once per linted file) asks for a substring; the audit, which decides by it which of thousands of files to
 * parse, asks for the name itself: `Sentry.captureException(…)` names no `capture`, and a parse costs far
 * more than the look.
 *
 * A whole word here errs on the side of parsing: only ASCII letters, digits, `_` and `$` continue a name, so
 * a name next to anything else (`#capture`, `["capture"]`, a non-ASCII space, an escape) counts. A call is
 * only ever missed where the substring test missed it too (a callee spelled with unicode escapes).
 */

import { namesCallee } from '@herald/core'

/** Whether `text` holds one of `words` not run into a longer identifier, or one of `calleeOnly` as a callee. */
export function namesAnyWord(text: string, words: readonly string[], calleeOnly: readonly string[] = []): boolean {
  for (const word of words) if (namesWord(text, word)) return true
  for (const word of calleeOnly) if (namesCallee(text, word)) return true
  return false
}

export function namesWord(text: string, word: string): boolean {
  if (word.length === 0) return true
  const checkBefore = isNameChar(word.charCodeAt(0))
  const checkAfter = isNameChar(word.charCodeAt(word.length - 1))
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (checkBefore && at > 0 && isNameChar(text.charCodeAt(at - 1))) continue
    if (checkAfter && isNameChar(text.charCodeAt(at + word.length))) continue
    return true
  }
  return false
}

/** `[A-Za-z0-9_$]`; NaN (past either end of the text) is not. */
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36
}
