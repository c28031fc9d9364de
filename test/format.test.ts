/** The hand-written code is formatted (Biome, biome.json): `pnpm format` fixes what this finds. */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BIOME = join(dirname(createRequire(import.meta.url).resolve('@biomejs/biome/package.json')), 'bin/biome')

it('every hand-written source file is formatted as biome.json says (pnpm format fixes it)', () => {
  const result = spawnSync(process.execPath, [BIOME, 'format', '--max-diagnostics=20', '.'], { cwd: ROOT, encoding: 'utf8' })
  expect(result.status, result.stdout + result.stderr).toBe(0)
  expect(result.stdout + result.stderr).toMatch(/Checked \d+ files?/)
})
