/**
 * Hashing in the browser build: no Node API. Hashed fields are dropped unless the app opted into
 * `browserHashing: 'public-salt'` (see hashing.ts); then `HmacSha256` hashes and Web Crypto's
 * `getRandomValues` makes the ephemeral dev salt.
 */
import { createHasherFor, keyedHashFor, type HasherOptions, type KeyedHash, type TelemetryHasher } from './hashing.js'
import { HmacSha256 } from './hmac-sha256.js'

export const keyedHash: KeyedHash = keyedHashFor({
  key: (salt) => new HmacSha256(Uint8Array.from(salt.match(/../g)!, (byte) => Number.parseInt(byte, 16))),
  randomKey: () => new HmacSha256(globalThis.crypto.getRandomValues(new Uint8Array(32))),
  refuse(source) {
    if (source.browserHashing === 'public-salt') return false
    source.warn(
      'hash-dropped-in-browser',
      'Fields marked transform: hash are dropped in the browser: any salt shipped to a page is public, so a hash there would not protect the value. Send them from the server, or pass browserHashing: "public-salt" with a salt to pseudonymize them anyway.',
    )
    return true
  },
})

/** A hasher for the redaction output's `redact` and `redactJson`, outside the emit pipeline; the same hashing as emitters. */
export function createHasher(options: HasherOptions = {}): TelemetryHasher {
  return createHasherFor(keyedHash, options)
}
