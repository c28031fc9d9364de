/**
 * Property tests of the loader: catalogs built at random from valid parts load; their text, mutated at
 * random, gives located diagnostics (or still loads), and the loader never throws.
 */
import { createRequire } from 'node:module'
import { type Diagnostic, eventIdentifier, parseCatalog } from '@herald/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

// The YAML library the loader itself uses (a dependency of @herald/core, not of the workspace root).
const { stringify: toYaml } = createRequire(new URL('../packages/core/package.json', import.meta.url))('yaml') as {
  stringify(value: unknown, options?: { collectionStyle?: 'any' | 'block' | 'flow' }): string
}

type Schema = Record<string, unknown>
interface CatalogValue {
  version: string
  privacy: { distinctId: { property: string }; forbiddenKeys: string[] }
  categories: Record<string, { description: string }>
  properties: Record<string, Schema>
  events: Record<
    string,
    { kind: 'signal' | 'span'; category?: string; level: string; properties: Record<string, Schema>; required: string[]; deprecated?: { renamedTo: string } }
  >
}

// Parts of names and keys; property words avoid every built-in forbidden word, so a valid catalog stays valid.
const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(_[a-z0-9]{1,4}){0,2}$/)
const eventName = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'))
const word = fc.constantFrom(
  'plan',
  'count',
  'method',
  'region',
  'seats',
  'role',
  'step',
  'source',
  'status',
  'attempt',
  'latency',
  'size',
  'label',
  'tier',
  'kind2',
  'flag',
)
const propertyKey = fc.array(word, { minLength: 1, maxLength: 2 }).map((words) => words.join('_'))
const enumValues = fc.uniqueArray(fc.oneof(segment, fc.integer({ min: -5, max: 5 })), { minLength: 1, maxLength: 4 })

const leafSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: fc.constant('string'), description: fc.string({ maxLength: 20 }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('string'), format: fc.constantFrom('uuid', 'date-time', 'uri') }),
  fc.record({ type: fc.constant('integer'), minimum: fc.nat(10) }, { requiredKeys: ['type'] }),
  fc.constant({ type: 'number' }),
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.constant({ type: ['string', 'null'] }),
  enumValues.map((values) => ({ enum: values })),
  segment.map((value) => ({ const: value })),
  fc.constant({ type: 'string', pii: 'personal', transform: 'hash' }),
  fc.constant({ type: 'string', pii: 'sensitive', transform: 'drop' }),
  fc.constant({ type: 'string', pii: 'pseudonymous' }),
)

/** A property schema: a leaf, a ref to a shared property, an array of schemas or an object of them. */
function propertySchema(sharedNames: string[]): fc.Arbitrary<Schema> {
  const ref = sharedNames.length > 0 ? [fc.constantFrom(...sharedNames).map((name) => ({ $ref: `#/properties/${name}` }))] : []
  const { schema } = fc.letrec<{ schema: Schema }>((tie) => ({
    schema: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafSchema,
      ...ref,
      tie('schema').map((items) => ({ type: 'array', items })),
      fc
        .dictionary(propertyKey, tie('schema'), { minKeys: 1, maxKeys: 3 })
        .chain((properties) => fc.subarray(Object.keys(properties)).map((required) => ({ type: 'object', properties, required }))),
    ),
  }))
  return schema
}

const catalogValue: fc.Arbitrary<CatalogValue> = fc
  .record({
    shared: fc.dictionary(propertyKey, leafSchema, { maxKeys: 4 }),
    categories: fc.uniqueArray(segment, { maxLength: 3 }),
    names: fc.uniqueArray(eventName, { minLength: 1, maxLength: 6, selector: eventIdentifier }),
  })
  .chain(({ shared, categories, names }) => {
    const properties: Record<string, Schema> = { ...shared, user_id: { type: 'string', pii: 'pseudonymous' } }
    // A span `a` sends `a.start`; a signal of that name would collide, so such names are left out.
    const eventNames = names.filter((name) => !/\.(start|stop|exception)$/.test(name))
    const event = fc
      .record({
        kind: fc.constantFrom('signal' as const, 'span' as const),
        category: categories.length > 0 ? fc.option(fc.constantFrom(...categories), { nil: undefined }) : fc.constant(undefined),
        level: fc.constantFrom('debug', 'info', 'warning', 'error'),
        properties: fc.dictionary(propertyKey, propertySchema(Object.keys(properties)), { maxKeys: 4 }),
        renamedTo: fc.option(fc.constantFrom(...eventNames), { nil: undefined, freq: 5 }),
      })
      .chain((e) => fc.subarray(Object.keys(e.properties)).map((required) => ({ ...e, required })))
    return fc.tuple(...eventNames.map(() => event)).map((built) => {
      const events: CatalogValue['events'] = {}
      built.forEach(({ renamedTo, category, ...rest }, i) => {
        events[eventNames[i]!] = {
          ...rest,
          ...(category !== undefined ? { category } : {}),
          ...(renamedTo !== undefined && renamedTo !== eventNames[i] ? { deprecated: { renamedTo } } : {}),
        }
      })
      // The distinct id must be declared by some event.
      events[eventNames[0]!]!.properties.user_id = { $ref: '#/properties/user_id' }
      return {
        version: '1.0.0',
        privacy: { distinctId: { property: 'user_id' }, forbiddenKeys: ['ssn'] },
        categories: Object.fromEntries(categories.map((name) => [name, { description: `The ${name} events` }])),
        properties,
        events,
      }
    })
  })

