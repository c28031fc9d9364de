/**
 * The redaction plan of an event: for every declared key at every depth, whether it is kept, hashed or
 * dropped, and which kinds of value it may carry. The deny list is applied here, at generate time: a
 * declared key that matches it (only booleans and numbers may) keeps booleans and numbers only.
 */
import type { Catalog, PropertySchema } from '@herald/core'

export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array'

export interface ValuePlan {
  action: 'keep' | 'hash' | 'drop'
  /** The kinds of value kept as they are (`keep`); objects and arrays are redacted in turn. */
  kinds: ReadonlySet<ValueKind>
  /** For `object`: the declared keys; every other key is dropped. */
  object?: ObjectPlan
  /** For `array`: the plan of each item (scalars only when the schema declares no items). */
  items?: ValuePlan
  /** The strings an `enum` or `const` allows, when the schema lists its values. */
  strings?: readonly string[]
}

export interface FieldPlan extends ValuePlan {
  key: string
  /** A version stamp (`stampVersions`): the redactor writes this string whatever the input holds. */
  stamp?: string
}

export interface ObjectPlan {
  fields: FieldPlan[]
}

const SCALARS: readonly ValueKind[] = ['string', 'number', 'boolean', 'null']
const SCALAR_ITEMS: ValuePlan = { action: 'keep', kinds: new Set(SCALARS) }

/** `stamps` (an emitter's top-level version stamps, by key) are written as constants; see `FieldPlan.stamp`. */
export function objectPlan(
  catalog: Pick<Catalog, 'isForbiddenKey'>,
  properties: Record<string, PropertySchema>,
  stamps: Readonly<Record<string, string>> = {},
): ObjectPlan {
  return {
    fields: Object.entries(properties).map(([key, schema]): FieldPlan => {
      if (Object.hasOwn(stamps, key)) return { key, action: 'keep', kinds: new Set(['string']), strings: [stamps[key]!], stamp: stamps[key]! }
      const plan = valuePlan(catalog, schema)
      if (plan.action === 'keep' && catalog.isForbiddenKey.match(key) !== undefined) {
        const kinds = new Set([...plan.kinds].filter((kind) => kind === 'boolean' || kind === 'number'))
        return { key, action: kinds.size === 0 ? 'drop' : 'keep', kinds }
      }
      return { key, ...plan }
    }),
  }
}

export function valuePlan(catalog: Pick<Catalog, 'isForbiddenKey'>, schema: PropertySchema): ValuePlan {
  if (schema.transform === 'drop') return { action: 'drop', kinds: new Set() }
  if (schema.transform === 'hash') return { action: 'hash', kinds: new Set() }
  const kinds = valueKinds(schema)
  const plan: ValuePlan = { action: 'keep', kinds }
  if (kinds.has('object')) plan.object = objectPlan(catalog, schema.properties ?? {})
  if (kinds.has('array')) plan.items = schema.items ? valuePlan(catalog, schema.items) : SCALAR_ITEMS
  const listed = schema.const !== undefined ? [schema.const] : schema.enum
  if (listed !== undefined && kinds.has('string')) plan.strings = listed.filter((value): value is string => typeof value === 'string')
  return plan
}

/** What a schema lets through; a schema that says nothing lets scalars through, and structures it declares. */
export function valueKinds(schema: PropertySchema): Set<ValueKind> {
  const kinds = new Set<ValueKind>()
  if (schema.const !== undefined) kinds.add(kindOf(schema.const))
  else if (schema.enum !== undefined) for (const value of schema.enum) kinds.add(kindOf(value))
  else if (schema.type !== undefined) {
    for (const type of Array.isArray(schema.type) ? schema.type : [schema.type]) kinds.add(type === 'integer' ? 'number' : type)
  } else {
    for (const kind of SCALARS) kinds.add(kind)
    if (schema.properties !== undefined) kinds.add('object')
    if (schema.items !== undefined) kinds.add('array')
  }
  return kinds
}

function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  const type = typeof value
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'object'
}

/** Paths (`["meta", "device"]`; `"[]"` for array items) of what is kept, hashed and dropped: the plan as data. */
export interface RedactionRules {
  allow: string[][]
  hash: string[][]
  drop: string[][]
}

export function redactionRules(plan: ObjectPlan): RedactionRules {
  const rules: RedactionRules = { allow: [], hash: [], drop: [] }
  const visit = (value: ValuePlan, path: string[]) => {
    if (value.action === 'drop') rules.drop.push(path)
    else if (value.action === 'hash') rules.hash.push(path)
    else {
      rules.allow.push(path)
      for (const field of value.object?.fields ?? []) visit(field, [...path, field.key])
      if (value.items?.object) for (const field of value.items.object.fields) visit(field, [...path, '[]', field.key])
    }
  }
  for (const field of plan.fields) visit(field, [field.key])
  return rules
}
