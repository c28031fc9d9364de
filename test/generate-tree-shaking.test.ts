/** A bundle of a file that imports one emitter holds no other event's name, and is small (goal ≤ 3 KB min+gzip). */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { generate } from '@herald/generator-typescript'
import { build } from 'esbuild'
import { expect, it } from 'vitest'
import { loadFixture, ROOT, RUNTIME_ENTRY, writeTemp } from './generate-helpers.js'

it('bundles one emitter without the others, within the size goal', async () => {
  const catalog = loadFixture('schema/events.catalog.json')
  const dir = writeTemp(generate(catalog, { runtimeModule: RUNTIME_ENTRY }))
  writeFileSync(join(dir, 'entry.ts'), "import { createTelemetry } from '" + RUNTIME_ENTRY + "'\nimport { securityRateLimited } from './events.ts'\nsecurityRateLimited(createTelemetry(), { limiter: 'login', count: 1 })\n")
  const result = await build({ entryPoints: [join(dir, 'entry.ts')], bundle: true, minify: true, write: false, format: 'esm', platform: 'node', absWorkingDir: ROOT, logLevel: 'silent' })
  const code = result.outputFiles[0]!.text
  expect(code).toContain('security.rate_limited')
  const others = catalog.wireEvents.map((wire) => wire.name).filter((name) => name !== 'security.rate_limited')
  expect(others.filter((name) => code.includes(`"${name}"`) || code.includes(`'${name}'`))).toEqual([])
  const gzipped = gzipSync(code).length
  console.info(`tree-shaken bundle of one emitter with the runtime core: ${code.length} B min, ${gzipped} B min+gzip`)
  expect(gzipped).toBeLessThanOrEqual(3 * 1024)
})
