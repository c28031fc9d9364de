/**
 * The generate row's baseline input: the catalog's events as one plain JSON Schema for
 * json-schema-to-typescript (the "same events"), with Herald's own annotations removed and refs moved to `$defs`.
 */
import type { CatalogDocument, JsonSchema } from './make-catalog.js'

const HERALD_KEYWORDS = new Set(['pii', 'transform'])

function plain(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(plain)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (HERALD_KEYWORDS.has(key)) continue
    out[key] =
      key === '$ref' && typeof value === 'string' ? value.replace('#/properties/', '#/$defs/') : key === 'enum' || key === 'required' ? value : plain(value)
  }
  return out
}

const typeName = (event: string) =>
  event
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')

export function eventsSchema(catalog: CatalogDocument): JsonSchema {
  const properties: Record<string, unknown> = {}
  for (const [name, event] of Object.entries(catalog.events)) {
    properties[name] = {
      title: `${typeName(name)}Properties`,
      description: event.description,
      type: 'object',
      properties: plain(event.properties),
      required: event.required,
      additionalProperties: false,
    }
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'CatalogEvents',
    type: 'object',
    properties,
    additionalProperties: false,
    $defs: plain(catalog.properties),
  }
}
