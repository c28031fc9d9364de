/**
 * Keyed hashing of `transform: hash` properties: HMAC-SHA256, keyed by a 32-byte salt written as 64 hex
 * characters (the `salt` option, or the env var the catalog names). Without a salt, dev gets an ephemeral
 * random one and a loud warning; production drops hashed fields rather than send them raw.
 */
import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto'

/** What generated redactors call for a hashed field: the hex HMAC, or undefined to drop the field. */
export interface TelemetryHasher {
  hash(value: unknown, saltEnv: string): string | undefined
}

const SALT = /^[0-9a-fA-F]{64}$/

export function isValidSalt(salt: string | undefined): salt is string {
  return typeof salt === 'string' && SALT.test(salt)
}

export interface SaltSource {
  salt: string | undefined
  production: boolean
  vars: Record<string, string | undefined>
  warn(kind: string, message: string): void
}

/**
 * Resolves the key once per salt env var, on the first hashed field, so an app that hashes nothing needs no
 * salt. Every value is hashed afresh: a cache of recent results would keep raw personal values in memory.
 */
export class KeyedHasher implements TelemetryHasher {
  private lastEnv: string | undefined
  private lastKey: KeyObject | null = null
  private readonly keys = new Map<string, KeyObject | null>()

  constructor(private readonly source: SaltSource) {}

  hash(value: unknown, saltEnv: string): string | undefined {
    const key = saltEnv === this.lastEnv ? this.lastKey : this.keyFor(saltEnv)
    if (key === null) return undefined
    return createHmac('sha256', key)
      .update(typeof value === 'string' ? value : String(JSON.stringify(value)))
      .digest('hex')
  }

  private keyFor(saltEnv: string): KeyObject | null {
    let key = this.keys.get(saltEnv)
    if (key === undefined) {
      key = this.resolve(saltEnv)
      this.keys.set(saltEnv, key)
    }
    this.lastEnv = saltEnv
    this.lastKey = key
    return key
  }

  private resolve(saltEnv: string): KeyObject | null {
    const { salt, production, vars, warn } = this.source
    const given = salt ?? vars[saltEnv]
    if (isValidSalt(given)) return createSecretKey(Buffer.from(given, 'hex'))
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
    return createSecretKey(randomBytes(32))
  }
}
