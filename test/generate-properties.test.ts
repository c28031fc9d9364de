/**
 * Property tests (fast-check): generated redaction never lets a forbidden or undeclared key through, at any
 * depth, whatever the case and separators; hashes never equal their input and are stable per salt. And the
 * compiled dev validators accept and reject exactly what ajv (the oracle) does.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PropertySchema } from '@herald/core'
import { propertyJsonSchema } from '@herald/generator-json-schema'
import { compileValidator, generate, VALIDATED_FORMATS, ValidatorScope } from '@herald/generator-typescript'
import { generate as generateRedaction, tsSource } from '@herald/generator-redaction'
import * as runtime from '@herald/runtime'
import { createTelemetry, isForbiddenKey, memorySink } from '@herald/runtime'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { transformSync } from 'esbuild'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadFixture, writeTemp } from './generate-helpers.js'

const catalog = loadFixture('test/fixtures/generate-runtime.catalog.json')
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any
beforeAll(async () => {
  m = await import(pathToFileURL(join(writeTemp(generate(catalog, {})), 'events.js')).href)
})

/** Declared keys by path, from the catalog: what redaction may let through. */
const DECLARED: Record<string, Set<string>> = {
  '': new Set(Object.keys(catalog.eventsByName.get('security.rate_limited')!.properties)),
  client: new Set(['os', 'version', 'tags', 'screens', 'fingerprint']),
  'client.screens[]': new Set(['w', 'h']),
}

const FORBIDDEN_WORDS = [['password'], ['api', 'key'], ['access', 'token'], ['session', 'id'], ['email'], ['ssn'], ['private', 'key'], ['card', 'number']]
const forbiddenKey = fc
  .tuple(
    fc.constantFrom(...FORBIDDEN_WORDS),
    fc.constantFrom('_', '-', '.', ' ', ''),
    fc.constantFrom('lower', 'upper', 'title'),
    fc.constantFrom('', 'user', 'x'),
  )
  .map(([words, sep, casing, prefix]) => {
    const all = prefix ? [prefix, ...words] : words
    const cased = all.map((w, i) =>
      casing === 'upper' && sep !== '' ? w.toUpperCase() : casing === 'title' || (sep === '' && i > 0) ? w[0]!.toUpperCase() + w.slice(1) : w,
    )
    return cased.join(sep)
  })
// Cheap arbitraries (keys and leaves from small pools) keep 100,000 runs within a few seconds.
const forbiddenPool = fc.sample(forbiddenKey, { numRuns: 400, seed: 7 })
const anyKey = fc.constantFrom(
  ...new Set([
    ...forbiddenPool,
    'os',
    'tags',
    'w',
    'h',
    'client',
    'screens',
    'limiter',
    'count',
    'ip',
    'version',
    'has_password',
    'token_count',
    'user_agent',
    'extra',
    'Os',
    'W',
  ]),
)
const leaf = fc.constantFrom<unknown>('s', '', 'hunter2', 0, 1, -1.5, true, false, null)
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ maxDepth: 3 }, leaf, leaf, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(anyKey, tie('tree'), { maxKeys: 4 })),
}))
const topLevel = fc
  .tuple(fc.dictionary(anyKey, tree, { maxKeys: 5 }), fc.dictionary(anyKey, tree, { maxKeys: 5 }), fc.constantFrom('login', 'mfa'))
  .map(([noise, client, limiter]) => ({ ...noise, limiter, count: 1, client }))

const ALL_FORBIDDEN = [...catalog.privacy.allForbiddenKeys]

function checkRedacted(value: unknown, path: string, problems: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) checkRedacted(item, `${path}[]`, problems)
    return
  }
  if (value === null || typeof value !== 'object') return
  for (const [key, item] of Object.entries(value)) {
    const declared = DECLARED[path]
    if (!declared?.has(key)) problems.push(`undeclared ${path}.${key}`)
    if (isForbiddenKey(key, ALL_FORBIDDEN) && typeof item !== 'boolean' && typeof item !== 'number') problems.push(`forbidden ${path}.${key}`)
    checkRedacted(item, path === '' ? key : `${path}.${key}`, problems)
  }
}

