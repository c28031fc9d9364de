/**
 * Catalog property schemas as standard JSON Schema (draft 2020-12): Herald's annotations become `x-pii` and
 * `x-transform`, so any validator or code generator reads them without knowing Herald.
 */
import type { Catalog, PropertySchema, WireEvent } from '@herald/core'

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema'

export type JsonSchema = Record<string, unknown>

export function propertyJsonSchema(schema: PropertySchema): JsonSchema {
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || key === 'ref') continue
    if (key === 'pii' || key === 'transform') out[`x-${key}`] = value
    else if (key === 'items') out.items = propertyJsonSchema(value as PropertySchema)
    else if (key === 'properties') out.properties = objectMap(value as Record<string, PropertySchema>)
    else out[key] = value
  }
  return out
}

function objectMap(properties: Record<string, PropertySchema>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {}
  for (const [key, value] of Object.entries(properties)) out[key] = propertyJsonSchema(value)
  return out
}

/** The properties object of a wire event: closed (`additionalProperties: false`), as redaction treats it. */
export function wireEventSchema(catalog: Pick<Catalog, 'file'>, wire: WireEvent): JsonSchema {
  const event = wire.event
  const schema: JsonSchema = {
    $schema: DRAFT_2020_12,
    title: wire.name,
  }
  if (event.description !== undefined) schema.description = event.description
  if (event.deprecated !== undefined) schema.deprecated = true
  schema.type = 'object'
  schema.properties = objectMap(wire.properties)
  if (wire.required.length > 0) schema.required = [...wire.required]
  schema.additionalProperties = false
  schema['x-herald'] = {
    event: event.name,
    kind: event.kind,
    phase: wire.phase,
    level: event.level,
    ...(event.category !== undefined ? { category: event.category } : {}),
    ...(event.deprecated !== undefined ? { deprecated: event.deprecated } : {}),
  }
  return schema
}