type Format = 'json' | 'yaml'
const format = fc.constantFrom<Format>('json', 'yaml')
const fileFor = (f: Format) => (f === 'json' ? 'random.catalog.json' : 'random.catalog.yaml')
const serialize = (value: unknown, f: Format) => (f === 'json' ? JSON.stringify(value, null, 2) : toYaml(value))

/** Every diagnostic names the file and a line and column that exist in the text. */
function expectLocatedWithin(diagnostics: Diagnostic[], text: string, file: string): void {
  const lines = text.split(/\r\n|\r|\n/)
  for (const d of diagnostics) {
    expect(d.file).toBe(file)
    expect(d.message.length).toBeGreaterThan(0)
    expect(d.line).toBeGreaterThanOrEqual(1)
    expect(d.column).toBeGreaterThanOrEqual(1)
    expect(d.line).toBeLessThanOrEqual(lines.length)
    expect(d.column).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1)
  }
}

/** Loads `text`; it must not throw, and must either load or fail with located diagnostics. */
function loadNeverThrowing(text: string, file: string) {
  let result: ReturnType<typeof parseCatalog> | undefined
  expect(() => (result = parseCatalog(text, file))).not.toThrow()
  if (!result!.ok) {
    expect(result!.diagnostics.length).toBeGreaterThan(0)
    expectLocatedWithin(result!.diagnostics, text, file)
  }
  return result!
}

type CharacterEdit = { op: 'delete'; at: number; length: number } | { op: 'insert' | 'replace'; at: number; text: string }

const characterEdit: fc.Arbitrary<CharacterEdit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom('{', '}', '[', ']', '"', "'", ':', ',', '\n', '\t', ' ', '#', '&a', '*a', '- ', '---\n', '\\', '\ufeff', '\r'),
      fc.string({ maxLength: 4, unit: 'binary' }),
    ),
  }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 2, unit: 'grapheme' }) }),
)

function applyEdit(text: string, edit: CharacterEdit): string {
  const at = edit.at % (text.length + 1)
  if (edit.op === 'delete') return text.slice(0, at) + text.slice(at + edit.length)
  if (edit.op === 'insert') return text.slice(0, at) + edit.text + text.slice(at)
  return text.slice(0, at) + edit.text + text.slice(at + edit.text.length)
}

/** Inserts a copy of the `pick`-th key before itself, in the same object: `"a": null, "a": …`. */
function duplicateKey(text: string, f: Format, pick: number): string {
  const pattern = f === 'json' ? /"(?:[^"\\]|\\.)*": /g : /^( *)((?:"[^"]*"|'[^']*'|[^\s:#'"-][^:\n]*)): /gm
  const matches = [...text.matchAll(pattern)]
  const match = matches[pick % matches.length]!
  const copy = f === 'json' ? `${match[0]}null, ` : `${match[1]}${match[2]}: null\n`
  return text.slice(0, match.index) + copy + text.slice(match.index)
}

const RUNS = { valid: 80, edits: 200, targeted: 50 }

describe('catalogs built from valid parts', () => {
  it('load with no diagnostic, as JSON and as YAML', () => {
    fc.assert(
      fc.property(catalogValue, format, (value, f) => {
        const result = parseCatalog(serialize(value, f), fileFor(f))
        expect(result.diagnostics).toEqual([])
        expect(result.ok).toBe(true)
        expect(result.catalog!.events.map((e) => e.name)).toEqual(Object.keys(value.events))
      }),
      { numRuns: RUNS.valid },
    )
  })

  it('still load with Windows line endings and a byte-order mark', () => {
    fc.assert(
      fc.property(catalogValue, format, (value, f) => {
        const text = `\ufeff${serialize(value, f).replace(/\n/g, '\r\n')}`
        const result = parseCatalog(text, fileFor(f))
        expect(result.diagnostics).toEqual([])
      }),
      { numRuns: RUNS.targeted },
    )
  })
})

