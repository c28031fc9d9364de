export { type ConstantKind, type ConstantSyntax } from './constant-syntax.js'
export { Constants } from './constants.js'
export { MAX_KEYS, MAX_NAMES, MAX_NESTING, MAX_RESOLVE_DEPTH, SAME_VALUE_METHODS } from './limits.js'
