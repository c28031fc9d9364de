/** The Node build of `@herald/runtime` (the `node` export condition): hashing with node:crypto. */
export * from './universal.js'
export { createHasher, keyedHash } from './hashing-node.js'
