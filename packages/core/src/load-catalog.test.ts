import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { clearCatalogCache, loadCatalogCached } from './catalog-cache.js'
import { CatalogError } from './diagnostics.js'
import { loadCatalog, loadCatalogOrThrow, loadCatalogSync, parseCatalog } from './load-catalog.js'

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-load-catalog-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const catalogJson = (events: string[]) => JSON.stringify({ events: Object.fromEntries(events.map((name) => [name, {}])) })

describe('parseCatalog', () => {
  it('reads JSON or YAML by the file name, JSON by default', () => {
    expect(parseCatalog('events:\n  a.b: {}\n', 'c.yaml').ok).toBe(true)
    expect(parseCatalog('events:\n  a.b: {}\n', 'c.json').diagnostics).toMatchObject([{ code: 'invalid-json', file: 'c.json' }])
    expect(parseCatalog('{ "events": { "a.b": {} } }').catalog!.file).toBe('catalog.json')
  })

  it('stops at the first phase that fails: no schema errors for text that does not parse', () => {
    expect(parseCatalog('{ "events": [ }', 'c.json').diagnostics.map((d) => d.code)).toEqual(['invalid-json'])
    expect(parseCatalog('{ "events": [] }', 'c.json').diagnostics.map((d) => d.code)).toEqual(['invalid-type'])
  })

  it('reports repeated keys together with schema errors, which do not depend on them', () => {
    const result = parseCatalog('{ "version": "1", "events": {}, "events": {} }', 'c.json')
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['duplicate-key', 'invalid-value'])
  })
})

describe('loadCatalogSync, loadCatalog, loadCatalogOrThrow', () => {
  it('load the same catalog from a file', async () => {
    const path = join(dir, 'same.catalog.json')
    writeFileSync(path, catalogJson(['a.b', 'c.d']))
    const sync = loadCatalogSync(path)
    const async = await loadCatalog(path)
    expect(sync.catalog!.events.map((e) => e.name)).toEqual(['a.b', 'c.d'])
    expect(async.catalog!.events.map((e) => e.name)).toEqual(['a.b', 'c.d'])
    expect(loadCatalogOrThrow(path).file).toBe(path)
  })

  it('name the file in every diagnostic', () => {
    const path = join(dir, 'bad.catalog.yaml')
    writeFileSync(path, 'events:\n  Bad Name: {}\n')
    expect(loadCatalogSync(path).diagnostics).toMatchObject([{ code: 'event-name-has-space', file: path, line: 2, column: 3 }])
  })

  it('loadCatalogOrThrow throws a CatalogError that lists the diagnostics', () => {
    const path = join(dir, 'throws.catalog.json')
    writeFileSync(path, '{ "events": { "a b": {} } }')
    let thrown: unknown
    try {
      loadCatalogOrThrow(path)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CatalogError)
    expect((thrown as CatalogError).diagnostics.map((d) => d.code)).toEqual(['event-name-has-space'])
    expect((thrown as CatalogError).message).toContain(`${path}:1:15: error event-name-has-space`)
  })
})

describe('loadCatalogCached', () => {
  afterEach(() => clearCatalogCache())

  it('returns the cached result while the file is unchanged', () => {
    const path = join(dir, 'cached.catalog.json')
    writeFileSync(path, catalogJson(['a.b']))
    expect(loadCatalogCached(path)).toBe(loadCatalogCached(path))
  })

  it('sees an edit, even one that keeps the size, once the mtime changes', () => {
    const path = join(dir, 'edited.catalog.json')
    writeFileSync(path, catalogJson(['a.b']))
    const before = loadCatalogCached(path)
    expect(before.catalog!.events.map((e) => e.name)).toEqual(['a.b'])

    writeFileSync(path, catalogJson(['c.d']))
    const mtime = new Date(statSync(path).mtimeMs + 5000)
    utimesSync(path, mtime, mtime)
    const after = loadCatalogCached(path)
    expect(after).not.toBe(before)
    expect(after.catalog!.events.map((e) => e.name)).toEqual(['c.d'])
  })

  it('resolves a relative path against cwd', () => {
    writeFileSync(join(dir, 'relative.catalog.json'), catalogJson(['a.b']))
    expect(loadCatalogCached('relative.catalog.json', dir).ok).toBe(true)
  })

  it('picks up a missing file once it exists', () => {
    const path = join(dir, 'later.catalog.json')
    expect(loadCatalogCached(path).diagnostics.map((d) => d.code)).toEqual(['file-not-found'])
    writeFileSync(path, catalogJson(['a.b']))
    expect(loadCatalogCached(path).ok).toBe(true)
  })

  it('forgets everything on clearCatalogCache', () => {
    const path = join(dir, 'cleared.catalog.json')
    writeFileSync(path, catalogJson(['a.b']))
    const first = loadCatalogCached(path)
    clearCatalogCache()
    expect(loadCatalogCached(path)).not.toBe(first)
  })
})
