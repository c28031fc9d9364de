import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { clearCatalogCache, loadCatalogCached } from './catalog-cache.js'
import type { Diagnostic } from './diagnostics.js'
import { loadCatalogSync } from './load-catalog.js'

const root = mkdtempSync(join(tmpdir(), 'herald-extends-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let dir: string
let count = 0
beforeEach(() => {
  dir = join(root, String(count++))
  mkdirSync(dir)
})

/** Writes `value` as pretty JSON (or raw text) at `name` in the test's folder and returns its path. */
function write(name: string, value: unknown): string {
  const path = join(dir, name)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`)
  return path
}

const BASE = {
  title: 'Acme conventions',
  version: '3.0.0',
  naming: { style: 'dot.snake_case' },
  privacy: { forbiddenKeys: ['client_secret'], distinctId: { property: 'user_id' }, retentionDays: 90 },
  categories: { auth: { description: 'Logins', requiredProperties: ['user_id'] }, usage: { countsAndDurationsOnly: true } },
  properties: {
    user_id: { type: 'string', pii: 'pseudonymous' },
    ip: { type: 'string', pii: 'personal', transform: 'hash' },
  },
  events: { 'app.heartbeat': { properties: { user_id: { $ref: '#/properties/user_id' } } } },
}

const child = (extra: Record<string, unknown> = {}, events: Record<string, unknown> = {}) => ({
  extends: ['./base.catalog.json'],
  title: 'Billing',
  version: '1.2.0',
  ...extra,
  events: {
    'auth.login': { category: 'auth', properties: { user_id: { $ref: '#/properties/user_id' }, ip: { $ref: '#/properties/ip' } } },
    ...events,
  },
})

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code)

describe('extends: what a child sees', () => {
  it('merges the base under the child: events, shared properties, categories, forbidden keys, naming, privacy', () => {
    write('base.catalog.json', BASE)
    const result = loadCatalogSync(write('child.catalog.json', child({ privacy: { forbiddenKeys: ['iban'] } })))
    expect(result.diagnostics).toEqual([])
    const catalog = result.catalog!
    expect(catalog.title).toBe('Billing')
    expect(catalog.version).toBe('1.2.0')
    expect(catalog.events.map((e) => e.name)).toEqual(['app.heartbeat', 'auth.login'])
    expect(catalog.privacy.forbiddenKeys).toEqual(['client_secret', 'iban'])
    expect(catalog.privacy.distinctId).toEqual({ property: 'user_id' })
    expect(catalog.privacy.retentionDays).toBe(90)
    expect(catalog.eventsByName.get('auth.login')!.properties.ip).toMatchObject({ pii: 'personal', transform: 'hash', ref: 'ip' })
    expect(catalog.categories.auth!.requiredProperties).toEqual(['user_id'])
    expect(result.bases).toEqual([join(dir, 'base.catalog.json')])
  })

  it('locates each part in the file that declares it', () => {
    const base = write('base.catalog.json', BASE)
    const path = write('child.catalog.json', child())
    const catalog = loadCatalogSync(path).catalog!
    expect(catalog.locate(['events', 'app.heartbeat'])).toMatchObject({ file: base, line: 39 })
    expect(catalog.eventsByName.get('app.heartbeat')!.position).toMatchObject({ file: base, line: 39, column: 5 })
    expect(catalog.locate(['events', 'auth.login'])).toMatchObject({ file: path, line: 8 })
    expect(catalog.locate(['privacy', 'forbiddenKeys', 0])).toMatchObject({ file: base, line: 9 })
  })

  it('points a diagnostic at the file that holds the problem', () => {
    const base = write('base.catalog.json', { ...BASE, events: { 'Bad Name': {} } })
    const path = write(
      'child.catalog.json',
      child({}, { 'auth.logout': { category: 'auth' }, 'auth.secret': { properties: { client_secret: { type: 'string' } } } }),
    )
    const result = loadCatalogSync(path)
    expect(result.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual(
      expect.arrayContaining([
        ['event-name-has-space', base, 39],
        ['missing-category-property', path, 19],
        ['forbidden-key', path, 24],
      ]),
    )
    expect(result.diagnostics).toHaveLength(3)
  })

  it("resolves a package from the catalog's folder with Node resolution, by its main file or a subpath", () => {
    write('node_modules/@acme/telemetry-base/package.json', { name: '@acme/telemetry-base', version: '1.0.0', main: 'base.catalog.yaml' })
    write('node_modules/@acme/telemetry-base/base.catalog.yaml', 'privacy:\n  forbiddenKeys: [iban]\nevents:\n  app.started: {}\n')
    write('node_modules/@acme/telemetry-base/extra.catalog.json', { events: { 'app.stopped': {} } })
    const path = write('service/child.catalog.json', {
      extends: ['@acme/telemetry-base', '@acme/telemetry-base/extra.catalog.json'],
      events: { 'svc.ran': {} },
    })
    const result = loadCatalogSync(path)
    expect(result.diagnostics).toEqual([])
    expect(result.catalog!.events.map((e) => e.name)).toEqual(['app.started', 'app.stopped', 'svc.ran'])
    expect(result.catalog!.privacy.forbiddenKeys).toEqual(['iban'])
  })

  it('reads a base that two others extend once, without a conflict with itself', () => {
    write('common.catalog.json', { properties: { org_id: { type: 'string' } }, events: { 'common.ping': {} } })
    write('a.catalog.json', { extends: ['./common.catalog.json'], events: { 'a.one': {} } })
    write('b.catalog.json', { extends: ['./common.catalog.json'], events: { 'b.one': {} } })
    const result = loadCatalogSync(write('child.catalog.json', { extends: ['./a.catalog.json', './b.catalog.json'], events: {} }))
    expect(result.diagnostics).toEqual([])
    expect(result.catalog!.events.map((e) => e.name)).toEqual(['common.ping', 'a.one', 'b.one'])
  })

  it('lets a child tighten: raise pii, strengthen a transform, add required properties, keep events shorter, turn counts-only on', () => {
    write('base.catalog.json', { ...BASE, categories: { ...BASE.categories, auth: { requiredProperties: ['user_id'] } } })
    const path = write(
      'child.catalog.json',
      child({
        privacy: { retentionDays: 30 },
        properties: { ip: { pii: 'sensitive', transform: 'drop', description: 'The client address.' } },
        categories: { auth: { requiredProperties: ['ip'] }, usage: { countsAndDurationsOnly: true } },
      }),
    )
    const result = loadCatalogSync(path)
    expect(result.diagnostics).toEqual([])
    expect(result.catalog!.privacy.retentionDays).toBe(30)
    expect(result.catalog!.properties.ip).toEqual({ type: 'string', pii: 'sensitive', transform: 'drop', description: 'The client address.' })
    expect(result.catalog!.categories.auth!.requiredProperties).toEqual(['user_id', 'ip'])
  })
})

describe('extends: what a child may never loosen', () => {
  const conflicts: Array<[string, Record<string, unknown>, Record<string, unknown>, RegExp]> = [
    ['an event declared twice', {}, { 'app.heartbeat': {} }, /declares the event "app\.heartbeat", which is declared already by .*base\.catalog\.json:39:5\./],
    ['a lowered pii', { properties: { ip: { pii: 'none' } } }, {}, /lowers the pii of "ip" to none from personal in .*base\.catalog\.json:34:7\./],
    ['a raised retention', { privacy: { retentionDays: 365 } }, {}, /keeps events 365 days, longer than the 90 days of .*base\.catalog\.json:14:5\./],
    ['another naming style', { naming: { style: 'snake_case' } }, {}, /sets the naming style to \{"style":"snake_case"\}/],
    ['another distinct id', { privacy: { distinctId: { property: 'account_id' } } }, {}, /distinct-id property/],
    ['counts-only turned off', { categories: { usage: { countsAndDurationsOnly: false } } }, {}, /turns off countsAndDurationsOnly of the category "usage"/],
    ['a changed type', { properties: { user_id: { type: 'integer' } } }, {}, /changes "type" of the property "user_id"/],
  ]

  it.each(conflicts)('%s is an extends-conflict located in the child, naming the base', (_, extra, events, pattern) => {
    write('base.catalog.json', BASE)
    const path = write('child.catalog.json', child(extra, events))
    const result = loadCatalogSync(path)
    expect(result.ok).toBe(false)
    expect(codes(result.diagnostics)).toEqual(['extends-conflict'])
    const [conflict] = result.diagnostics
    expect(conflict!.file).toBe(path)
    expect(conflict!.line).toBeGreaterThan(1)
    expect(conflict!.message).toMatch(pattern)
    expect(conflict!.hint).toBeTruthy()
  })

  it('a transform weakened from drop to hash', () => {
    write('base.catalog.json', { ...BASE, properties: { ...BASE.properties, ip: { type: 'string', pii: 'personal', transform: 'drop' } } })
    const result = loadCatalogSync(write('child.catalog.json', child({ properties: { ip: { transform: 'hash' } } })))
    expect(result.diagnostics).toMatchObject([{ code: 'extends-conflict', message: expect.stringMatching(/weakens the transform of "ip" to hash from drop/) }])
  })

  it("keeps a base's forbidden key forbidden in the child", () => {
    write('base.catalog.json', BASE)
    const path = write('child.catalog.json', child({ privacy: { forbiddenKeys: [] } }, { 'auth.oauth': { properties: { clientSecret: { type: 'string' } } } }))
    expect(loadCatalogSync(path).diagnostics).toMatchObject([{ code: 'forbidden-key', file: path, message: expect.stringContaining('"client_secret"') }])
  })

  it("merge invariants (fast-check): a child's pii and transform are kept when they tighten, refused when they loosen", () => {
    const pii = fc.constantFrom('none', 'pseudonymous', 'personal', 'sensitive')
    const transform = fc.constantFrom(undefined, 'hash', 'drop')
    const rank = (v: string | undefined, order: Array<string | undefined>) => order.indexOf(v)
    const piiOrder = ['none', 'pseudonymous', 'personal', 'sensitive']
    const transformOrder = [undefined, 'hash', 'drop']
    fc.assert(
      fc.property(
        pii,
        transform,
        pii,
        transform,
        fc.uniqueArray(fc.constantFrom('iban', 'ssn', 'dob', 'vin'), { maxLength: 3 }),
        (basePii, baseTransform, childPii, childTransform, keys) => {
          write('base.catalog.json', {
            privacy: { forbiddenKeys: ['client_secret', ...keys] },
            properties: { v: { type: 'string', pii: basePii, ...(baseTransform ? { transform: baseTransform } : {}) } },
            events: {},
          })
          const result = loadCatalogSync(
            write('child.catalog.json', {
              extends: ['./base.catalog.json'],
              properties: { v: { pii: childPii, ...(childTransform ? { transform: childTransform } : {}) } },
              events: {},
            }),
          )
          const loosens =
            rank(childPii, piiOrder) < rank(basePii, piiOrder) ||
            (childTransform !== undefined && rank(childTransform, transformOrder) < rank(baseTransform, transformOrder))
          const conflicts = result.diagnostics.filter((d) => d.code === 'extends-conflict')
          expect(conflicts.length > 0).toBe(loosens)
          if (result.catalog) {
            expect(result.catalog.privacy.forbiddenKeys).toEqual(['client_secret', ...keys])
            expect(result.catalog.properties.v!.pii).toBe(childPii)
            expect(result.catalog.properties.v!.transform).toBe(childTransform ?? baseTransform)
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('extends: bases that cannot be used', () => {
  it('reports a missing base at the extends entry', () => {
    const path = write('child.catalog.json', { extends: ['./nowhere.catalog.yaml'], events: {} })
    expect(loadCatalogSync(path).diagnostics).toMatchObject([
      { code: 'base-not-found', file: path, line: 3, column: 5, message: expect.stringContaining(join(dir, 'nowhere.catalog.yaml')) },
    ])
  })

  it('reports a package that is not installed', () => {
    const path = write('child.catalog.json', { extends: ['@acme/not-installed'], events: {} })
    expect(loadCatalogSync(path).diagnostics).toMatchObject([{ code: 'base-not-found', file: path, line: 3, hint: expect.stringContaining('install') }])
  })

  it('reports a cycle, naming every file in it', () => {
    write('a.catalog.json', { extends: ['./b.catalog.json'], events: {} })
    write('b.catalog.json', { extends: ['./a.catalog.json'], events: {} })
    const path = join(dir, 'a.catalog.json')
    const result = loadCatalogSync(path)
    expect(result.diagnostics).toMatchObject([{ code: 'extends-cycle', file: join(dir, 'b.catalog.json'), line: 3 }])
    expect(result.diagnostics[0]!.message).toBe('The catalog extends itself: ./a.catalog.json → ./b.catalog.json → ./a.catalog.json.')
  })

  it('reports a catalog that extends itself', () => {
    const path = write('self.catalog.json', { extends: ['./self.catalog.json'], events: {} })
    expect(codes(loadCatalogSync(path).diagnostics)).toEqual(['extends-cycle'])
  })

  it('reports a base that is not a catalog: no events map, or not a catalog file at all', () => {
    write('package.json', { name: 'x', version: '1.0.0' })
    write('node_modules/plain/package.json', { name: 'plain', main: 'index.js' })
    write('node_modules/plain/index.js', 'module.exports = {}\n')
    const path = write('child.catalog.json', { extends: ['./package.json', 'plain'], events: {} })
    const result = loadCatalogSync(path)
    expect(result.diagnostics).toMatchObject([
      { code: 'base-not-a-catalog', file: path, line: 3, message: expect.stringContaining('has no "events" map') },
      { code: 'base-not-a-catalog', file: path, line: 4, message: expect.stringContaining('index.js, which is not a catalog file') },
    ])
  })

  it("reports a base's own syntax and schema errors in the base", () => {
    const broken = write('broken.catalog.json', '{ "events": { "a.b": {}, } }')
    const wrong = write('wrong.catalog.yaml', 'events:\n  a.b:\n    levl: info\n')
    const path = write('child.catalog.json', { extends: ['./broken.catalog.json', './wrong.catalog.yaml'], events: {} })
    expect(loadCatalogSync(path).diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['invalid-json', broken, 1],
      ['unknown-field', wrong, 3],
    ])
  })

  it('refuses an extends that is not a list of paths, through the meta-schema', () => {
    const path = write('child.catalog.json', { extends: './base.catalog.json', events: {} })
    expect(loadCatalogSync(path).diagnostics).toMatchObject([{ code: 'invalid-type', file: path, line: 2 }])
  })
})

describe('loadCatalogCached with bases', () => {
  it('reloads when a base changes, and not otherwise', () => {
    clearCatalogCache()
    const base = write('base.catalog.json', { events: { 'a.one': {} } })
    const path = write('child.catalog.json', { extends: ['./base.catalog.json'], events: {} })
    const first = loadCatalogCached(path)
    expect(first.catalog!.events.map((e) => e.name)).toEqual(['a.one'])
    expect(loadCatalogCached(path)).toBe(first)
    writeFileSync(base, JSON.stringify({ events: { 'a.one': {}, 'a.two': {} } }))
    const later = new Date(Date.now() + 5000)
    utimesSync(base, later, later)
    expect(loadCatalogCached(path).catalog!.events.map((e) => e.name)).toEqual(['a.one', 'a.two'])
  })

  it('picks up a base that was missing once it exists', () => {
    clearCatalogCache()
    const path = write('child.catalog.json', { extends: ['./late.catalog.json'], events: {} })
    expect(codes(loadCatalogCached(path).diagnostics)).toEqual(['base-not-found'])
    write('late.catalog.json', { events: { 'late.one': {} } })
    expect(loadCatalogCached(path).catalog!.events.map((e) => e.name)).toEqual(['late.one'])
  })
})
