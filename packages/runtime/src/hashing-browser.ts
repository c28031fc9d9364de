/**
 * Hashing in the browser build: no Node API and, unless the app opts in, no hashing code. Hashed fields are
 * dropped with one warning; with `browserHashing: publicSaltHashing()` (`@herald/runtime/public-salt`) the
 * HMAC-SHA256 it carries hashes them.
 */
import { createHasherFor, type HasherOptions, type KeyedHash, type TelemetryHasher } from './hashing.js'

export const keyedHash: KeyedHash = (source, value, saltEnv) => {
  const opted = source.browserHashing
  if (typeof opted === 'object') return opted.keyedHash(source, value, saltEnv)
  source.warn(
    'hash-dropped-in-browser',
    // One message, also for the string "public-salt" that browserHashing used to take: one string less in every browser bundle.
    'Fields marked transform: hash are dropped in the browser: any salt shipped to a page is public, so a hash there would not protect the value. Send them from the server, or pass browserHashing: publicSaltHashing() (from @herald/runtime/public-salt; not the string "public-salt") with a salt to pseudonymize them anyway.',
  )
  return undefined
}

/** A hasher for the redaction output's `redact` and `redactJson`, outside the emit pipeline; the same hashing as emitters. */
export function createHasher(options: HasherOptions = {}): TelemetryHasher {
  return createHasherFor(keyedHash, options)
}
