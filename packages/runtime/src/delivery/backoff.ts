/** How long the forwarder waits before it tries a batch again. */

/**
 * Exponential backoff with "equal jitter": half the capped exponential delay, plus a random part of the
 * other half. The delay still grows with every attempt, and clients that failed together do not retry together.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const capped = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30))
  return capped / 2 + random() * (capped / 2)
}

/**
 * The longest wait a `Retry-After` may impose: an hour. A longer ask (a date years ahead) would also overflow
 * Node's 32-bit timers, which then fire at once and turn one 429 into a request flood.
 */
export const MAX_RETRY_AFTER_MS = 3_600_000

/**
 * The wait a `Retry-After` header asks for, at most `MAX_RETRY_AFTER_MS`, in milliseconds: delay-seconds (`120`) or an HTTP date.
 * `undefined` when absent or unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Number(text) * 1000)
  // Every HTTP date form starts with a day name; this keeps Date.parse's leniency ("-5" is a year) out.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now))
}

/**
 * An event id as a header value: printable ASCII up to 128 characters as it is, anything else (non-ASCII, a
 * newline, a 20,000-character id) percent-encoded and cut, so that no id can make a batch's request invalid.
 */
export function headerId(id: string): string {
  const safe = /^[\x21-\x7e]{1,128}$/.test(id) ? id : encodeURIComponent(id)
  return safe.length > 128 ? `${safe.slice(0, 120)}~trunc` : safe
}
