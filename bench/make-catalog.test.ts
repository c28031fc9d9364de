import { eventIdentifier, parseCatalog } from '@herald/core'
import { describe, expect, it } from 'vitest'
import { catalogText, makeCatalog } from './make-catalog.js'

describe('makeCatalog', () => {
  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    expect(catalogText(200, 7)).toBe(catalogText(200, 7))
    expect(catalogText(200, 7)).not.toBe(catalogText(200, 8))
  })

  it('writes catalogs that herald check accepts without a diagnostic', () => {
    for (const seed of [1, 2, 3]) {
      const result = parseCatalog(catalogText(400, seed), `synthetic-${seed}.json`)
      expect(result.diagnostics).toEqual([])
      expect(result.ok).toBe(true)
      expect(result.catalog?.events).toHaveLength(400)
    }
  })

  it('has the shapes of a real catalog', () => {
    const events = Object.values(makeCatalog(1000, 5).events)
    const propertyCounts = events.map((event) => Object.keys(event.properties).length)
    expect(Math.min(...propertyCounts)).toBeGreaterThanOrEqual(5)
    expect(Math.max(...propertyCounts)).toBeLessThanOrEqual(15)
    const share = (predicate: (event: (typeof events)[number]) => boolean) => events.filter(predicate).length / events.length
    expect(share((e) => e.kind === 'span')).toBeGreaterThan(0.08)
    expect(share((e) => e.deprecated !== undefined)).toBeGreaterThan(0.01)
    expect(share((e) => Object.values(e.properties).some((p) => typeof p.$ref === 'string'))).toBeGreaterThan(0.9)
    expect(share((e) => Object.values(e.properties).some((p) => Array.isArray(p.enum)))).toBeGreaterThan(0.5)
    expect(share((e) => Object.values(e.properties).some((p) => p.pii === 'personal' && p.transform !== undefined))).toBeGreaterThan(0.2)
    expect(new Set(events.map((e) => e.category)).size).toBe(12)
  })

  it('keeps names and generated identifiers unique past every category × resource × action combination', () => {
    const names = Object.keys(makeCatalog(15_000, 1).events)
    expect(names).toHaveLength(15_000)
    expect(new Set(names.map(eventIdentifier)).size).toBe(15_000)
  })

  it('refuses a count that is not a positive integer', () => {
    expect(() => makeCatalog(0)).toThrow(RangeError)
    expect(() => makeCatalog(2.5)).toThrow(RangeError)
  })
})
