/**
 * Keyed hashing of `transform: hash` properties: HMAC-SHA256, keyed by a 32-byte salt written as 64 hex
 * characters (the `salt` option, or the env var the catalog names). Without a salt, dev gets an ephemeral
 * random one and a loud warning; production drops hashed fields rather than send them raw.
 *
 * Generated redactors of events with hashed fields pass `keyedHash` to the hasher they are given, so
 * SHA-256, node:crypto and the salt warnings are bundled only with the events that hash.
 */
import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto'
import { HmacSha256 } from './hmac-sha256.js'
import { consoleWarn, OnceWarner } from './warnings.js'
import type { WarnHandler } from './sink.js'

/** Where the salt comes from, and (filled in by `keyedHash`) the keys resolved from it. */
export interface SaltSource {
  salt: string | undefined
  production: boolean
  vars: Record<string, string | undefined>
  warn(kind: string, message: string): void
  /** @internal Resolved keys by salt env var (null: no salt, drop), and the last one used. */
  keys?: Map<string, Key | null>
  lastEnv?: string
  lastKey?: Key | null
}

/** The hex HMAC of a value under the salt `saltEnv` resolves to, or undefined to drop the field. */
export type KeyedHash = (source: SaltSource, value: unknown, saltEnv: string) => string | undefined

/**
 * What generated redactors call for a hashed field: the hex HMAC, or undefined to drop the field. Generated
 * code passes `keyedHash` as `keyed`; a hasher of your own may ignore it.
 */
export interface TelemetryHasher {
  hash(value: unknown, saltEnv: string, keyed?: KeyedHash): string | undefined
}

const SALT = /^[0-9a-fA-F]{64}$/

export function isValidSalt(salt: string | undefined): salt is string {
  return typeof salt === 'string' && SALT.test(salt)
}

/** A salt as node:crypto's key and, where it agrees with node:crypto, as a `HmacSha256` for short values. */
interface Key {
  long: KeyObject
  short: HmacSha256 | null
}

function nodeHmac(key: KeyObject, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex')
}

function keyOf(bytes: Buffer): Key {
  const long = createSecretKey(bytes)
  const short = new HmacSha256(bytes)
  // One value hashed both ways before the key is used: HmacSha256 is only trusted where it agrees.
  const probe = 'herald ✓ 😀'
  return { long, short: short.hex(probe) === nodeHmac(long, probe) ? short : null }
}

/**
 * Resolves the key once per salt env var, on the first hashed field, so an app that hashes nothing needs no
 * salt. Every value is hashed afresh: a cache of recent results would keep raw personal values in memory.
 */
export const keyedHash: KeyedHash = (source, value, saltEnv) => {
  let key: Key | null | undefined
  if (saltEnv === source.lastEnv) key = source.lastKey!
  else {
    const keys = (source.keys ??= new Map())
    key = keys.get(saltEnv)
    if (key === undefined) {
      key = resolve(source, saltEnv)
      keys.set(saltEnv, key)
    }
    source.lastEnv = saltEnv
    source.lastKey = key
  }
  if (key === null) return undefined
  const text = typeof value === 'string' ? value : String(JSON.stringify(value))
  return key.short?.hex(text) ?? nodeHmac(key.long, text)
}

function resolve(source: SaltSource, saltEnv: string): Key | null {
  const { salt, production, vars, warn } = source
  const given = salt ?? vars[saltEnv]
  if (isValidSalt(given)) return keyOf(Buffer.from(given, 'hex'))
  const where = salt !== undefined ? 'The salt option' : `The ${saltEnv} environment variable`
  if (given !== undefined && given !== '') {
    warn('invalid-salt', `${where} is not 64 hex characters (32 bytes); Herald ignores it. Generate one with: openssl rand -hex 32`)
  }
  if (production) {
    warn('missing-salt', `No hashing salt: set ${saltEnv} to 64 hex characters. Until then, fields marked transform: hash are dropped, never sent raw.`)
    return null
  }
  warn(
    'ephemeral-salt',
    `!!! NO HASHING SALT: using an ephemeral random salt for this process. Hashed values will not match across restarts or machines. Set ${saltEnv} (64 hex characters, e.g. openssl rand -hex 32) before production. !!!`,
  )
  return keyOf(randomBytes(32))
}

export interface HasherOptions {
  /** 64 hex characters; absent: the env var each hashed field's catalog names. */
  salt?: string
  /** In production a missing salt drops hashed fields; elsewhere an ephemeral salt is used, with a warning. Default: `NODE_ENV`. */
  env?: string
  envVars?: Record<string, string | undefined>
  onWarn?: WarnHandler
}

/** A hasher for the redaction output's `redact` and `redactJson`, outside the emit pipeline; the same hashing as emitters. */
export function createHasher(options: HasherOptions = {}): TelemetryHasher {
  const vars = options.envVars ?? process.env
  const warner = new OnceWarner(options.onWarn ?? consoleWarn)
  const source: SaltSource = { salt: options.salt, production: (options.env ?? vars.NODE_ENV) === 'production', vars, warn: (kind, message) => warner.warn(kind, message) }
  return { hash: (value, saltEnv) => keyedHash(source, value, saltEnv) }
}
