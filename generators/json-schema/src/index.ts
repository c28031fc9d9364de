export { generate, type JsonSchemaOptions } from './generate.js'
export { DRAFT_2020_12, type JsonSchema, propertyJsonSchema, wireEventSchema } from './json-schema.js'
