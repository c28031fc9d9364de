/**
 * Hashing in the browser build: no Node API. Hashed fields are dropped unless the app opted into
 * `browserHashing: 'public-salt'` (see hashing.ts); then `HmacSha256` hashes and Web Crypto's
 * `getRandomValues` makes the ephemeral dev salt.
 */
import { createHasherFor, keyedHashFor, type HasherOptions, type KeyedHash, type TelemetryHasher } from './hashing.js'
import { HmacSha256 } from './hmac-sha256.js'

export const keyedHash: KeyedHash = keyedHashFor({
  browser: true,
  key: (bytes) => new HmacSha256(bytes),
  randomBytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)),
})

/** A hasher for the redaction output's `redact` and `redactJson`, outside the emit pipeline; the same hashing as emitters. */
export function createHasher(options: HasherOptions = {}): TelemetryHasher {
  return createHasherFor(keyedHash, options)
}