describe('redaction', () => {
  it('never lets a forbidden or undeclared key through, at any depth (100,000 random objects)', () => {
    const sink = memorySink()
    const t = createTelemetry({ sinks: [sink], enabled: true, env: 'production', salt: 'ab'.repeat(32), envVars: {} })
    fc.assert(
      fc.property(topLevel, (properties) => {
        sink.clear()
        m.securityRateLimited(t, properties)
        const problems: string[] = []
        checkRedacted(sink.events[0]!.properties, '', problems)
        if (problems.length > 0) throw new Error(problems.join(', '))
      }),
      { numRuns: 100_000 },
    )
  })

  it('redactJson writes exactly JSON.stringify(redact(…)), and nothing for an undeclared event', async () => {
    const redaction = (await import(pathToFileURL(join(writeTemp(generateRedaction(catalog, {})), 'redaction.ts')).href)) as {
      redact(event: string, properties: Record<string, unknown>, hasher: runtime.TelemetryHasher): Record<string, unknown> | undefined
      redactJson(event: string, properties: Record<string, unknown>, hasher: runtime.TelemetryHasher): string | undefined
    }
    const hasher = { hash: (value: unknown) => `hashed ${typeof value}` }
    fc.assert(
      fc.property(topLevel, fc.constantFrom('security.rate_limited', 'auth.login.stop', 'session.revoke_all'), (properties, event) => {
        expect(redaction.redactJson(event, properties, hasher)).toBe(JSON.stringify(redaction.redact(event, properties, hasher)))
      }),
      { numRuns: 5_000 },
    )
    expect(redaction.redactJson('no.such_event', {}, hasher)).toBeUndefined()
    expect(redaction.redactJson('constructor', {}, hasher)).toBeUndefined()
  })

  it('hashes never equal their input and are stable for a given salt', () => {
    const sinkA = memorySink()
    const sinkB = memorySink()
    const a = createTelemetry({ sinks: [sinkA], enabled: true, env: 'production', salt: '12'.repeat(32), envVars: {} })
    const b = createTelemetry({ sinks: [sinkB], enabled: true, env: 'production', salt: '34'.repeat(32), envVars: {} })
    fc.assert(
      fc.property(fc.string(), (ip) => {
        m.securityRateLimited(a, { limiter: 'login', count: 1, ip })
        m.securityRateLimited(a, { limiter: 'login', count: 1, ip })
        m.securityRateLimited(b, { limiter: 'login', count: 1, ip })
        const [first, second] = sinkA.events.splice(0).map((e) => e.properties.ip)
        const other = sinkB.events.splice(0)[0]!.properties.ip
        expect(first).not.toBe(ip)
        expect(first).toBe(second)
        expect(other).not.toBe(first)
      }),
      { numRuns: 2_000 },
    )
  })
})

// ---------------------------------------------------------------------------------------------------------
// Dev validators against ajv.

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
addFormats(ajv)
for (const name of Object.keys(ajv.formats)) if (!VALIDATED_FORMATS.includes(name)) ajv.addFormat(name, true)

