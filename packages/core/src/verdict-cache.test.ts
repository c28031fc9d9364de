import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearCatalogCache, loadCatalogCached } from './catalog-cache.js'
import { parseCatalog } from './load-catalog.js'
import { VerdictCache, verdictCacheFor } from './verdict-cache.js'

const root = mkdtempSync(join(tmpdir(), 'herald-verdicts-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const SAFE = '^[a-z]+(-[a-z]+)*$'
const UNSAFE = '^(a+)+$'
const catalogWith = (pattern: string) =>
  `{\n  "events": {\n    "a.b": { "properties": { "code": { "type": "string", "pattern": ${JSON.stringify(pattern)} } } }\n  }\n}\n`
/** Valid JSON that the meta-schema refuses (`events` must be an object). */
const REFUSED = '{ "events": [] }'

let project: string
let count = 0
beforeEach(() => {
  project = join(root, `project-${count++}`)
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), '{}')
})
afterEach(() => clearCatalogCache())

const cacheFile = () => join(project, 'node_modules', '.cache', 'herald', 'verdicts.json')
const codes = (result: { diagnostics: { code: string }[] }) => result.diagnostics.map((d) => d.code)

describe('VerdictCache in parseCatalog', () => {
  it('records that a catalog passes the meta-schema and that its patterns are safe', () => {
    const verdicts = new VerdictCache()
    const text = catalogWith(SAFE)
    expect(parseCatalog(text, 'c.json', { verdicts }).ok).toBe(true)
    expect(verdicts.about(`json\0${text}`).has('schema')).toBe(true)
    expect(verdicts.about(`json\0${text}`).has('unique-keys')).toBe(true)
    expect(verdicts.has('pattern', SAFE)).toBe(true)
    // read as YAML, the same text is another input
    expect(verdicts.about(`yaml\0${text}`).has('schema')).toBe(false)
    // a verdict about a text is not one about a pattern that reads the same
    expect(verdicts.has('schema', `json\0${text}`)).toBe(false)
  })

  it('records no failing verdict: a refused catalog and an unsafe pattern are checked again, with the same diagnostics', () => {
    const verdicts = new VerdictCache()
    const unsafe = catalogWith(UNSAFE)
    const first = parseCatalog(unsafe, 'c.json', { verdicts })
    expect(codes(first)).toEqual(['unsafe-pattern'])
    expect(verdicts.has('pattern', UNSAFE)).toBe(false)
    expect(parseCatalog(unsafe, 'c.json', { verdicts }).diagnostics).toEqual(first.diagnostics)

    const refused = parseCatalog(REFUSED, 'c.json', { verdicts })
    expect(codes(refused)).toEqual(['invalid-type'])
    expect(verdicts.about(`json\0${REFUSED}`).has('schema')).toBe(false)
    expect(parseCatalog(REFUSED, 'c.json', { verdicts }).diagnostics).toEqual(refused.diagnostics)

    const repeated = '{ "events": { "a.b": {} }, "events": { "c.d": {} } }'
    expect(codes(parseCatalog(repeated, 'c.json', { verdicts }))).toEqual(['duplicate-key'])
    expect(verdicts.about(`json\0${repeated}`).has('unique-keys')).toBe(false)
    expect(codes(parseCatalog(repeated, 'c.json', { verdicts }))).toEqual(['duplicate-key'])
  })

  it('gives the same catalog and diagnostics with verdicts known as without', () => {
    const verdicts = new VerdictCache()
    const text = catalogWith(SAFE)
    parseCatalog(text, 'c.json', { verdicts })
    const cached = parseCatalog(text, 'c.json', { verdicts })
    const plain = parseCatalog(text, 'c.json')
    expect(cached.diagnostics).toEqual(plain.diagnostics)
    expect(cached.catalog!.events.map((e) => [e.name, e.properties])).toEqual(plain.catalog!.events.map((e) => [e.name, e.properties]))
  })
})

