/**
 * Helpers that generated dev validators call, for the JSON Schema keywords whose check is more than one
 * expression. Each behaves as ajv (with ajv-formats, full mode) does; a differential test holds them to it.
 */

/** Deep equality of JSON values, as ajv's `enum`, `const` and `uniqueItems` use it. */
export function isEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a !== a && b !== b
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!isEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false
    if (!isEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false
  }
  return true
}

/** String length in code points, as JSON Schema counts it (an emoji is one character, not two). */
export function codePointLength(value: string): number {
  let length = 0
  for (let i = 0; i < value.length; i++) {
    length++
    const code = value.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
  }
  return length
}

export function hasUniqueItems(items: readonly unknown[]): boolean {
  for (let i = 1; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (isEqual(items[i], items[j])) return false
  }
  return true
}

/** ajv's `multipleOf` without `multipleOfPrecision`. */
export function isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor
  return quotient === Number.parseInt(String(quotient), 10)
}

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i
const DATE_TIME_SEPARATOR = /t|\s/i

/** RFC 3339 full-date, leap years included. */
export function isDate(value: string): boolean {
  const match = DATE.exec(value)
  if (!match) return false
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS[month]!)
}

/** RFC 3339 full-time with a required time zone; a leap second only at 23:59 UTC. */
export function isTime(value: string): boolean {
  const match = TIME.exec(value)
  if (!match) return false
  const hour = Number(match[1])
  const minute = Number(match[2])
  const second = Number(match[3])
  const zone = match[4]
  const sign = match[5] === '-' ? -1 : 1
  const zoneHour = Number(match[6] || 0)
  const zoneMinute = Number(match[7] || 0)
  if (zoneHour > 23 || zoneMinute > 59 || !zone) return false
  if (hour <= 23 && minute <= 59 && second < 60) return true
  const utcMinute = minute - zoneMinute * sign
  const utcHour = hour - zoneHour * sign - (utcMinute < 0 ? 1 : 0)
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61
}

export function isDateTime(value: string): boolean {
  const parts = value.split(DATE_TIME_SEPARATOR)
  return parts.length === 2 && isDate(parts[0]!) && isTime(parts[1]!)
}