const scalarValue = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -1.5, 1e21), fc.boolean(), fc.constant(null))
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalarValue,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value
const typeName = fc.constantFrom('string', 'number', 'integer', 'boolean', 'object', 'array', 'null' as const)
const formatValue = fc.oneof(
  fc.constantFrom(
    '2024-02-29',
    '2023-02-29',
    '2024-13-01',
    '12:30:00Z',
    '23:59:60Z',
    '25:00:00Z',
    '2024-01-01T12:00:00+01:00',
    '2024-01-01 12:00:00z',
    '2024-01-01T12:00:00',
  ),
  fc.constantFrom(
    '10.0.0.1',
    '256.1.1.1',
    '::1',
    'fe80::1%',
    'a@b.co',
    'not an email',
    '123e4567-e89b-12d3-a456-426614174000',
    'example.com',
    '-bad-.com',
    'P1D',
    'P',
  ),
  fc.string({ maxLength: 6 }),
)
const schema: fc.Arbitrary<PropertySchema> = fc.letrec<{ schema: PropertySchema }>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.record(
      {
        type: fc.oneof(typeName, fc.uniqueArray(typeName, { minLength: 1, maxLength: 3 })),
        minLength: fc.integer({ min: 0, max: 3 }),
        maxLength: fc.integer({ min: 0, max: 4 }),
        pattern: fc.constantFrom('^a', 'b$', '[0-9]', '^\\p{L}+$'),
        format: fc.constantFrom('date', 'time', 'date-time', 'ipv4', 'ipv6', 'email', 'uuid', 'hostname', 'duration', 'uri', 'unknown-format'),
        minimum: fc.integer({ min: -3, max: 3 }),
        maximum: fc.integer({ min: -3, max: 3 }),
        exclusiveMinimum: fc.integer({ min: -3, max: 3 }),
        exclusiveMaximum: fc.integer({ min: -3, max: 3 }),
        multipleOf: fc.constantFrom(1, 2, 0.5, 0.1),
        minItems: fc.integer({ min: 0, max: 2 }),
        maxItems: fc.integer({ min: 0, max: 3 }),
        uniqueItems: fc.boolean(),
        additionalProperties: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.record({ enum: fc.array(jsonValue, { minLength: 1, maxLength: 4 }) }),
    fc.record({ const: jsonValue }),
    fc.record(
      { type: fc.constant('array' as const), items: tie('schema'), minItems: fc.integer({ min: 0, max: 2 }), uniqueItems: fc.boolean() },
      { requiredKeys: ['items'] },
    ),
    fc
      .record(
        {
          type: fc.constant('object' as const),
          properties: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('schema'), { maxKeys: 3, noNullPrototype: true }),
          additionalProperties: fc.boolean(),
        },
        { requiredKeys: ['properties'] },
      )
      .chain((object) => fc.subarray(Object.keys(object.properties ?? {})).map((required) => ({ ...object, required }))),
  ),
})).schema

/** Compiles one schema with Herald's validator compiler and loads it as a function. */
function heraldValidator(node: PropertySchema): (value: unknown) => boolean {
  const scope = new ValidatorScope('$re')
  const compiled = compileValidator(scope, 'validate', node)
  const source = tsSource.printModule('', [...scope.hoisted, ...compiled.declarations])
  const js = transformSync(source, { loader: 'ts' }).code
  const helpers = [...scope.helpers]
  const factory = new Function(...helpers, `${js}\nreturn validate`) as (...args: unknown[]) => (value: unknown) => string | undefined
  const validate = factory(...helpers.map((name) => (runtime as Record<string, unknown>)[name]))
  return (value) => validate(value) === undefined
}

describe('compiled dev validators', () => {
  it('accept and reject exactly what ajv does (differential, random schemas and values)', () => {
    fc.assert(
      fc.property(schema, fc.array(fc.oneof(jsonValue, formatValue), { minLength: 8, maxLength: 8 }), (node, values) => {
        const oracle = ajv.compile(propertyJsonSchema(node))
        const herald = heraldValidator(node)
        for (const value of values) {
          if (herald(value) !== oracle(value))
            throw new Error(`${JSON.stringify(node)} on ${JSON.stringify(value)}: herald ${herald(value)}, ajv ${oracle(value)}`)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('find the problem and name its path, not its value', () => {
    const validate = m.securityRateLimited && heraldValidatorMessages()
    expect(validate({ limiter: 'login', count: 1, client: { screens: [{ h: 1 }] } })).toBe('/client/screens/0 must have the required property "w"')
    expect(validate({ limiter: 'login', count: 0 })).toBe('/count must be >= 1')
    expect(validate({ limiter: 'login', count: 1, email: 'secret@example.com' })).toBe('/email is not declared')
  })
})

function heraldValidatorMessages(): (value: unknown) => string | undefined {
  const event = catalog.eventsByName.get('security.rate_limited')!
  const scope = new ValidatorScope('$re')
  const compiled = compileValidator(scope, 'validate', { type: 'object', properties: event.properties, required: event.required, additionalProperties: false })
  const js = transformSync(tsSource.printModule('', [...scope.hoisted, ...compiled.declarations]), { loader: 'ts' }).code
  const helpers = [...scope.helpers]
  return (new Function(...helpers, `${js}\nreturn validate`) as (...args: unknown[]) => (value: unknown) => string | undefined)(
    ...helpers.map((name) => (runtime as Record<string, unknown>)[name]),
  )
}
