/**
 * Hashing in Node: node:crypto for keys, random salts and values too long for `HmacSha256`; `HmacSha256`
 * for the short values telemetry hashes, once a probe value agrees with node:crypto.
 */
import { createHmac, createSecretKey, randomBytes } from 'node:crypto'
import { createHasherFor, keyedHashFor, type HashKey, type HasherOptions, type KeyedHash, type TelemetryHasher } from './hashing.js'
import { HmacSha256, MAX_HMAC_VALUE_LENGTH } from './hmac-sha256.js'

function key(bytes: Buffer): HashKey {
  const long = createSecretKey(bytes)
  const nodeHex = (text: string) => createHmac('sha256', long).update(text).digest('hex')
  const short = new HmacSha256(bytes)
  // One value hashed both ways before the key is used: HmacSha256 is only trusted where it agrees.
  const probe = 'herald ✓ 😀'
  if (short.hex(probe) !== nodeHex(probe)) return { hex: nodeHex }
  return { hex: (text) => (text.length > MAX_HMAC_VALUE_LENGTH ? nodeHex(text) : short.hex(text)) }
}

export const keyedHash: KeyedHash = keyedHashFor({ key: (salt) => key(Buffer.from(salt, 'hex')), randomKey: () => key(randomBytes(32)) })

/** A hasher for the redaction output's `redact` and `redactJson`, outside the emit pipeline; the same hashing as emitters. */
export function createHasher(options: HasherOptions = {}): TelemetryHasher {
  return createHasherFor(keyedHash, options)
}
