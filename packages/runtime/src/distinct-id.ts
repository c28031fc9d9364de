/**
 * Distinct ids must be opaque: an email (or anything that looks like one) is personal data, and a placeholder
 * such as `undefined` or `[object Object]` merges every user who hits the same bug into one person.
 */
import type { SinkContext, TelemetryEvent } from './sink.js'

/**
 * Finds what `/[^\s@]+@[^\s@]+\.[^\s@]+/` finds (an `x@y.z` run), with the outer `+` dropped: the same
 * verdict, and linear, since only a character right before an `@` can start a match (the longer form
 * backtracks quadratically on a long id without a domain).
 */
const EMAIL_LIKE = /[^\s@]@[^\s@]+\.[^\s@]/

export function looksLikeEmail(value: string): boolean {
  return EMAIL_LIKE.test(value)
}

/**
 * Values PostHog itself refuses to identify with (its "illegal distinct ids"), and what a bug stringifies
 * to. Compared case-insensitively after trimming.
 */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '',
  'anonymous',
  'guest',
  'distinctid',
  'distinct_id',
  'id',
  'not_authenticated',
  'email',
  'undefined',
  'null',
  'none',
  'nan',
  'true',
  'false',
  '0',
  '[object object]',
])

/** The last id accepted: one process tends to send one user's id over and over. */
let lastAccepted: string | undefined

/** Why a distinct id is refused, or undefined when it may be sent. */
export function refusedDistinctId(value: string): 'email' | 'placeholder' | undefined {
  if (value === lastAccepted) return undefined
  if (PLACEHOLDERS.has(value.trim().toLowerCase())) return 'placeholder'
  if (looksLikeEmail(value)) return 'email'
  lastAccepted = value
  return undefined
}

/**
 * For a sink written to directly (the telemetry core refuses these before any sink): whether `event` carries a
 * refused distinct id, in which case it is warned about through the sink's context and must not be sent.
 */
export function refusedBySink(event: TelemetryEvent, context: SinkContext | undefined, message: string): boolean {
  if (event.distinctId === undefined || refusedDistinctId(event.distinctId) === undefined) return false
  const text = `Refused ${event.event}: its distinct id ${message}`
  if (context) context.warn('email-distinct-id', text)
  else console.warn(`[herald] email-distinct-id: ${text}`)
  return true
}
