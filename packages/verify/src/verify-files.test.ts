import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { loadCatalogSync, type Catalog } from '@herald/core'
import { ndjsonSink } from '@herald/runtime/delivery'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { compileValidatorModule, EventChecker, fileSource, loadValidatorModule, MAX_INPUT_PROBLEMS_PER_FILE, mergeReports, verifySources } from './index.js'

const CATALOG_FILE = 'schema/events.catalog.json'
let catalog: Catalog
beforeAll(() => {
  const result = loadCatalogSync(CATALOG_FILE)
  if (!result.ok) throw new Error('the example catalog does not load')
  catalog = result.catalog
})

const verifyFiles = (files: string[]) =>
  verifySources(
    files.map((f) => fileSource(f)),
    { catalog, catalogFile: CATALOG_FILE },
  )
const tmp = () => mkdtempSync(join(tmpdir(), 'herald-verify-'))

describe('Herald delivery files written by the runtime', () => {
  it('verifies clean events clean and reports each violation with file:line', async () => {
    const dir = tmp()
    const sink = ndjsonSink({ dir, enabled: true })
    const timestamp = '2026-01-01T00:00:00.000Z'
    sink.write({ event: 'auth.login.start', properties: { method: 'password', user_id: 'u_1' }, timestamp })
    sink.write({ event: 'auth.login.start', properties: { method: 'password', user_id: 'u_2', note: 'x' }, timestamp })
    sink.write({ event: 'auth.login.start', properties: { user_id: 'u_3' }, timestamp })
    sink.write({ event: 'auth.logn.start', properties: {}, timestamp })
    sink.write({ event: 'auth.login.start', properties: { method: 'password', user_id: 'jane@example.com' }, timestamp, distinctId: 'jane@example.com' })
    await sink.close()
    const files = readdirSync(dir).map((f) => join(dir, f))
    const report = await verifyFiles(files)
    expect(report.events).toBe(5)
    const rules = report.findings.map((f) => [f.ruleId, f.line])
    expect(rules).toEqual(
      expect.arrayContaining([
        ['no-undeclared-property', 2],
        ['missing-required-property', 3],
        ['no-undeclared-event', 4],
        ['no-pii-value', 5],
        ['no-pii-distinct-id', 5],
      ]),
    )
    expect(report.findings).toHaveLength(5)
    expect(report.findings.find((f) => f.ruleId === 'no-undeclared-event')?.suggestions).toContain('auth.login.start')
    expect(report.eventStats['auth.login.start']).toMatchObject({ count: 4, violating: 3, properties: { method: 3, user_id: 4, note: 1 } })
    // Samples are redacted: no value of the events appears in the report.
    expect(JSON.stringify(report)).not.toContain('jane@example.com')
  })
})

describe('bad input', () => {
  it('a finding each for a truncated gzip, a 10 MB line, invalid UTF-8 and a non-object, and the other lines still read', async () => {
    const dir = tmp()
    const good = '{"event":"auth.login.start","properties":{"method":"password"},"timestamp":"2026-01-01T00:00:00Z","id":"1"}\n'
    const gz = gzipSync(Buffer.from(good.repeat(2000)))
    writeFileSync(join(dir, 'truncated.ndjson.gz'), gz.subarray(0, Math.floor(gz.length / 2)))
    writeFileSync(join(dir, 'long.ndjson'), `${good}{"event":"x","properties":{"p":"${'a'.repeat(10 * 1024 * 1024)}"}}\n${good}`)
    writeFileSync(join(dir, 'utf8.ndjson'), Buffer.concat([Buffer.from(good), Buffer.from('{"event":"a\xff"}\n', 'latin1'), Buffer.from(good)]))
    writeFileSync(join(dir, 'scalar.ndjson'), `${good}42\n${good}`)
    const report = await verifyFiles(readdirSync(dir).map((f) => join(dir, f)))
    const problems = report.findings.filter((f) => f.ruleId === 'readable-input').map((f) => [f.file.slice(dir.length + 1), f.line])
    expect(problems).toEqual([
      ['long.ndjson', 2],
      ['scalar.ndjson', 2],
      [expect.stringContaining('truncated'), expect.any(Number)],
      ['utf8.ndjson', 2],
    ])
    expect(report.findings.filter((f) => f.ruleId !== 'readable-input')).toEqual([])
    expect(report.eventStats['auth.login.start']!.count).toBeGreaterThan(6)
  })
})

