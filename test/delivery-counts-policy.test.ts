/**
 * "Counts and durations only" is a catalog policy: a category with `countsAndDurationsOnly: true` may not
 * declare a free-text string property, and `herald check` reports one as `free-text-property`.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { main } from '@herald/cli'
import { type Diagnostic, loadCatalogSync, parseCatalog } from '@herald/core'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/delivery/${name}`, import.meta.url))
const LEAKY = fixture('usage-content.catalog.json')
const CLEAN = fixture('usage-counts-only.catalog.json')

/** The 1-based line of the first occurrence of `text` in the file: where a diagnostic must point. */
function lineOf(file: string, text: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  )
}

describe('the counts-and-durations-only policy', () => {
  it('reports each free-text string property of a category that asks for counts only, where it is declared', () => {
    const result = loadCatalogSync(LEAKY)
    expect(result.ok).toBe(false)
    const found = result.diagnostics.filter((d: Diagnostic) => d.code === 'free-text-property')
    expect(found.map((d) => [d.severity, d.line])).toEqual([
      ['error', lineOf(LEAKY, '"args"')],
      ['error', lineOf(LEAKY, '"cwd"')],
    ])
    expect(found[0]!.message).toContain('"args" is free text')
    // Enums, numbers, booleans, formats, patterns and opaque ids pass; so does free text in another category.
    expect(result.diagnostics.filter((d) => d.code !== 'free-text-property')).toEqual([])
  })

  it('accepts the same catalog once the content is gone', () => {
    const result = loadCatalogSync(CLEAN)
    expect(result.diagnostics).toEqual([])
    expect(result.ok).toBe(true)
  })

  it('is opt-in: without the flag a free-text property is allowed', () => {
    const text = readFileSync(LEAKY, 'utf8').replace('"countsAndDurationsOnly": true', '"countsAndDurationsOnly": false')
    expect(parseCatalog(text, 'usage.json').diagnostics).toEqual([])
  })

  it('makes `herald check` fail with free-text-property', async () => {
    const out: string[] = []
    const io = { cwd: process.cwd(), env: {}, stdout: (t: string) => out.push(t), stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false }
    expect(await main(['check', LEAKY, '--format', 'json'], io)).toBe(1)
    const { diagnostics } = JSON.parse(out.join('')) as { diagnostics: Diagnostic[] }
    expect(diagnostics.map((d) => d.code)).toEqual(['free-text-property', 'free-text-property'])
    out.length = 0
    expect(await main(['check', CLEAN], io)).toBe(0)
  })
})
