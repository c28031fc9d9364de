import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script, without type declarations
import { compileMetaSchema } from '../scripts/compile-meta-schema.mjs'
import { parseSource } from './source-document.js'
import { describePath, pointerToPath, TYPE_NAMES, validateAgainstMetaSchema } from './validate-schema.js'

const metaSchemaPath = new URL('../../../schema/catalog.schema.json', import.meta.url)
const generatedPath = new URL('./generated/meta-schema-validator.ts', import.meta.url)

function validate(text: string, file = 'catalog.json') {
  const { document, diagnostics } = parseSource(text, file)
  expect(diagnostics).toEqual([])
  return validateAgainstMetaSchema(document!).map(({ code, line, column, message, hint }) => ({ code, line, column, message, hint }))
}

describe('the precompiled meta-schema validator', () => {
  it('is up to date with schema/catalog.schema.json (run `pnpm -F @herald/core compile-meta-schema`)', () => {
    expect(compileMetaSchema()).toBe(readFileSync(generatedPath, 'utf8'))
  })

  it('knows the type names the meta-schema allows', () => {
    const schema = JSON.parse(readFileSync(metaSchemaPath, 'utf8')) as { $defs: { typeName: { enum: string[] } } }
    expect([...TYPE_NAMES]).toEqual(schema.$defs.typeName.enum)
  })
})

describe('paths in messages', () => {
  it('unescapes JSON pointers', () => {
    expect(pointerToPath('')).toEqual([])
    expect(pointerToPath('/events/a~1b/properties/x~0y')).toEqual(['events', 'a/b', 'properties', 'x~y'])
  })

  it('describes a path as code would write it', () => {
    expect(describePath([])).toBe('the catalog')
    expect(describePath(['events', 'auth.login', 'properties', 'method'])).toBe('events["auth.login"].properties.method')
    expect(describePath(['privacy', 'forbiddenKeys', 2])).toBe('privacy.forbiddenKeys[2]')
  })
})

describe('validateAgainstMetaSchema', () => {
  it('accepts x- extension fields wherever the meta-schema allows them', () => {
    const text = JSON.stringify({
      'x-owner': 'platform',
      categories: { auth: { 'x-slack': '#auth' } },
      events: { 'auth.login': { 'x-dashboard': 'logins', properties: { method: { enum: ['sso'], 'x-note': 'n' } } } },
    })
    expect(validate(text)).toEqual([])
  })

  it('reports a bad type name once, with the nearest name as hint', () => {
    const text = '{ "events": { "a.b": { "properties": { "m": { "type": "integr" } } } } }'
    const diagnostics = validate(text)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'invalid-value', line: 1, column: text.indexOf('"integr"') + 1, hint: 'did you mean "integer"?' })
  })

  it('reports a bad item in a list of type names, and an empty list, once each', () => {
    expect(validate('{ "events": { "a.b": { "properties": { "m": { "type": ["string", "nul"] } } } } }')).toMatchObject([
      { code: 'invalid-value', message: expect.stringContaining('"nul"'), hint: 'did you mean "null"?' },
    ])
    expect(validate('{ "events": { "a.b": { "properties": { "m": { "type": [] } } } } }')).toMatchObject([
      { code: 'invalid-value', message: expect.stringContaining('at least one type name') },
    ])
    expect(validate('{ "events": { "a.b": { "properties": { "m": { "type": 5 } } } } }')).toMatchObject([{ code: 'invalid-type' }])
  })

  it('reports a misspelled required field as the unknown field, not also as missing', () => {
    expect(validate('{\n  "evnts": {}\n}')).toMatchObject([{ code: 'unknown-field', line: 2, column: 3, hint: 'did you mean "events"?' }])
  })

  it('still reports a missing required field when no unknown field explains it', () => {
    expect(validate('{\n  "title": "t"\n}')).toMatchObject([{ code: 'missing-field', line: 1, column: 1, hint: expect.stringContaining('"events"') }])
  })

  it('reports a bad category name once, at the name', () => {
    const line = '  "categories": { "auth": {}, "2fa": {} },'
    expect(validate(`{\n${line}\n  "events": {}\n}`)).toMatchObject([{ code: 'invalid-value', line: 2, column: line.indexOf('"2fa"') + 1 }])
  })

  it('locates an item of a list by its index', () => {
    const text = '{ "privacy": { "forbiddenKeys": ["ssn", ""] }, "events": {} }'
    expect(validate(text)).toMatchObject([
      { code: 'invalid-value', column: text.indexOf('""') + 1, message: expect.stringMatching(/^`privacy\.forbiddenKeys\[1\]` must not be empty/) },
    ])
  })

  it('locates a repeated list item at the repeat', () => {
    const text = '{ "privacy": { "forbiddenKeys": ["ssn", "pin", "ssn"] }, "events": {} }'
    expect(validate(text)).toMatchObject([
      {
        code: 'invalid-value',
        column: text.lastIndexOf('"ssn"') + 1,
        message: expect.stringContaining('"ssn" twice (items 0 and 2)'),
        hint: 'remove the repeat',
      },
    ])
  })

  it('suggests an enum value that the typed one starts', () => {
    expect(validate('events:\n  a.b:\n    level: warn\n', 'c.yaml')).toMatchObject([
      { code: 'invalid-value', line: 3, column: 12, hint: 'did you mean "warning"?' },
    ])
  })

  it('says what a wrongly typed value was probably meant to be', () => {
    expect(validate('{ "privacy": { "retentionDays": "30" }, "events": {} }')).toMatchObject([{ code: 'invalid-type', hint: 'write 30 without quotes' }])
    expect(validate('{ "categories": { "a": { "countsAndDurationsOnly": "true" } }, "events": {} }')).toMatchObject([
      { code: 'invalid-type', hint: 'write true without quotes' },
    ])
    expect(validate('{ "events": { "a.b": { "required": "x" } } }')).toMatchObject([{ code: 'invalid-type', hint: 'write a list: ["x"]' }])
  })

  it('words numeric bounds', () => {
    expect(validate('{ "privacy": { "retentionDays": 0 }, "events": {} }')).toMatchObject([{ message: expect.stringContaining('must be at least 1 (got 0)') }])
    expect(validate('{ "events": { "a.b": { "properties": { "m": { "enum": [] } } } } }')).toMatchObject([
      { message: expect.stringContaining('must list at least one item') },
    ])
    expect(validate('{ "events": { "a.b": { "properties": { "m": { "multipleOf": 0 } } } } }')).toMatchObject([
      { code: 'invalid-value', message: expect.stringContaining('must be greater than 0') },
    ])
  })

  it('explains that YAML merge keys are not supported', () => {
    expect(validate('events:\n  a.b: &x {}\n  a.c:\n    <<: *x\n', 'c.yaml')).toMatchObject([
      { code: 'unknown-field', line: 4, column: 5, hint: expect.stringContaining('merge keys') },
    ])
  })
})
