/**
 * `@herald/runtime/public-salt`: the browser opt-in to hashing with a public salt. Passing
 * `browserHashing: publicSaltHashing()` is what brings HMAC-SHA256 into a browser bundle; a browser build
 * that does not opt in carries no hashing code at all.
 */
import { keyedHashFor, type KeyedHash } from './hashing.js'
import { HmacSha256 } from './hmac-sha256.js'

/** What `browserHashing` takes to hash in a browser build; made by `publicSaltHashing()`. */
export interface PublicSaltHashing {
  readonly kind: 'public-salt'
  /** @internal The HMAC-SHA256 `keyedHash` the browser build delegates to. */
  readonly keyedHash: KeyedHash
}

let shared: KeyedHash | undefined

/**
 * Hash `transform: hash` fields in the browser with the `salt` given (or the catalog's env var), which only
 * pseudonymizes: anyone with the page can hash guesses. Use a salt of its own for the browser. In Node,
 * `browserHashing` is ignored and hashing uses node:crypto with the secret salt.
 */
export function publicSaltHashing(): PublicSaltHashing {
  shared ??= keyedHashFor({
    key: (salt) => new HmacSha256(Uint8Array.from(salt.match(/../g)!, (byte) => Number.parseInt(byte, 16))),
    randomKey: () => new HmacSha256(globalThis.crypto.getRandomValues(new Uint8Array(32))),
  })
  return { kind: 'public-salt', keyedHash: shared }
}