describe('a file of garbage', () => {
  it('lists the first unreadable lines of each file one by one and counts the rest in one finding at the first of them', async () => {
    const dir = tmp()
    const good = '{"event":"auth.login.start","properties":{"method":"password"},"timestamp":"2026-01-01T00:00:00Z"}\n'
    const lines = Array.from({ length: 500 }, (_, i) => (i % 2 === 0 ? good : `not json ${i}\n`))
    writeFileSync(join(dir, 'a.ndjson'), lines.join(''))
    writeFileSync(join(dir, 'b.ndjson'), `${good}oops\n`)
    const report = await verifyFiles(['a.ndjson', 'b.ndjson'].map((f) => join(dir, f)))
    const unreadable = report.findings.filter((f) => f.ruleId === 'readable-input')
    const ofA = unreadable.filter((f) => f.file.endsWith('a.ndjson'))
    expect(ofA).toHaveLength(MAX_INPUT_PROBLEMS_PER_FILE + 1)
    const rest = ofA.find((f) => f.message.startsWith('More lines of'))!
    // Lines 2, 4, … 200 are listed; the 101st bad line is line 202, and 150 of the 250 bad lines are left.
    expect(rest).toMatchObject({ line: 2 * (MAX_INPUT_PROBLEMS_PER_FILE + 1), count: 250 - MAX_INPUT_PROBLEMS_PER_FILE })
    expect(rest.message).toContain(`beyond the first ${MAX_INPUT_PROBLEMS_PER_FILE} listed`)
    expect(ofA.filter((f) => f !== rest).every((f) => f.count === 1 && f.message.endsWith(`(line ${f.line})`))).toBe(true)
    expect(unreadable.filter((f) => f.file.endsWith('b.ndjson')).map((f) => [f.line, f.count])).toEqual([[2, 1]])
    expect(report.eventStats['auth.login.start']!.count).toBe(251)
  })
})

describe('merge', () => {
  it('reports of partitions merge into the report of one run over all of them', async () => {
    const dir = tmp()
    const line = (p: string) => `{"event":"auth.login.start","properties":${p},"timestamp":"2026-01-0${(p.length % 9) + 1}T00:00:00Z"}\n`
    writeFileSync(join(dir, 'a.ndjson'), line('{"method":"password"}') + line('{"method":"nope"}') + line('{"x":1}'))
    writeFileSync(join(dir, 'b.ndjson'), line('{"method":"nope"}') + line('{"method":"sso","token":"t"}') + 'oops\n')
    const [a, b] = [join(dir, 'a.ndjson'), join(dir, 'b.ndjson')]
    const whole = await verifyFiles([a, b])
    const merged = mergeReports([await verifyFiles([b]), await verifyFiles([a])])
    expect(merged).toEqual(whole)
    expect(merged.findings.find((f) => f.ruleId === 'invalid-property-value')?.count).toBe(2)
  })
})

describe('generated events (fast-check)', () => {
  const login = () =>
    fc.record(
      { method: fc.constantFrom('password', 'magic_link', 'sso', 'passkey'), user_id: fc.stringMatching(/^u_[a-z0-9]{1,12}$/), success: fc.boolean() },
      { requiredKeys: ['method'] },
    )
  const checkOne = (properties: Record<string, unknown>) => {
    const checker = new EventChecker(catalog, CATALOG_FILE, loadValidatorModule(compileValidatorModule(catalog)))
    checker.check({ name: 'auth.login.start', properties }, 'f', 1)
    return checker.report().findings.map((f) => f.ruleId)
  }

  it('events generated from the catalog verify clean; each single mutation yields exactly its finding', () => {
    fc.assert(
      fc.property(login(), fc.integer({ min: 0, max: 4 }), (properties, mutation) => {
        expect(checkOne(properties)).toEqual([])
        const mutated: Record<string, unknown> = { ...properties }
        const expected = ['no-undeclared-property', 'invalid-property-value', 'no-pii-value', 'missing-required-property', 'no-forbidden-property'][mutation]
        if (mutation === 0) mutated.extra_key = 1
        else if (mutation === 1) mutated.success = 'yes'
        else if (mutation === 2) mutated.user_id = 'someone@example.org'
        else if (mutation === 3) delete mutated.method
        else mutated.session_id = 's_opaque'
        const found = checkOne(mutated)
        // A forbidden key that is not declared is also an undeclared property.
        expect(found).toEqual(mutation === 4 ? ['no-forbidden-property', 'no-undeclared-property'] : [expected])
      }),
      { numRuns: 200 },
    )
  })
})
