/**
 * A browser build carries HMAC-SHA256 only when the app opts in: an emitter whose event hashes a field, bundled
 * for the browser, brings no SHA-256 and no salt handling unless the entry passes
 * `browserHashing: publicSaltHashing()` from `@herald/runtime/public-salt`; with it, the bundle hashes.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generate } from '@herald/generator-typescript'
import { build } from 'esbuild'
import { expect, it } from 'vitest'
import { loadFixture, ROOT, writeTemp } from './generate-helpers.js'

const BROWSER_RUNTIME = join(ROOT, 'packages/runtime/src/browser.ts')
const PUBLIC_SALT = join(ROOT, 'packages/runtime/src/public-salt.ts')
const catalog = loadFixture('schema/events.catalog.json')
const dir = writeTemp(generate(catalog, { runtimeModule: BROWSER_RUNTIME }))

async function bundle(name: string, optIn: boolean): Promise<string> {
  const entry = join(dir, `${name}.entry.ts`)
  writeFileSync(
    entry,
    [
      `import { createTelemetry, memorySink } from '${BROWSER_RUNTIME}'`,
      optIn ? `import { publicSaltHashing } from '${PUBLIC_SALT}'` : '',
      `import { securityRateLimited } from './events.js'`,
      `const sink = memorySink()`,
      `const warnings = []`,
      `const t = createTelemetry({ sinks: [sink], enabled: true, env: 'production', salt: '5a'.repeat(32), onWarn: (w) => warnings.push(w.kind)${optIn ? ', browserHashing: publicSaltHashing()' : ''} })`,
      `securityRateLimited(t, { limiter: 'login', limit_key: 'ip:203.0.113.7', count: 3 })`,
      `export const result = { properties: sink.events[0].properties, warnings }`,
    ].join('\n'),
  )
  const out = join(dir, `${name}.bundle.mjs`)
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    outfile: out,
    write: false,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]!.text
  writeFileSync(out, code)
  return out
}

it('leaves the HMAC and the salt handling out of a browser build that does not opt in, and drops the hashed field', async () => {
  const out = await bundle('default', false)
  const code = (await import('node:fs')).readFileSync(out, 'utf8')
  expect(code).not.toContain('Math.cbrt') // SHA-256's round constants
  expect(code).not.toContain('64 hex characters') // the salt checks
  const { result } = (await import(pathToFileURL(out).href)) as { result: { properties: Record<string, unknown>; warnings: string[] } }
  expect(result.properties).toEqual({ limiter: 'login', count: 3 })
  expect(result.warnings).toEqual(['hash-dropped-in-browser'])
}, 60_000)

it('brings the HMAC in with publicSaltHashing(), and hashes as node:crypto does', async () => {
  const out = await bundle('opted-in', true)
  const code = (await import('node:fs')).readFileSync(out, 'utf8')
  expect(code).toContain('Math.cbrt')
  const { result } = (await import(pathToFileURL(out).href)) as { result: { properties: Record<string, unknown>; warnings: string[] } }
  const { createHmac } = await import('node:crypto')
  const hmac = createHmac('sha256', Buffer.from('5a'.repeat(32), 'hex'))
    .update('ip:203.0.113.7')
    .digest('hex')
  expect(result.properties).toEqual({ limiter: 'login', limit_key: hmac, count: 3 })
  expect(result.warnings).toEqual([])
}, 60_000)
