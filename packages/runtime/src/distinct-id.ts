/** Distinct ids must be opaque: an email (or anything that looks like one) is personal data. */
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/

export function looksLikeEmail(value: string): boolean {
  return EMAIL_LIKE.test(value)
}
