/** Property-by-property comparison of two resolved property schemas (recursing into objects and arrays). */
import type { JsonType, PiiLevel, PropertySchema } from '../catalog.js'
import type { PathSegment } from '../source-document.js'
import type { ChangeId, ChangeKind } from './catalog-change.js'

/** A change before it is placed in a file: the comparer adds the location and the event. */
export interface PropertyChange {
  id: ChangeId
  kind: ChangeKind
  message: string
  side: 'base' | 'head'
  /** Relative to the property's own path. */
  subpath: PathSegment[]
  property: string
}

const PII_ORDER: readonly PiiLevel[] = ['none', 'pseudonymous', 'personal', 'sensitive']
const ALL_TYPES: readonly JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']

type Bound = 'minLength' | 'minimum' | 'exclusiveMinimum' | 'minItems'
type Ceiling = 'maxLength' | 'maximum' | 'exclusiveMaximum' | 'maxItems'
const LOWER_BOUNDS: readonly Bound[] = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems']
const UPPER_BOUNDS: readonly Ceiling[] = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems']
const DOC_KEYS = ['title', 'description', 'examples', 'default'] as const

export function compareProperty(name: string, base: PropertySchema, head: PropertySchema, out: PropertyChange[]): void {
  const add = (id: ChangeId, kind: ChangeKind, message: string, subpath: PathSegment[] = [], side: 'base' | 'head' = 'head') =>
    out.push({ id, kind, message, side, subpath, property: name })
  const label = `"${name}"`

  const baseTypes = typeSet(base)
  const headTypes = typeSet(head)
  if (!sameSet(baseTypes, headTypes)) {
    const narrowed = [...headTypes].every((t) => accepts(baseTypes, t))
    const widened = [...baseTypes].every((t) => accepts(headTypes, t))
    const from = describeTypes(baseTypes)
    const to = describeTypes(headTypes)
    if (widened && !narrowed) add('type-widened', 'additive', `The property ${label} now accepts ${to} (was ${from}).`, ['type'])
    else if (narrowed && !widened) add('type-narrowed', 'breaking', `The property ${label} was narrowed from ${from} to ${to}.`, ['type'])
    else add('type-changed', 'breaking', `The property ${label} changed type from ${from} to ${to}.`, ['type'])
  }

  if (!Object.is(base.const, head.const) && JSON.stringify(base.const) !== JSON.stringify(head.const)) {
    if (head.const === undefined) add('constraint-loosened', 'additive', `The property ${label} is no longer fixed to ${JSON.stringify(base.const)}.`)
    else
      add(
        'constraint-tightened',
        'breaking',
        `The property ${label} is now fixed to ${JSON.stringify(head.const)}${base.const === undefined ? '' : ` (was ${JSON.stringify(base.const)})`}.`,
        ['const'],
      )
  }

  if (base.enum !== undefined || head.enum !== undefined) {
    if (head.enum === undefined) add('constraint-loosened', 'additive', `The property ${label} no longer limits its values to an enum.`)
    else if (base.enum === undefined)
      add('constraint-tightened', 'breaking', `The property ${label} is now limited to ${head.enum.map((v) => JSON.stringify(v)).join(', ')}.`, ['enum'])
    else {
      const headValues = new Set(head.enum.map((v) => JSON.stringify(v)))
      const baseValues = new Set(base.enum.map((v) => JSON.stringify(v)))
      const removed = [...baseValues].filter((v) => !headValues.has(v))
      const added = [...headValues].filter((v) => !baseValues.has(v))
      if (removed.length > 0) add('enum-value-removed', 'breaking', `The property ${label} no longer allows ${removed.join(', ')}.`, ['enum'])
      if (added.length > 0) add('enum-value-added', 'additive', `The property ${label} now also allows ${added.join(', ')}.`, ['enum'])
    }
  }

  for (const key of LOWER_BOUNDS) compareBound(key, base[key], head[key], 'lower')
  for (const key of UPPER_BOUNDS) compareBound(key, base[key], head[key], 'upper')
  for (const key of ['pattern', 'format', 'multipleOf'] as const) {
    if (base[key] === head[key]) continue
    if (head[key] === undefined) add('constraint-loosened', 'additive', `The property ${label} dropped its ${key} ${JSON.stringify(base[key])}.`)
    else
      add(
        'constraint-tightened',
        'breaking',
        `The property ${label} has the ${key} ${JSON.stringify(head[key])}${base[key] === undefined ? '' : ` (was ${JSON.stringify(base[key])})`}.`,
        [key],
      )
  }
  if (base.uniqueItems !== head.uniqueItems) {
    if (head.uniqueItems === true) add('constraint-tightened', 'breaking', `The property ${label} now requires unique items.`, ['uniqueItems'])
    else add('constraint-loosened', 'additive', `The property ${label} no longer requires unique items.`)
  }
  if ((base.additionalProperties ?? true) !== (head.additionalProperties ?? true)) {
    if (head.additionalProperties === false)
      add('constraint-tightened', 'breaking', `The property ${label} no longer allows undeclared keys.`, ['additionalProperties'])
    else add('constraint-loosened', 'additive', `The property ${label} now allows undeclared keys.`)
  }

  // Privacy: a lower level or a weaker transform lets more of the value out.
  const basePii = PII_ORDER.indexOf(base.pii ?? 'none')
  const headPii = PII_ORDER.indexOf(head.pii ?? 'none')
  if (headPii < basePii) add('pii-lowered', 'privacy', `The property ${label} was lowered from pii "${base.pii}" to "${head.pii ?? 'none'}".`, ['pii'])
  else if (headPii > basePii) add('pii-raised', 'additive', `The property ${label} was raised from pii "${base.pii ?? 'none'}" to "${head.pii}".`, ['pii'])
  if (base.transform !== head.transform) {
    if (head.transform === undefined)
      add('transform-removed', 'privacy', `The property ${label} is no longer transformed (was "${base.transform}"): it is sent as is.`)
    else if (base.transform === 'drop' && head.transform === 'hash')
      add('transform-weakened', 'privacy', `The property ${label} is now hashed and sent (it was dropped).`, ['transform'])
    else
      add(
        'transform-added',
        'additive',
        `The property ${label} is now transformed with "${head.transform}"${base.transform ? ` (was "${base.transform}")` : ''}.`,
        ['transform'],
      )
  }

  if (base.deprecated !== true && head.deprecated === true) add('property-deprecated', 'docs', `The property ${label} is deprecated.`, ['deprecated'])
  for (const key of DOC_KEYS) {
    if (JSON.stringify(base[key]) !== JSON.stringify(head[key]))
      add('property-docs-changed', 'docs', `The property ${label} has a new ${key}.`, head[key] === undefined ? [] : [key])
  }

  if (base.items !== undefined && head.items !== undefined) {
    const nested: PropertyChange[] = []
    compareProperty(`${name}[]`, base.items, head.items, nested)
    for (const change of nested) out.push({ ...change, subpath: ['items', ...change.subpath] })
  } else if (base.items !== undefined || head.items !== undefined) {
    if (head.items === undefined) add('constraint-loosened', 'additive', `The property ${label} no longer describes its items.`)
    else add('constraint-tightened', 'breaking', `The property ${label} now describes its items.`, ['items'])
  }
  if (base.properties !== undefined || head.properties !== undefined) {
    compareMembers(name, base.properties ?? {}, base.required ?? [], head.properties ?? {}, head.required ?? [], out, (key) => ['properties', key])
  }

  function compareBound(key: Bound | Ceiling, before: number | undefined, after: number | undefined, side: 'lower' | 'upper'): void {
    if (before === after) return
    const tighter = after !== undefined && (before === undefined || (side === 'lower' ? after > before : after < before))
    if (tighter)
      add('constraint-tightened', 'breaking', `The property ${label} has the ${key} ${after}${before === undefined ? '' : ` (was ${before})`}.`, [key])
    else
      add(
        'constraint-loosened',
        'additive',
        after === undefined ? `The property ${label} dropped its ${key} ${before}.` : `The property ${label} has the ${key} ${after} (was ${before}).`,
        after === undefined ? [] : [key],
      )
  }
}

