/**
 * The catalog as PostHog's data management shows it: one event definition per wire event and one property
 * definition per declared property, with descriptions, owners, tags and deprecation. PostHog creates a definition
 * when it first receives the event or property; a push fills in what the catalog knows about it.
 */
import type { Catalog, PropertySchema, WireEvent } from '@herald/core'

export interface EventDefinitionPlan {
  name: string
  description: string
  tags: string[]
  verified: boolean
}

export interface PropertyDefinitionPlan {
  name: string
  description: string
  property_type: 'String' | 'Numeric' | 'Boolean' | 'DateTime' | null
  tags: string[]
}

export interface DefinitionsPlan {
  events: EventDefinitionPlan[]
  properties: PropertyDefinitionPlan[]
}

/** Every definition Herald writes carries this tag, so they can be told apart from hand-made ones. */
export const HERALD_TAG = 'herald'

export function definitionsPlan(catalog: Pick<Catalog, 'wireEvents' | 'properties'>): DefinitionsPlan {
  const events = catalog.wireEvents.map(eventDefinition)
  const properties = new Map<string, PropertyDefinitionPlan>()
  for (const wire of catalog.wireEvents) {
    for (const [name, schema] of Object.entries(wire.properties)) {
      if (properties.has(name)) continue
      properties.set(name, propertyDefinition(name, catalog.properties[name] ?? schema))
    }
  }
  return { events, properties: [...properties.values()] }
}

function eventDefinition(wire: WireEvent): EventDefinitionPlan {
  const event = wire.event
  const parts: string[] = []
  if (event.description !== undefined) parts.push(event.description)
  if (wire.phase !== 'signal') parts.push(PHASE_TEXT[wire.phase](event.name))
  const deprecated = event.deprecated
  if (deprecated) {
    const since = deprecated.since !== undefined ? ` since ${deprecated.since}` : ''
    const use = deprecated.renamedTo !== undefined ? ` Use ${deprecated.renamedTo} instead.` : ''
    parts.push(`Deprecated${since}.${deprecated.reason !== undefined ? ` ${deprecated.reason}` : ''}${use}`)
  }
  const tags = [HERALD_TAG]
  if (event.category !== undefined) tags.push(event.category)
  if (event.owner !== undefined) tags.push(`owner:${event.owner}`)
  if (deprecated) tags.push('deprecated')
  return { name: wire.name, description: parts.join(' '), tags, verified: !deprecated }
}

const PHASE_TEXT = {
  start: (name: string) => `(Start of the span ${name}.)`,
  stop: (name: string) => `(End of the span ${name}, with duration_ms.)`,
  exception: (name: string) => `(The span ${name} failed; error_kind is the error's class name.)`,
} as const

function propertyDefinition(name: string, schema: PropertySchema): PropertyDefinitionPlan {
  const tags = [HERALD_TAG]
  if (schema.pii !== undefined && schema.pii !== 'none') tags.push(`pii:${schema.pii}`)
  if (schema.transform !== undefined) tags.push(schema.transform === 'hash' ? 'hashed' : 'dropped')
  return { name, description: schema.description ?? '', property_type: propertyType(schema), tags }
}

function propertyType(schema: PropertySchema): PropertyDefinitionPlan['property_type'] {
  if (schema.transform === 'hash') return 'String'
  if (schema.format === 'date-time' || schema.format === 'date') return 'DateTime'
  const types = schema.type === undefined ? inferred(schema) : Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type]
  if (types.length !== 1) return null
  switch (types[0]) {
    case 'string':
      return 'String'
    case 'number':
    case 'integer':
      return 'Numeric'
    case 'boolean':
      return 'Boolean'
    default:
      return null
  }
}

/** An enum or const without a type: the type of its values, when they share one. */
function inferred(schema: PropertySchema): string[] {
  const values = schema.enum ?? (schema.const !== undefined ? [schema.const] : [])
  const kinds = new Set(values.map((v) => (typeof v === 'number' ? 'number' : typeof v)))
  return kinds.size === 1 ? [...kinds] : []
}
