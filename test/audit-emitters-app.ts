/**
 * The audit-emitters fixture app with its generated emitters: `events.js` and `events.d.ts` are generated from the fixture's
 * catalog by `@herald/generator-typescript`, as `herald generate` would write it, into a fresh copy of the app,
 * so the audit always meets what the generator writes today.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalog, loadCatalogOrThrow } from '@herald/core'
import { generate } from '@herald/generator-typescript'

export const EMITTERS_FIXTURE = fileURLToPath(new URL('./fixtures/audit-emitters/', import.meta.url))

export function emittersCatalog(): Catalog {
  return loadCatalogOrThrow(join(EMITTERS_FIXTURE, 'catalog.json'))
}

/** A fresh copy of the app, its `src/telemetry/events.js` and `events.d.ts` generated from `catalog`; returns its folder. */
export function appWithEmitters(catalog: Catalog = emittersCatalog()): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-audit-emitters-'))
  cpSync(EMITTERS_FIXTURE, dir, { recursive: true })
  for (const file of generate(catalog)) writeFileSync(join(dir, 'src/telemetry', file.path), file.content)
  return dir
}

/** The `.ts` files under `dir`, by path relative to it. */
export function sourceFiles(dir: string, base = dir): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) Object.assign(files, sourceFiles(path, base))
    else if (name.endsWith('.ts')) files[relative(base, path)] = readFileSync(path, 'utf8')
  }
  return files
}
