export {
  BUILTIN_FORBIDDEN_KEYS,
  compileForbiddenKeys,
  isForbiddenKey,
  splitKeyWords,
  type ForbiddenKeyMatcher,
  type ValueType,
} from './forbidden-keys.js'
export { isTelemetryEnabled, isTruthyEnv } from './consent.js'
export type { Sink, TelemetryEvent, WarnHandler } from './sink.js'