describe('the cache file (loadCatalogCached)', () => {
  it('is written under node_modules/.cache/herald, and read by the next process', () => {
    writeFileSync(join(project, 'events.catalog.json'), catalogWith(SAFE))
    expect(loadCatalogCached('events.catalog.json', project).ok).toBe(true)
    const written = JSON.parse(readFileSync(cacheFile(), 'utf8')) as { format: number; entries: string[] }
    expect(written.entries).toHaveLength(3) // the text's verdicts (its keys, the meta-schema) and the pattern's

    clearCatalogCache() // as a new process would start
    const next = verdictCacheFor(project)!
    expect(next.about(`json\0${catalogWith(SAFE)}`).has('schema')).toBe(true)
    expect(next.has('pattern', SAFE)).toBe(true)
    expect(next.has('pattern', '^[0-9]+$')).toBe(false)
  })

  it.each([
    ['garbage', 'not json {'],
    ['truncated', '{"format":1,"entries":["ab'],
    ['another format', JSON.stringify({ format: 999, entries: [] })],
    ['entries that are not hashes', JSON.stringify({ format: 1, entries: ['yes', 42, null] })],
    ['null', 'null'],
  ])('ignores a corrupt file (%s), loads the catalog as without it and rewrites the file', (_, corrupt) => {
    mkdirSync(join(project, 'node_modules', '.cache', 'herald'), { recursive: true })
    writeFileSync(cacheFile(), corrupt)
    writeFileSync(join(project, 'events.catalog.json'), catalogWith(SAFE))
    expect(codes(loadCatalogCached('events.catalog.json', project))).toEqual([])
    expect(JSON.parse(readFileSync(cacheFile(), 'utf8')).entries).toHaveLength(3)
  })

  it('never lets a verdict about one catalog pass another: a catalog with problems keeps its diagnostics', () => {
    writeFileSync(join(project, 'good.catalog.json'), catalogWith(SAFE))
    loadCatalogCached('good.catalog.json', project)
    writeFileSync(join(project, 'refused.catalog.json'), REFUSED)
    writeFileSync(join(project, 'unsafe.catalog.json'), catalogWith(UNSAFE))
    clearCatalogCache()
    expect(codes(loadCatalogCached('refused.catalog.json', project))).toEqual(['invalid-type'])
    expect(codes(loadCatalogCached('unsafe.catalog.json', project))).toEqual(['unsafe-pattern'])
  })

  it('loads the catalog when the cache cannot be written', () => {
    writeFileSync(join(project, 'node_modules'), 'a file where the folder would go')
    writeFileSync(join(project, 'events.catalog.json'), catalogWith(SAFE))
    expect(loadCatalogCached('events.catalog.json', project).ok).toBe(true)
  })

  it.skipIf(process.getuid?.() === 0)('loads the catalog when the cache folder is read-only', () => {
    const folder = join(project, 'node_modules', '.cache', 'herald')
    mkdirSync(folder, { recursive: true })
    chmodSync(folder, 0o500)
    writeFileSync(join(project, 'events.catalog.json'), catalogWith(SAFE))
    expect(loadCatalogCached('events.catalog.json', project).ok).toBe(true)
    expect(existsSync(cacheFile())).toBe(false)
    chmodSync(folder, 0o700)
  })

  it('makes no node_modules in a folder that is not a package, nor with HERALD_CACHE=0', () => {
    const plain = join(root, `plain-${count++}`)
    mkdirSync(plain)
    writeFileSync(join(plain, 'events.catalog.json'), catalogWith(SAFE))
    expect(loadCatalogCached('events.catalog.json', plain).ok).toBe(true)
    expect(existsSync(join(plain, 'node_modules'))).toBe(false)

    process.env.HERALD_CACHE = '0'
    try {
      writeFileSync(join(project, 'events.catalog.json'), catalogWith(SAFE))
      expect(loadCatalogCached('events.catalog.json', project).ok).toBe(true)
      expect(existsSync(cacheFile())).toBe(false)
    } finally {
      delete process.env.HERALD_CACHE
    }
  })
})
