/** What both builds export; `index.ts` (Node) and `browser.ts` add their own `keyedHash` and `createHasher`. */
export {
  BUILTIN_FORBIDDEN_KEYS,
  compileForbiddenKeys,
  isForbiddenKey,
  splitKeyWords,
  type ForbiddenKeyMatcher,
  type ValueType,
} from './forbidden-keys.js'
export { isTelemetryEnabled, isTruthyEnv } from './consent.js'
export type { EventLevel, IdentityKind, Sink, SinkContext, TelemetryEvent, WarnHandler } from './sink.js'
export { emitAlias, emitGroup, emitIdentify, type IdentifyTraits } from './identity.js'
export { eventGroups } from './groups.js'
export { descriptorOf, groupedSignalEmitter, groupedSpanEmitter, signalEmitter, spanEmitter } from './emitters.js'
export {
  createTelemetry,
  emitSignal,
  errorKind,
  runSpan,
  Telemetry,
  type SpanScope,
  type BrowserHashing,
  type FlushResult,
  type TelemetryOptions,
} from './telemetry.js'
export type {
  EventDescriptor,
  GroupKeyDescriptor,
  MembersSerializer,
  Redactor,
  SignalDescriptor,
  SpanDescriptor,
  TraitsDescriptor,
  Validator,
} from './descriptor.js'
export { isValidSalt, type HasherOptions, type KeyedHash, type SaltSource, type TelemetryHasher } from './hashing.js'
export type { PublicSaltHashing } from './public-salt.js'
export { memorySink, type MemorySink, type MemorySinkEvent } from './memory-sink.js'
export {
  isPlainJsonString,
  jsonBooleanMember,
  jsonMember,
  jsonNumber,
  jsonNumberMember,
  jsonString,
  jsonStringMember,
  serializeEvent,
  spanPhaseSerializer,
} from './serialize.js'
export {
  attachDefaultLogger,
  loggerSink,
  type AttachResult,
  type DefaultLoggerOptions,
  type StructuredLogger,
} from './default-logger.js'
export { looksLikeEmail, refusedDistinctId } from './distinct-id.js'
export { denyDeep, isRecord, isScalar, redactArray, scalarItem, setOwn, spanPhaseRedactor, type ItemRedactor } from './redaction-helpers.js'
export { codePointLength, hasUniqueItems, isDate, isDateTime, isEqual, isMultipleOf, isTime } from './validation-helpers.js'
