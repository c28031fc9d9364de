/**
 * Keyed hashing of `transform: hash` properties: HMAC-SHA256, keyed by a 32-byte salt written as 64 hex
 * characters (the `salt` option, or the env var the catalog names). Without a salt, dev gets an ephemeral
 * random one and a loud warning; production drops hashed fields rather than send them raw. In a browser
 * build, where any salt is public, hashed fields are dropped unless the app opts in with `publicSaltHashing()`.
 *
 * This file is the policy; `hashing-node.ts` (node:crypto) and `public-salt.ts` (the browser opt-in) supply the
 * HMAC and the random bytes, and `hashing-browser.ts` drops hashed fields unless given the opt-in. Generated redactors of events with hashed fields pass `keyedHash` to the
 * hasher they are given, so SHA-256 and the salt warnings are bundled only with the events that hash.
 */
import type { PublicSaltHashing } from './public-salt.js'
import type { WarnHandler } from './sink.js'
import { consoleWarn, OnceWarner } from './warnings.js'

/** Where the salt comes from, and (filled in by `keyedHash`) the keys resolved from it. */
export interface SaltSource {
  salt: string | undefined
  production: boolean
  vars: Record<string, string | undefined>
  warn(kind: string, message: string): void
  /** Browser builds only: `drop` (default) or `publicSaltHashing()`. */
  browserHashing?: 'drop' | PublicSaltHashing | undefined
  /** @internal Resolved keys by salt env var (null: no salt, drop), and the last one used. */
  keys?: Map<string, HashKey | null>
  lastEnv?: string
  lastKey?: HashKey | null
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

/** @internal One salt, ready to hash with. */
export interface HashKey {
  hex(text: string): string
}

/** @internal What a build supplies: keys from salt bytes and random salt bytes. */
export interface HashPlatform {
  /** A key from a valid salt (64 hex characters). */
  key(salt: string): HashKey
  /** A key from random bytes (the ephemeral dev salt). */
  randomKey(): HashKey
}

const SALT = /^[0-9a-fA-F]{64}$/

export function isValidSalt(salt: string | undefined): salt is string {
  return typeof salt === 'string' && SALT.test(salt)
}

/**
 * @internal The `keyedHash` of one build. It resolves the key once per salt env var, on the first hashed
 * field, so an app that hashes nothing needs no salt. Every value is hashed afresh: a cache of recent
 * results would keep raw personal values in memory.
 */
export function keyedHashFor(platform: HashPlatform): KeyedHash {
  return (source, value, saltEnv) => {
    let key: HashKey | null | undefined
    if (saltEnv === source.lastEnv) key = source.lastKey!
    else {
      const keys = (source.keys ??= new Map())
      key = keys.get(saltEnv)
      if (key === undefined) {
        key = resolve(platform, source, saltEnv)
        keys.set(saltEnv, key)
      }
      source.lastEnv = saltEnv
      source.lastKey = key
    }
    if (key === null) return undefined
    return key.hex(typeof value === 'string' ? value : String(JSON.stringify(value)))
  }
}

function resolve(platform: HashPlatform, source: SaltSource, saltEnv: string): HashKey | null {
  const { salt, production, vars, warn } = source
  const given = salt ?? vars[saltEnv]
  if (isValidSalt(given)) return platform.key(given)
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
  return platform.randomKey()
}

export interface HasherOptions {
  /** 64 hex characters; absent: the env var each hashed field's catalog names. */
  salt?: string | undefined
  /** In production a missing salt drops hashed fields; elsewhere an ephemeral salt is used, with a warning. Default: `NODE_ENV`. */
  env?: string | undefined
  envVars?: Record<string, string | undefined> | undefined
  onWarn?: WarnHandler | undefined
  /** Browser builds only; see `TelemetryOptions.browserHashing`. */
  browserHashing?: 'drop' | PublicSaltHashing | undefined
}

/** @internal `createHasher` of one build. */
export function createHasherFor(keyed: KeyedHash, options: HasherOptions): TelemetryHasher {
  const vars = options.envVars ?? (typeof process !== 'undefined' ? process.env : {})
  const warner = new OnceWarner(options.onWarn ?? consoleWarn)
  const source: SaltSource = {
    salt: options.salt,
    production: (options.env ?? vars.NODE_ENV) === 'production',
    vars,
    browserHashing: options.browserHashing,
    warn: (kind, message) => warner.warn(kind, message),
  }
  return { hash: (value, saltEnv) => keyed(source, value, saltEnv) }
}
