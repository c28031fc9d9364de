import { type Catalog, loadCatalogSync, parseCatalog } from '@herald/core'
import { compileEventValidator, ValidatorScope } from '@herald/generator-typescript'
import { tsSource } from '@herald/generator-redaction'
import * as runtime from '@herald/runtime'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileValidatorModule, EventChecker, loadValidatorModule } from './index.js'

/** Nested objects and arrays, bounds, patterns, formats and required keys, next to the example catalog's flat events. */
const NESTED = parseCatalog(
  JSON.stringify({
    version: '1.0.0',
    naming: { style: 'dot.snake_case' },
    privacy: { forbiddenKeys: ['password'] },
    events: {
      'cart.checkout': {
        kind: 'signal',
        description: 'x',
        properties: {
          total: { type: 'number', minimum: 0, description: 'x' },
          items: {
            type: 'array',
            maxItems: 3,
            items: { type: 'object', properties: { sku: { type: 'string', pattern: '^[A-Z]+$' }, qty: { type: 'integer' } }, required: ['sku'] },
            description: 'x',
          },
          address: { type: 'object', properties: { country: { enum: ['GB', 'FR'] } }, required: ['country'], additionalProperties: false, description: 'x' },
          tags: { type: 'array', items: { type: 'string', maxLength: 4 }, uniqueItems: true, description: 'x' },
          when: { type: 'string', format: 'date-time', description: 'x' },
        },
        required: ['total', 'address'],
      },
    },
  }),
)

/** Each wire event's own validator, as generated emitters have it: the reference the per-property validators must equal. */
function eventValidators(catalog: Catalog): Map<string, (v: unknown) => string | undefined> {
  const scope = new ValidatorScope('$re')
  const declarations: string[] = []
  const entries: string[] = []
  tsSource.inLanguage('js', () =>
    catalog.wireEvents.forEach((wire, i) => {
      const compiled = compileEventValidator(scope, `$event_${i}`, wire.properties, wire.required)
      declarations.push(...compiled.declarations.map(String))
      entries.push(`${JSON.stringify(wire.name)}: ${compiled.name}`)
    }),
  )
  const helpers = [...scope.helpers]
  const build = new Function(...helpers, `${scope.hoisted.join('\n')}\n${declarations.join('\n')}\nreturn { ${entries.join(', ')} };`)
  return new Map(Object.entries(build(...helpers.map((h) => (runtime as unknown as Record<string, unknown>)[h]))))
}

/** A value that is sometimes right for `schema` and often not: its enum values, then JSON of every kind. */
const valueFor = (schema: { enum?: unknown[]; properties?: Record<string, unknown> }) =>
  fc.oneof(
    ...(schema.enum ? [fc.constantFrom(...schema.enum)] : []),
    fc.jsonValue({ maxDepth: 2 }),
    fc.record(
      { sku: fc.oneof(fc.constant('AB'), fc.string()), qty: fc.oneof(fc.integer(), fc.double()), country: fc.constantFrom('GB', 'DE') },
      { requiredKeys: [] },
    ),
    fc.array(fc.oneof(fc.constant('ab'), fc.string({ maxLength: 6 }), fc.record({ sku: fc.constantFrom('AB', 'ab') }, { requiredKeys: [] })), { maxLength: 5 }),
    fc.constantFrom('2026-12-01T00:00:00Z', 'not a date', 12.5, -1, 3),
  )

describe('validators per property schema', () => {
  for (const [label, load] of [
    ['the example catalog', () => loadCatalogSync('schema/events.catalog.json')],
    ['nested objects and arrays', () => NESTED],
  ] as const) {
    it(`give each event the answer its event validator gives (${label})`, () => {
      const result = load()
      if (!result.ok) throw new Error(`the catalog of "${label}" does not load`)
      const catalog = result.catalog
      const reference = eventValidators(catalog)
      const module = compileValidatorModule(catalog)
      const problemRules = new Set(['invalid-property-value', 'missing-required-property'])
      const wires = catalog.wireEvents
      const event = fc.integer({ min: 0, max: wires.length - 1 }).chain((i) => {
        const wire = wires[i]!
        const keys = Object.keys(wire.properties)
        const declared =
          keys.length === 0 ? fc.constant({}) : fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(wire.properties[k]!)])), { requiredKeys: [] })
        return fc.tuple(fc.constant(wire.name), declared, fc.dictionary(fc.constantFrom('extra', 'other_key'), fc.jsonValue({ maxDepth: 1 })))
      })
      fc.assert(
        fc.property(event, ([name, declared, extra]) => {
          const wire = catalog.wireEventsByName.get(name)!
          const checker = new EventChecker(catalog, 'c', loadValidatorModule(module))
          checker.check({ name: wire.name, properties: { ...extra, ...declared } }, 'f', 1)
          const got = checker
            .report()
            .findings.filter((f) => problemRules.has(f.ruleId))
            .map((f) => f.message)
          const problem = reference.get(wire.name)!(declared)
          const required = problem && / must have the required property "(.*)"$/.exec(problem)
          const expected =
            problem === undefined
              ? []
              : [required ? `The event "${wire.name}" is missing the required property "${required[1]}".` : `The event "${wire.name}": ${problem.slice(1)}.`]
          expect(got).toEqual(expected)
        }),
        { numRuns: 2_000 },
      )
    })
  }

  it('share one function between properties with the same checks', () => {
    const result = loadCatalogSync('schema/events.catalog.json')
    if (!result.ok) throw new Error('the example catalog does not load')
    const module = compileValidatorModule(result.catalog)
    const used = new Set(Object.values(module.events).flatMap((e) => [...e.properties, ...(e.required === undefined ? [] : [e.required])]))
    const declaredProperties = result.catalog.wireEvents.reduce((n, w) => n + Object.keys(w.properties).length, 0)
    expect(used.size).toBeLessThan(declaredProperties / 2)
  })
})
