/** Bounds every extraction walk keeps, whichever front-end drives it; the parity test holds both to them. */

/** How far a chain of constants is followed; deeper chains (or cycles) count as unresolved. */
export const MAX_RESOLVE_DEPTH = 12
/** Most event names one name expression may resolve to (a union or a template over constants). */
export const MAX_NAMES = 32
/** Most keys read from one properties object (spreads included). */
export const MAX_KEYS = 500
/** How deep nested property objects are read. */
export const MAX_NESTING = 8
/** String methods that leave which event a name denotes unchanged: `name.toLowerCase()` is still `name`. */
export const SAME_VALUE_METHODS: ReadonlySet<string> = new Set([
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'normalize',
  'toString',
])
