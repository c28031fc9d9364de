/**
 * Values that look like personal data or secrets whatever their key. Each check starts with a cheap
 * character test, since almost every value of real traffic is none of these.
 */
import { isIPv4, isIPv6 } from 'node:net'
import { looksLikeEmail } from '@herald/runtime'

export type PiiKind = 'email' | 'jwt' | 'bearer-token' | 'card-number' | 'ip-address'

const JWT = /\beyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/
const BEARER = /\bbearer\s+[\w~+/.-]{8,}=*/i
/** 13 to 19 digits, optionally grouped by single spaces or dashes, as card numbers are written. */
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g

/** What personal data `value` looks like, or undefined. `ip` is false for properties declared `pii`. */
export function personalDataKind(value: string, ip = true): PiiKind | undefined {
  if (value.length < 7) return undefined
  if (value.includes('@') && looksLikeEmail(value)) return 'email'
  if (value.includes('eyJ') && JWT.test(value)) return 'jwt'
  if ((value.includes('earer') || value.includes('EARER')) && BEARER.test(value)) return 'bearer-token'
  if (hasCardNumber(value)) return 'card-number'
  // An IPv4 address starts with a digit and holds a dot; an IPv6 one holds a colon.
  if (ip && value.length <= 45 && ((isDigit(value.charCodeAt(0)) && value.includes('.') && isIPv4(value)) || (value.includes(':') && isIPv6(value))))
    return 'ip-address'
  return undefined
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/**
 * Whether the value holds a run of 13 digits or more, each separated from the next by nothing or by one space
 * or dash: what CARD needs before it can match (a UUID's groups, broken by letters, never make one).
 */
function hasDigitRun(value: string): boolean {
  let run = 0
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      if (++run >= 13) return true
    } else if (!((c === 32 || c === 45) && run > 0 && isDigit(value.charCodeAt(i + 1)))) run = 0
  }
  return false
}

function hasCardNumber(value: string): boolean {
  if (!hasDigitRun(value)) return false
  CARD.lastIndex = 0
  for (const match of value.matchAll(CARD)) if (luhn(match[0])) return true
  return false
}

/** The Luhn checksum that every card number passes (and about one random digit string in ten). */
export function luhn(text: string): boolean {
  let sum = 0
  let double = false
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) continue
    let d = c - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}
