export { DESCRIPTORS_EXPORT, generate, type RedactionOptions } from './generate.js'
export {
  objectPlan,
  redactionRules,
  type FieldPlan,
  type ObjectPlan,
  type RedactionRules,
  type ValueKind,
  type ValuePlan,
  valueKinds,
  valuePlan,
} from './redaction-plan.js'
export { compileRedactor, type RedactorFunctions, RUNTIME_HELPERS } from './redactor-source.js'
export {
  compileSerializer,
  JSON_BOOLEAN_MEMBER,
  JSON_MEMBER,
  JSON_NUMBER_MEMBER,
  JSON_STRING_MEMBER,
  SERIALIZER_HELPERS,
  serializationOrder,
} from './serializer-source.js'
export * as tsSource from './ts-source.js'
export type { Code } from './ts-source.js'
export { UniqueNames } from './unique-names.js'
