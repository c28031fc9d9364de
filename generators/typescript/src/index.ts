export { generate, type TypeScriptOptions } from './generate.js'
export { compileEventValidator, compileValidator, type CompiledValidator, VALIDATED_FORMATS, ValidatorScope } from './validator-ast.js'
export { objectType, propertySignatures, schemaType } from './types-ast.js'
