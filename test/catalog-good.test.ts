/**
 * Catalogs that are right must load without a diagnostic: the example catalog, a JSON/YAML pair that must
 * give the same model, and catalogs that look suspicious but are fine (lookalike keys, presets, BOM + CRLF).
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalog, type CatalogEvent, loadCatalogSync } from '@herald/core'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { validate as compiledMetaSchema } from '../packages/core/src/generated/meta-schema-validator.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const GOOD = join(ROOT, 'test/fixtures/good-catalogs')
const EXAMPLE = join(ROOT, 'schema/events.catalog.json')
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

/** Everything a generator or checker reads from a catalog, minus what depends on the file (name, positions). */
function modelOf(catalog: Catalog) {
  const event = (e: CatalogEvent) => ({
    name: e.name,
    identifier: e.identifier,
    kind: e.kind,
    category: e.category,
    description: e.description,
    level: e.level,
    owner: e.owner,
    since: e.since,
    deprecated: e.deprecated,
    properties: e.properties,
    required: e.required,
    extensions: e.extensions,
    wireEvents: e.wireEvents.map((w) => ({ name: w.name, phase: w.phase, properties: w.properties, required: w.required })),
  })
  return {
    title: catalog.title,
    description: catalog.description,
    version: catalog.version,
    naming: { style: catalog.naming.style, pattern: catalog.naming.pattern, describe: catalog.naming.describe },
    privacy: catalog.privacy,
    categories: catalog.categories,
    properties: catalog.properties,
    events: catalog.events.map(event),
    wireEventNames: catalog.wireEvents.map((w) => w.name),
  }
}

function loadOk(path: string): Catalog {
  const result = loadCatalogSync(path)
  expect(result.diagnostics).toEqual([])
  expect(result.ok).toBe(true)
  return result.catalog!
}

describe('the meta-schema', () => {
  it('is a valid draft 2020-12 schema under ajv strict mode, and accepts the example catalog', () => {
    const ajv = new Ajv2020.default({ strict: true, allErrors: true })
    const validate = ajv.compile(readJson(join(ROOT, 'schema/catalog.schema.json')) as object)
    expect(validate(readJson(EXAMPLE)), JSON.stringify(validate.errors)).toBe(true)
  })

  it('(precompiled, as the loader uses it) accepts the example catalog', () => {
    expect(compiledMetaSchema(readJson(EXAMPLE))).toBe(true)
  })

  it('(precompiled) rejects a catalog without events, so the acceptance above can fail', () => {
    expect(compiledMetaSchema({ title: 'no events' })).toBe(false)
  })
})

describe('the example catalog', () => {
  it('loads with no diagnostic, spans expanded into their wire events', () => {
    const catalog = loadOk(EXAMPLE)
    const raw = readJson(EXAMPLE) as { events: Record<string, { kind?: string }> }
    const names = Object.keys(raw.events)
    expect(catalog.events.map((e) => e.name)).toEqual(names)
    const spans = names.filter((name) => raw.events[name]!.kind === 'span').length
    expect(catalog.wireEvents).toHaveLength(names.length + 2 * spans)
  })

  it('passes `herald check` (built binary) with exit 0', () => {
    const stdout = execFileSync(process.execPath, [join(ROOT, 'packages/cli/bin/herald.js'), 'check', 'schema/events.catalog.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    expect(stdout).toMatch(/^schema\/events\.catalog\.json: ok/)
  })
})

describe('good catalogs', () => {
  const files = readdirSync(GOOD).sort()

  it.each(files)('%s loads with no diagnostic', (file) => {
    loadOk(join(GOOD, file))
  })

  it('a YAML catalog loads to the same model as its JSON twin', () => {
    const json = loadOk(join(GOOD, 'small-auth.catalog.json'))
    const yaml = loadOk(join(GOOD, 'small-auth.catalog.yaml'))
    expect(modelOf(yaml)).toEqual(modelOf(json))
    // The model is not trivially equal: it carries resolved refs, nested objects and expanded spans.
    expect(json.eventsByName.get('auth.login')!.properties.user_id).toMatchObject({ type: 'string', pii: 'pseudonymous', ref: 'user_id' })
    expect(json.eventsByName.get('auth.login')!.properties.ip).toMatchObject({ transform: 'hash', description: 'The client address' })
    expect(json.wireEventsByName.get('auth.login.stop')!.required).toEqual(['method', 'duration_ms'])
    expect(json.events.find((e) => e.name === 'auth.login')!.extensions).toEqual({ 'x-dashboard': 'logins' })
  })

  it('the twins differ only in file and positions', () => {
    const json = loadOk(join(GOOD, 'small-auth.catalog.json'))
    const yaml = loadOk(join(GOOD, 'small-auth.catalog.yaml'))
    expect(json.file).not.toBe(yaml.file)
    // Each position points at the event's key in its own file.
    for (const catalog of [json, yaml]) {
      const lines = readFileSync(catalog.file, 'utf8').split('\n')
      for (const event of catalog.events) {
        expect(lines[event.position.line - 1]!.slice(event.position.column - 1)).toMatch(new RegExp(`^"?${event.name.replace(/\./g, '\\.')}"?:`))
      }
    }
  })

  it('lets booleans and counts whose names hold a forbidden word through, and toJSON as a key', () => {
    const catalog = loadOk(join(GOOD, 'lookalike-keys.catalog.json'))
    expect(Object.keys(catalog.eventsByName.get('auth.signup')!.properties)).toContain('toJSON')
    expect(catalog.isForbiddenKey('has_email', 'boolean')).toBe(false)
    expect(catalog.isForbiddenKey('email', 'string')).toBe(true)
  })

  it('keeps the naming preset or pattern of the catalog', () => {
    expect(loadOk(join(GOOD, 'snake-case-preset.catalog.json')).naming.style).toBe('snake_case')
    expect(loadOk(join(GOOD, 'resource-action-preset.catalog.yaml')).naming.style).toBe('resource:action')
    const custom = loadOk(join(GOOD, 'custom-pattern.catalog.json')).naming
    expect(custom.pattern).toBe('[A-Z][A-Za-z]+')
    expect(custom.test('UserSignedUp')).toBe(true)
    expect(custom.test('user_signed_up')).toBe(false)
  })

  it('resolves YAML aliases to their anchored values', () => {
    const catalog = loadOk(join(GOOD, 'yaml-anchors.catalog.yaml'))
    const changed = catalog.eventsByName.get('org.plan_changed')!
    expect(changed.properties.from).toEqual({ enum: ['free', 'team', 'enterprise'] })
    expect(changed.properties.org_id).toMatchObject({ type: 'string', pii: 'pseudonymous', ref: 'org_id' })
  })
})
