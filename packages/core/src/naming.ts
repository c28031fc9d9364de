/** Event naming: styles, normalization (for suggestions) and the identifiers generated code uses. */
import { splitKeyWords } from '@herald/runtime'

export type NamingStyle = 'dot.snake_case' | 'snake_case' | 'resource:action'

export interface NamingPolicy {
  style: NamingStyle
  /** The custom pattern as written in the catalog, when there is one. */
  pattern?: string
  /** What a name must match: the custom pattern, anchored, or the style's. */
  test(name: string): boolean
  /** A short description for messages: "dot-separated snake_case segments (auth.login)". */
  describe: string
}

const SNAKE = '[a-z][a-z0-9]*(?:_[a-z0-9]+)*'
const STYLE_PATTERNS: Record<NamingStyle, RegExp> = {
  'dot.snake_case': new RegExp(`^${SNAKE}(?:\\.${SNAKE})*$`),
  snake_case: new RegExp(`^${SNAKE}$`),
  'resource:action': new RegExp(`^${SNAKE}:${SNAKE}$`),
}
const STYLE_DESCRIPTIONS: Record<NamingStyle, string> = {
  'dot.snake_case': 'lower-case snake_case segments separated by dots, like `auth.login`',
  snake_case: 'one lower-case snake_case name, like `user_signed_up`',
  'resource:action': 'two lower-case snake_case parts around a colon, like `user:signed_up`',
}

export const NAMING_STYLES = Object.keys(STYLE_PATTERNS) as NamingStyle[]
export const DEFAULT_NAMING: NamingPolicy = namingPolicy('dot.snake_case')

/** Throws a SyntaxError when `pattern` is not a valid regular expression. */
export function namingPolicy(style: NamingStyle = 'dot.snake_case', pattern?: string): NamingPolicy {
  if (pattern !== undefined) {
    const regex = new RegExp(`^(?:${pattern})$`, 'u')
    return {
      style,
      pattern,
      test: (name) => !/\s/.test(name) && regex.test(name),
      describe: `names matching the catalog's pattern /${pattern}/`,
    }
  }
  const regex = STYLE_PATTERNS[style]
  return { style, test: (name) => regex.test(name), describe: STYLE_DESCRIPTIONS[style] }
}

/**
 * The name written in `style`: `"User Signed Up"` → `user_signed_up`, `"Auth.Login"` → `auth.login`.
 * Used for suggestions and for grouping names that mean the same event.
 */
export function normalizeEventName(name: string, style: NamingStyle = 'dot.snake_case'): string {
  const segments = name
    .split(/[.:/]+/)
    .map((segment) => splitKeyWords(segment).join('_'))
    .filter((segment) => segment !== '')
  if (style === 'snake_case') return segments.join('_')
  if (style === 'dot.snake_case') return segments.join('.')
  if (segments.length >= 2) return `${segments[0]}:${segments.slice(1).join('_')}`
  const words = (segments[0] ?? '').split('_')
  return words.length > 1 ? `${words[0]}:${words.slice(1).join('_')}` : (words[0] ?? '')
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval undefined ' +
    // Not a keyword, but a module that exports `then` is a thenable: `await import()` of it calls the emitter
    // with resolve and reject, and never settles.
    'then'
  ).split(' '),
)

/**
 * Letters and digits an identifier may hold in every engine and TypeScript version Herald supports: ASCII, and
 * scripts whose letters Unicode settled long ago (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari,
 * kana, CJK ideographs, Hangul). A letter added in a recent Unicode version is an identifier character to a recent
 * Node but not to TypeScript's tables or an older engine, so it separates words instead, as punctuation does.
 */
const UNSTABLE_IDENTIFIER_CHARACTER = /(?![\u0000-\u086f\u0900-\u0977\u3041-\u30ff\u4e00-\u9fa5\uac00-\ud7a3])[^]|\P{ID_Continue}/gu

/**
 * The camelCase identifier generated code uses for an event: `auth.login` → `authLogin`.
 * Two names with the same identifier cannot both be generated, so the loader reports them.
 */
export function eventIdentifier(name: string): string {
  const words = splitKeyWords(name.normalize('NFC').replace(UNSTABLE_IDENTIFIER_CHARACTER, ' '))
  let identifier = words.map((word, i) => (i === 0 ? word : word[0]!.toUpperCase() + word.slice(1))).join('')
  if (identifier === '') identifier = 'event'
  if (!/^\p{ID_Start}/u.test(identifier)) identifier = `event${identifier[0]!.toUpperCase()}${identifier.slice(1)}`
  if (RESERVED.has(identifier)) identifier = `${identifier}Event`
  return identifier
}

/**
 * Event names the analytics SDKs send on their own (PostHog's `$pageview`, `$identify`, `$set`,
 * `$groupidentify`, `$autocapture`, `$screen`, `$pageleave`, `$exception` and others): the catalog may declare
 * them to document their properties, but never renames them, and no naming style applies to them.
 */
export const SDK_EVENT_NAMES: readonly string[] = [
  '$pageview',
  '$pageleave',
  '$identify',
  '$create_alias',
  '$set',
  '$groupidentify',
  '$autocapture',
  '$rageclick',
  '$screen',
  '$exception',
  '$feature_flag_called',
  '$web_vitals',
  '$opt_in',
]

/**
 * Whether `name` is an SDK's event: `$` and a word, the prefix PostHog reserves for the events it names
 * (the list above and any it adds later). Every tool asks this one predicate, so none renames or reports them.
 */
export function isSdkEventName(name: string): boolean {
  return /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(name)
}
