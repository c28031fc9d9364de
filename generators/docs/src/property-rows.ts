/**
 * An event's properties as table rows for a reader: nested object properties are flattened to
 * `parent.child` (and `list[].child` for arrays of objects), each with its type in words.
 */
import type { PropertySchema } from '@herald/core'

export interface PropertyRow {
  /** `user_id`, `geo.country`, `devices[].kind`. */
  path: string
  schema: PropertySchema
  required: boolean
}

export function propertyRows(properties: Record<string, PropertySchema>, required: readonly string[], prefix = ''): PropertyRow[] {
  const rows: PropertyRow[] = []
  for (const [name, schema] of Object.entries(properties)) {
    const path = `${prefix}${name}`
    rows.push({ path, schema, required: required.includes(name) })
    if (schema.properties) rows.push(...propertyRows(schema.properties, schema.required ?? [], `${path}.`))
    if (schema.items?.properties) rows.push(...propertyRows(schema.items.properties, schema.items.required ?? [], `${path}[].`))
  }
  return rows
}

/** `string (ipv4)`, `integer ≥ 0`, `one of "password", "sso"`, `array of string`. */
export function describeType(schema: PropertySchema): string {
  if (schema.const !== undefined) return `always ${JSON.stringify(schema.const)}`
  if (schema.enum) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  const words = types.length === 0 ? ['any'] : types.map((type) => (type === 'array' ? arrayType(schema) : type))
  const constraints = [
    schema.format !== undefined ? schema.format : undefined,
    schema.pattern !== undefined ? `matching ${schema.pattern}` : undefined,
    lengthRange(schema.minLength, schema.maxLength, 'characters'),
    numberRange(schema),
    schema.multipleOf !== undefined ? `multiple of ${schema.multipleOf}` : undefined,
  ].filter((part) => part !== undefined)
  const base = words.join(' or ')
  return constraints.length > 0 ? `${base} (${constraints.join(', ')})` : base
}

function arrayType(schema: PropertySchema): string {
  const items = schema.items ? describeType(schema.items) : 'any'
  const count = lengthRange(schema.minItems, schema.maxItems, 'items')
  const unique = schema.uniqueItems ? 'unique' : undefined
  const notes = [count, unique].filter((part) => part !== undefined)
  return `array of ${items}${notes.length > 0 ? ` [${notes.join(', ')}]` : ''}`
}

function lengthRange(min: number | undefined, max: number | undefined, unit: string): string | undefined {
  if (min !== undefined && max !== undefined) return min === max ? `${min} ${unit}` : `${min}–${max} ${unit}`
  if (min !== undefined) return `at least ${min} ${unit}`
  if (max !== undefined) return `at most ${max} ${unit}`
  return undefined
}

function numberRange(schema: PropertySchema): string | undefined {
  const bounds = [
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : undefined,
    schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : undefined,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : undefined,
    schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : undefined,
  ].filter((part) => part !== undefined)
  return bounds.length > 0 ? bounds.join(', ') : undefined
}