describe('mutated catalogs', () => {
  it('deleted, inserted or replaced characters give located diagnostics or a catalog, never a throw', () => {
    fc.assert(
      fc.property(catalogValue, format, fc.array(characterEdit, { minLength: 1, maxLength: 3 }), (value, f, edits) => {
        const text = edits.reduce(applyEdit, serialize(value, f))
        loadNeverThrowing(text, fileFor(f))
      }),
      { numRuns: RUNS.edits },
    )
  })

  it('a repeated key is reported as duplicate-key', () => {
    fc.assert(
      fc.property(catalogValue, format, fc.nat(), (value, f, pick) => {
        const text = duplicateKey(serialize(value, f), f, pick)
        const result = loadNeverThrowing(text, fileFor(f))
        expect(result.diagnostics.map((d) => d.code)).toContain('duplicate-key')
      }),
      { numRuns: RUNS.targeted },
    )
  })

  it('an event renamed with a space is reported as event-name-has-space, at its key', () => {
    fc.assert(
      fc.property(catalogValue, format, fc.nat(), (value, f, pick) => {
        const names = Object.keys(value.events)
        const old = names[pick % names.length]!
        const spaced = `${old.replace(/\./g, ' ')} now`
        value.events = Object.fromEntries(Object.entries(value.events).map(([name, event]) => [name === old ? spaced : name, event]))
        for (const event of Object.values(value.events)) if (event.deprecated?.renamedTo === old) delete event.deprecated
        const text = serialize(value, f)
        const result = loadNeverThrowing(text, fileFor(f))
        const spaceDiagnostic = result.diagnostics.find((d) => d.code === 'event-name-has-space')
        expect(spaceDiagnostic).toBeDefined()
        const line = text.split(/\r?\n/)[spaceDiagnostic!.line - 1]!
        expect(line.slice(spaceDiagnostic!.column - 1).replace(/^["']/, '')).toMatch(new RegExp(`^${spaced}`))
      }),
      { numRuns: RUNS.targeted },
    )
  })

  it('a forbidden key, in any case or separator and at any depth, is reported as forbidden-key', () => {
    const forbidden = fc.constantFrom(
      'password',
      'Password',
      'apiKey',
      'API-KEY',
      'x_api_key',
      'accessToken',
      'email',
      'userEmail',
      'customer_ssn',
      'SessionId',
    )
    fc.assert(
      fc.property(catalogValue, format, fc.nat(), forbidden, fc.boolean(), (value, f, pick, key, nested) => {
        const names = Object.keys(value.events)
        const event = value.events[names[pick % names.length]!]!
        const schema = { type: 'string' }
        if (nested) event.properties.context = { type: 'object', properties: { [key]: schema } }
        else event.properties[key] = schema
        const result = loadNeverThrowing(serialize(value, f), fileFor(f))
        expect(result.diagnostics.map((d) => d.code)).toContain('forbidden-key')
      }),
      { numRuns: RUNS.targeted },
    )
  })

  it('a broken $ref is reported as unresolved-ref', () => {
    fc.assert(
      fc.property(catalogValue, format, (value, f) => {
        const text = serialize(value, f).replace('#/properties/user_id', '#/properties/user_id_gone')
        const result = loadNeverThrowing(text, fileFor(f))
        expect(result.diagnostics.map((d) => d.code)).toContain('unresolved-ref')
      }),
      { numRuns: RUNS.targeted },
    )
  })

  it('nesting deeper than the limit is reported as nesting-too-deep, however deep, in any style', () => {
    const style = fc.constantFrom('json' as const, 'yaml-flow' as const, 'yaml-block' as const)
    fc.assert(
      fc.property(catalogValue, style, fc.integer({ min: 65, max: 3000 }), (value, how, depth) => {
        // Serializers recurse too, so the deep part is spliced in as text where a placeholder was serialized.
        Object.values(value.events)[0]!.properties.matrix = { const: 'DEEP' }
        const f: Format = how === 'json' ? 'json' : 'yaml'
        const text = serialize(value, f).replace(/^( *)(.*?)\{?\s*"?const"?: "?DEEP"?\s*\}?/m, (_: string, indent: string, before: string) => {
          if (how !== 'yaml-block') return `${indent}${before}${'{"type": "array", "items": '.repeat(depth)}{"type": "string"}${'}'.repeat(depth)}`
          const levels = Math.min(depth, 300)
          let block = ''
          for (let i = 0; i < levels; i++) block += `\n${' '.repeat(indent.length + 2 + 2 * i)}type: array\n${' '.repeat(indent.length + 2 + 2 * i)}items:`
          return `${indent}${before}${block}\n${' '.repeat(indent.length + 2 + 2 * levels)}type: string`
        })
        expect(text).not.toContain('DEEP')
        const result = loadNeverThrowing(text, fileFor(f))
        expect(result.diagnostics.map((d) => d.code)).toEqual(['nesting-too-deep'])
      }),
      { numRuns: 20 },
    )
  })
})
