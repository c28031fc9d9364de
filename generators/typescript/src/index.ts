export { generate, type TypeScriptOptions } from './generate.js'
export { compileEventValidator, compileValidator, type CompiledValidator, pointerToken, VALIDATED_FORMATS, ValidatorScope } from './validator-source.js'
export { objectType, propertySignatures, schemaType } from './types-source.js'