/**
 * The members of an event's or an object's properties: added, removed, newly required or optional, and each
 * member present in both compared in depth. `pathOf` gives a member's path relative to the owner.
 */
export function compareMembers(
  owner: string | undefined,
  base: Record<string, PropertySchema>,
  baseRequired: readonly string[],
  head: Record<string, PropertySchema>,
  headRequired: readonly string[],
  out: PropertyChange[],
  pathOf: (key: string) => PathSegment[],
): void {
  const wasRequired = new Set(baseRequired)
  const isRequired = new Set(headRequired)
  for (const key of Object.keys(base)) {
    const name = owner === undefined ? key : `${owner}.${key}`
    const after = head[key]
    if (after === undefined) {
      const deprecated = base[key]!.deprecated === true
      out.push(
        deprecated
          ? {
              id: 'property-removed-after-deprecation',
              kind: 'additive',
              message: `The deprecated property "${name}" was removed.`,
              side: 'base',
              subpath: pathOf(key),
              property: name,
            }
          : {
              id: 'property-removed',
              kind: 'breaking',
              message: `The property "${name}" was removed without being deprecated first.`,
              side: 'base',
              subpath: pathOf(key),
              property: name,
            },
      )
      continue
    }
    const nested: PropertyChange[] = []
    compareProperty(name, base[key]!, after, nested)
    for (const change of nested) out.push({ ...change, subpath: [...pathOf(key), ...change.subpath] })
    if (!wasRequired.has(key) && isRequired.has(key)) {
      out.push({
        id: 'property-now-required',
        kind: 'breaking',
        message: `The property "${name}" is now required.`,
        side: 'head',
        subpath: pathOf(key),
        property: name,
      })
    } else if (wasRequired.has(key) && !isRequired.has(key)) {
      out.push({
        id: 'property-now-optional',
        kind: 'additive',
        message: `The property "${name}" is now optional.`,
        side: 'head',
        subpath: pathOf(key),
        property: name,
      })
    }
  }
  for (const key of Object.keys(head)) {
    if (Object.hasOwn(base, key)) continue
    const name = owner === undefined ? key : `${owner}.${key}`
    out.push(
      isRequired.has(key)
        ? {
            id: 'property-required-added',
            kind: 'breaking',
            message: `The required property "${name}" was added: every existing call must now send it.`,
            side: 'head',
            subpath: pathOf(key),
            property: name,
          }
        : { id: 'property-added', kind: 'additive', message: `The optional property "${name}" was added.`, side: 'head', subpath: pathOf(key), property: name },
    )
  }
}

/** The JSON types a schema accepts; no `type` accepts them all. */
function typeSet(schema: PropertySchema): Set<JsonType> {
  if (schema.type === undefined) return new Set(ALL_TYPES)
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type])
}

/** `number` accepts every integer. */
function accepts(types: ReadonlySet<JsonType>, type: JsonType): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'))
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x))
}

function describeTypes(types: ReadonlySet<JsonType>): string {
  if (types.size === ALL_TYPES.length) return 'any type'
  return [...types].join(' | ')
}
