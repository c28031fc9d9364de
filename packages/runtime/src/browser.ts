/**
 * The browser build of `@herald/runtime` (the `browser` and `default` export conditions): the same API, no
 * Node import; fields marked `transform: hash` are dropped unless the app opts into `browserHashing`.
 */
export * from './universal.js'
export { createHasher, keyedHash } from './hashing-browser.js'
