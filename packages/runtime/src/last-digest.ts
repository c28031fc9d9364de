/**
 * The last hex digest `HmacSha256` returned. A hashed field is serialized right after it is hashed, and a
 * digest needs no JSON escaping: the serializer skips its escape check for this one string. A module of its
 * own, so the serializer knows of it without bundling the HMAC.
 */
let last: string | undefined

export function setLastDigest(hex: string): void {
  last = hex
}

/** Whether `value` is the last digest (so lowercase hex, which JSON writes as is). */
export function isLastDigest(value: string): boolean {
  return value === last
}
