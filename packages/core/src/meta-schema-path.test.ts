import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { META_SCHEMA_FILE, metaSchemaPathFor } from './meta-schema-path.js'

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const work = mkdtempSync(join(tmpdir(), 'herald-meta-schema-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the shipped meta-schema', () => {
  it('is byte for byte schema/catalog.schema.json (run `pnpm -F @herald/core compile-meta-schema` after editing it)', () => {
    expect(readFileSync(META_SCHEMA_FILE, 'utf8')).toBe(readFileSync(join(packageDir, '../../schema/catalog.schema.json'), 'utf8'))
  })

  it('is listed in the package files and exports', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> }
    expect(manifest.files).toContain('catalog.schema.json')
    expect(manifest.exports['./catalog.schema.json']).toBe('./catalog.schema.json')
  })
})

describe('metaSchemaPathFor', () => {
  // A project whose node_modules/@herald/core is this package, as npm installs it (pnpm links it the same way).
  const project = join(work, 'app')
  mkdirSync(join(project, 'node_modules', '@herald'), { recursive: true })
  symlinkSync(packageDir, join(project, 'node_modules', '@herald', 'core'), 'dir')
  mkdirSync(join(project, 'schema', 'nested'), { recursive: true })

  it('points through node_modules/@herald/core from the catalog folder and from below it', () => {
    expect(metaSchemaPathFor(project)).toBe('./node_modules/@herald/core/catalog.schema.json')
    expect(metaSchemaPathFor(join(project, 'schema'))).toBe('../node_modules/@herald/core/catalog.schema.json')
    expect(metaSchemaPathFor(join(project, 'schema', 'nested'))).toBe('../../node_modules/@herald/core/catalog.schema.json')
  })

  it('falls back to a relative path to the shipped file when no node_modules up the tree holds it', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'herald-meta-schema-bare-'))
    try {
      const path = metaSchemaPathFor(elsewhere)
      expect(path.startsWith('.')).toBe(true)
      expect(readFileSync(resolve(elsewhere, path), 'utf8')).toBe(readFileSync(META_SCHEMA_FILE, 'utf8'))
    } finally {
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })
})
