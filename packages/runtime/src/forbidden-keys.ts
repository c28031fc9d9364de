/**
 * The one rule that decides whether a property key may carry a secret or PII.
 * Catalog validation, the call-site checker and the runtime redaction all call it.
 *
 * A key is split into lower-case words (camelCase, snake_case, kebab-case, spaces, dots).
 * It is forbidden when its trailing words equal a forbidden entry's words:
 * `userPassword`, `accessToken`, `x-api-key` and `API_KEY` match; `api_key_id`,
 * `email_domain` and `token_count` do not. A boolean or number value carries no secret.
 * A key named as a flag — its first word one of `FLAG_WORDS`, followed by the forbidden words — names a
 * fact about the thing, not the thing: `hasApiKey`, `requireGuestEmail` and `is_email` are not forbidden,
 * whatever their value (an entry that itself starts with the flag word, `is_admin`, still matches `isAdmin`).
 */

/** Keys that are never allowed, whatever the catalog says. Catalogs extend this list. */
export const BUILTIN_FORBIDDEN_KEYS: readonly string[] = Object.freeze([
  'password',
  'passwd',
  'password_hash',
  'secret',
  'token',
  'authorization',
  'cookie',
  'api_key',
  'totp',
  'totp_code',
  'otp',
  'otp_code',
  'backup_code',
  'private_key',
  'session_id',
  'card_number',
  'email',
])

/** First words that make a key a flag about what follows (`hasApiKey`, `requireGuestEmail`). */
export const FLAG_WORDS: readonly string[] = Object.freeze(['is', 'has', 'should', 'require', 'enable', 'allow', 'can'])
const FLAG_WORD_SET: ReadonlySet<string> = new Set(FLAG_WORDS)

/** The JSON type of a value where it is known; `boolean` and `number` values are never secrets. */
export type ValueType = 'boolean' | 'number' | 'integer' | 'string' | 'object' | 'array' | 'null' | 'unknown'

// Unicode-aware, so `ÜberEvent` keeps its Ü (an identifier may hold any letter).
const WORD_BOUNDARY = /[^\p{L}\p{N}]+/u
const LOWER_UPPER = /([\p{Ll}\p{N}])(\p{Lu})/gu
const ACRONYM_WORD = /(\p{Lu}+)(\p{Lu}\p{Ll})/gu

/** Splits `userAPIKey`, `user_api_key`, `User-Api-Key` alike into `["user", "api", "key"]`. */
export function splitKeyWords(key: string): string[] {
  const spaced = key.replace(ACRONYM_WORD, '$1 $2').replace(LOWER_UPPER, '$1 $2')
  const words: string[] = []
  for (const part of spaced.split(WORD_BOUNDARY)) {
    if (part !== '') words.push(part.toLowerCase())
  }
  return words
}

/** A forbidden-key matcher compiled from a list; it memoizes answers per key. */
export interface ForbiddenKeyMatcher {
  (key: string, valueType?: ValueType): boolean
  /** The forbidden entry a key matches (as written in the list), or undefined. */
  match(key: string): string | undefined
  readonly entries: readonly string[]
}

/** Compiles a deny list once; use it on hot paths (runtime redaction, linting whole repos). */
export function compileForbiddenKeys(list: readonly string[] = BUILTIN_FORBIDDEN_KEYS): ForbiddenKeyMatcher {
  const entries = [...new Set(list)]
  const byLastWord = new Map<string, Array<{ entry: string; words: string[] }>>()
  for (const entry of entries) {
    const words = splitKeyWords(entry)
    const last = words[words.length - 1]
    if (last === undefined) continue
    let bucket = byLastWord.get(last)
    if (!bucket) byLastWord.set(last, (bucket = []))
    bucket.push({ entry, words })
  }
  // The most specific entry wins: `client_secret` before `secret`, so messages name what the catalog said.
  for (const bucket of byLastWord.values()) bucket.sort((a, b) => b.words.length - a.words.length)
  const cache = new Map<string, string | null>()

  const match = (key: string): string | undefined => {
    const cached = cache.get(key)
    if (cached !== undefined) return cached ?? undefined
    let found: string | null = null
    const words = splitKeyWords(key)
    const bucket = words.length > 0 ? byLastWord.get(words[words.length - 1]!) : undefined
    if (bucket) {
      for (const candidate of bucket) {
        if (endsWithWords(words, candidate.words) && !isFlagAbout(words, candidate.words)) {
          found = candidate.entry
          break
        }
      }
    }
    if (cache.size > 10_000) cache.clear()
    cache.set(key, found)
    return found ?? undefined
  }

  const matcher = ((key: string, valueType?: ValueType) => {
    if (valueType === 'boolean' || valueType === 'number' || valueType === 'integer') return false
    return match(key) !== undefined
  }) as ForbiddenKeyMatcher
  Object.defineProperty(matcher, 'match', { value: match })
  Object.defineProperty(matcher, 'entries', { value: entries })
  return matcher
}

/** Whether `words` are a flag word followed by `matched` (the entry's words, at the end of the key). */
function isFlagAbout(words: readonly string[], matched: readonly string[]): boolean {
  return words.length > matched.length && FLAG_WORD_SET.has(words[0]!)
}

function endsWithWords(words: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length > words.length) return false
  const offset = words.length - suffix.length
  for (let i = 0; i < suffix.length; i++) {
    if (words[offset + i] !== suffix[i]) return false
  }
  return true
}

const compiled = new WeakMap<readonly string[], ForbiddenKeyMatcher>()

/**
 * Whether `key` is forbidden by `list` (default: the built-in list).
 * Pass the value's type where it is known: booleans and numbers are never forbidden.
 */
export function isForbiddenKey(key: string, list: readonly string[] = BUILTIN_FORBIDDEN_KEYS, valueType?: ValueType): boolean {
  let matcher = compiled.get(list)
  if (!matcher) compiled.set(list, (matcher = compileForbiddenKeys(list)))
  return matcher(key, valueType)
}
