/**
 * identify, group and alias are paid for only by the apps that call them: a tree-shaken bundle of an event
 * emitter holds none of their code, and one of identify holds neither group's nor alias'.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generate } from '@herald/generator-typescript'
import { build } from 'esbuild'
import { expect, it } from 'vitest'
import { loadFixture, ROOT, RUNTIME_ENTRY, writeTemp } from './generate-helpers.js'

const dir = writeTemp(generate(loadFixture('schema/events.catalog.json'), { runtimeModule: RUNTIME_ENTRY }))

async function bundle(name: string, call: string): Promise<string> {
  const entry = join(dir, `${name}.identity-entry.ts`)
  writeFileSync(entry, `import { createTelemetry } from '${RUNTIME_ENTRY}'\nimport { ${name} } from './events.js'\n${name}(createTelemetry(), ${call})\n`)
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'node',
    absWorkingDir: ROOT,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return result.outputFiles[0]!.text
}

const MARKS = { identify: ['$identify', '$set_once'], group: ['$groupidentify', 'email-group-key', 'seats'], alias: ['$create_alias'] }

it('an app that only captures events bundles nothing of identify, group or alias', async () => {
  const code = await bundle('authSignup', "{ user_id: 'u_1', method: 'password' }")
  expect(code).toContain('auth.signup')
  for (const mark of Object.values(MARKS).flat()) expect(code, mark).not.toContain(mark)
})

it('an app that identifies bundles identify, and neither group nor alias', async () => {
  const code = await bundle('identify', "'u_1', { set: { tier: 'team' } }")
  for (const mark of MARKS.identify) expect(code, mark).toContain(mark)
  for (const mark of [...MARKS.group, ...MARKS.alias]) expect(code, mark).not.toContain(mark)
  expect(code).not.toContain('auth.signup')
})
