export {
  BUILTIN_FORBIDDEN_KEYS,
  compileForbiddenKeys,
  isForbiddenKey,
  splitKeyWords,
  type ForbiddenKeyMatcher,
  type ValueType,
} from './forbidden-keys.js'
