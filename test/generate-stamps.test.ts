/**
 * Versions on the wire (`stampVersions`): the catalog's version and each event's own version, stamped by the
 * generated emitters — typed (code cannot pass them), redacted (in the allowlists), documented (docs pages,
 * JSON Schemas) — and `herald check`'s refusal of names PostHog or Segment reserve.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadCatalogSync, parseCatalog } from '@herald/core'
import { generate as generateDocs } from '@herald/generator-docs'
import { generate as generateJsonSchema } from '@herald/generator-json-schema'
import { generate as generateRedaction } from '@herald/generator-redaction'
import { generate as generateTypeScript } from '@herald/generator-typescript'
import { createTelemetry, memorySink } from '@herald/runtime'
import { describe, expect, it } from 'vitest'
import { loadFixture, ROOT, typeCheck, writeTemp } from './generate-helpers.js'

const FIXTURE = 'test/fixtures/stamp-versions.catalog.json'
const SALT = 'cd'.repeat(32)
const STAMPS = { herald_catalog_version: '2.1.0' }

describe('the normalized catalog', () => {
  it("gives each event its version: the newest of since, changed and deprecated.since, else the catalog's", () => {
    const catalog = loadFixture(FIXTURE)
    expect(catalog.stamps).toEqual({ catalogVersion: 'herald_catalog_version', eventVersion: 'herald_event_version' })
    expect(catalog.events.map((event) => [event.name, event.version])).toEqual([
      ['auth.login', '2.0.0'],
      ['auth.logout', '2.1.0'],
      ['app.heartbeat', '2.1.0'],
    ])
    // Every wire event carries the stamps, a span's three included; they are never required.
    for (const wire of catalog.wireEvents) {
      expect(Object.keys(wire.properties), wire.name).toEqual(expect.arrayContaining(['herald_catalog_version', 'herald_event_version']))
      expect(wire.required).not.toContain('herald_catalog_version')
    }
  })

  it('takes the names an object gives, and is off without the setting', () => {
    const named = parseCatalog(
      JSON.stringify({ version: '1.0.0', stampVersions: { eventVersion: 'event_schema_version' }, events: { 'a.b': {} } }),
      'named.json',
    )
    expect(named.ok && named.catalog.stamps).toEqual({ catalogVersion: 'herald_catalog_version', eventVersion: 'event_schema_version' })
    expect(named.ok && Object.keys(named.catalog.events[0]!.properties)).toEqual(['herald_catalog_version', 'event_schema_version'])
    const off = parseCatalog(JSON.stringify({ version: '1.0.0', stampVersions: false, events: { 'a.b': {} } }), 'off.json')
    expect(off.ok && off.catalog.stamps).toBeUndefined()
    expect(off.ok && off.catalog.events[0]!.properties).toEqual({})
  })

  it.each([
    ['distinct_id', 'PostHog reserves "distinct_id"'],
    ['token', 'PostHog reserves "token"'],
    ['api_token', 'forbidden key'],
    ['$set', 'PostHog keeps the names that start with "$"'],
    ['anonymousId', 'Segment reserves "anonymousId"'],
    ['Revenue', 'Segment reserves "revenue"'],
    ['constructor', 'every JavaScript object inherits'],
  ])('refuses the stamp name %s, located at the name', (name, why) => {
    const text = `{\n  "version": "1.0.0",\n  "stampVersions": { "eventVersion": ${JSON.stringify(name)} },\n  "events": { "a.b": {} }\n}\n`
    const result = parseCatalog(text, 'reserved.json')
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map((d) => [d.line, d.column])).toEqual([[3, 38]])
    expect(result.diagnostics[0]!.message).toContain(why)
  })

  it('refuses one name for both stamps', () => {
    const result = parseCatalog(
      JSON.stringify({ version: '1.0.0', stampVersions: { catalogVersion: 'v', eventVersion: 'v' }, events: { 'a.b': {} } }),
      'same.json',
    )
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['invalid-value', 'The catalog version and the event version are both stamped as "v".'],
    ])
  })
})

describe('the generated emitters', () => {
  it('stamp every wire event; code never passes the stamps, and one passed anyway is overwritten', async () => {
    const dir = writeTemp(generateTypeScript(loadFixture(FIXTURE), {}))
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the module is generated at run time
    const m: any = await import(pathToFileURL(join(dir, 'events.js')).href)
    const sink = memorySink()
    const warnings: string[] = []
    const t = createTelemetry({ sinks: [sink], enabled: true, salt: SALT, env: 'development', envVars: {}, onWarn: (w) => void warnings.push(w.message) })
    m.authLogin(t, { method: 'sso', user_id: 'u_1', ip: '203.0.113.9' }, () => 'ok')
    m.authLogout(t, { user_id: 'u_1', herald_event_version: '9.9.9' })
    m.appHeartbeat(t)
    expect(sink.events.map((e) => [e.event, e.properties])).toEqual([
      ['auth.login.start', { user_id: 'u_1', method: 'sso', ip: expect.stringMatching(/^[0-9a-f]{64}$/), ...STAMPS, herald_event_version: '2.0.0' }],
      [
        'auth.login.stop',
        {
          user_id: 'u_1',
          method: 'sso',
          ip: expect.stringMatching(/^[0-9a-f]{64}$/),
          ...STAMPS,
          herald_event_version: '2.0.0',
          duration_ms: expect.any(Number),
        },
      ],
      ['auth.logout', { user_id: 'u_1', ...STAMPS, herald_event_version: '2.1.0' }],
      ['app.heartbeat', { ...STAMPS, herald_event_version: '2.1.0' }],
    ])
    // The dev validator reads what code passed: a stamp is not code's to pass.
    expect(warnings.join('\n')).toMatch(/auth\.logout: .*herald_event_version/)
  })

  it('type the properties without the stamps, and compile under the strictest flags', () => {
    const files = generateTypeScript(loadFixture(FIXTURE), { format: 'ts' })
    const usage = [
      "import { createTelemetry } from '@herald/runtime'",
      "import { appHeartbeat, authLogout } from './events.js'",
      'const t = createTelemetry()',
      "authLogout(t, { user_id: 'u_1' })",
      'appHeartbeat(t)',
      '// @ts-expect-error the emitter stamps the version itself',
      "authLogout(t, { user_id: 'u_1', herald_event_version: '2.1.0' })",
      '',
    ].join('\n')
    const diagnostics = typeCheck(
      { 'events.ts': files.find((file) => file.path === 'events.ts')!.content, 'usage.ts': usage },
      { noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true },
    )
    expect(diagnostics.join('\n')).toBe('')
    const declarations = generateTypeScript(loadFixture(FIXTURE), {}).find((file) => file.path === 'events.d.ts')!.content
    expect(declarations).not.toMatch(/^\s*"?herald_(event|catalog)_version"?\??:/m)
    expect(declarations).toContain('Stamps herald_catalog_version: "2.1.0" and herald_event_version: "2.0.0" on what it sends.')
  })
})

describe('the example catalog with stampVersions on', () => {
  it('generates emitters (groups, spans, people) that compile under the strictest flags', () => {
    const text = readFileSync(join(ROOT, 'schema/events.catalog.json'), 'utf8')
    const result = parseCatalog(JSON.stringify({ ...JSON.parse(text), stampVersions: true }), join(ROOT, 'schema/events.catalog.json'))
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
    expect(result.catalog.wireEvents.every((wire) => wire.properties.herald_catalog_version?.const === result.catalog.version)).toBe(true)
    const events = generateTypeScript(result.catalog, { format: 'ts' }).find((file) => file.path === 'events.ts')!.content
    const diagnostics = typeCheck({ 'events.ts': events }, { noUnusedLocals: true, noUnusedParameters: true, exactOptionalPropertyTypes: true })
    expect(diagnostics.join('\n')).toBe('')
  })
})

describe('redaction, JSON Schema and docs', () => {
  const catalog = loadFixture(FIXTURE)

  it('allowlist the stamps', () => {
    const json = JSON.parse(generateRedaction(catalog, {}).find((file) => file.path === 'redaction.json')!.content)
    for (const [wire, rules] of Object.entries(json.events as Record<string, { allow: string[][] }>)) {
      expect(rules.allow, wire).toEqual(expect.arrayContaining([['herald_catalog_version'], ['herald_event_version']]))
    }
  })

  it('show each stamp as a constant in the JSON Schemas', () => {
    const files = generateJsonSchema(catalog, {})
    const login = JSON.parse(files.find((file) => file.path === 'events/auth.login.stop.schema.json')!.content)
    expect(login.properties.herald_catalog_version).toMatchObject({ type: 'string', const: '2.1.0', 'x-pii': 'none' })
    expect(login.properties.herald_event_version).toMatchObject({ type: 'string', const: '2.0.0' })
    const bundle = files.find((file) => file.path === 'bundle.schema.json')!.content
    expect(bundle.match(/"herald_event_version"/g)?.length).toBe(catalog.wireEvents.length)
  })

  it('list the stamps among the properties and the version on the wire among the facts', () => {
    const page = generateDocs(catalog).find((file) => file.path.startsWith('categories/'))!.content
    expect(page).toContain('| <code>herald_event_version</code> | always "2.0.0" | no | none |')
    expect(page).toContain('- **Changed:** 2.0.0')
    expect(page).toContain('- **Version on the wire:** 2.0.0 (<code>herald_event_version</code>')
    // The example call passes what code passes: never a stamp.
    const examples = page
      .split('**Example**')
      .slice(1)
      .map((part) => part.match(/```ts\n([\s\S]*?)```/)?.[1] ?? '')
    expect(examples.join('')).toMatch(/authLogin\(t, /)
    expect(examples.join('')).not.toContain('herald_')
  })
})

describe('a catalog that extends a base with stampVersions', () => {
  it('inherits the setting, and may not rename the stamps', () => {
    const inherit = loadCatalogSync(join(import.meta.dirname, 'fixtures/extends/stamps-inherit.catalog.json'))
    expect(inherit.ok && inherit.catalog.stamps?.eventVersion).toBe('herald_event_version')
    expect(inherit.ok && inherit.catalog.events[0]!.properties.herald_event_version?.const).toBe('2.0.0')
    const result = loadCatalogSync(join(import.meta.dirname, 'fixtures/extends/stamps-child.catalog.json'))
    expect(result.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['extends-conflict', 4, 3]])
  })
})
