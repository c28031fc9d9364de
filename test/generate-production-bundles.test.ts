/**
 * Production builds carry no validators: esbuild, Vite and webpack, each in production mode, bundle an entry
 * that uses two emitters of the example catalog; no validator message survives, and no other event's name.
 * Development builds keep the validators and still drop the other events, and under plain node (this
 * process, NODE_ENV unset) the generated validators run.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generate } from '@herald/generator-typescript'
import { build as esbuild } from 'esbuild'
import { build as vite } from 'vite'
import webpack from 'webpack'
import { describe, expect, it } from 'vitest'
import { loadFixture, ROOT, writeTemp } from './generate-helpers.js'

const catalog = loadFixture('schema/events.catalog.json')
// The built runtime, as an app would import it; node:* stays external (the runtime's browser build is issue 15's).
const RUNTIME = join(ROOT, 'packages/runtime/dist/index.js')
const dir = writeTemp(generate(catalog, { runtimeModule: RUNTIME }))
writeFileSync(
  join(dir, 'entry.js'),
  "import { authSignup, securityRateLimited } from './events.js'\nexport const emitters = [authSignup, securityRateLimited]\n",
)
const entry = join(dir, 'entry.js')
const VALIDATOR_TEXT = /must be one of|must have the required property|is not declared/

type Mode = 'production' | 'development'

async function withEsbuild(mode: Mode): Promise<string> {
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    minify: mode === 'production',
    write: false,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    external: ['node:*'],
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

async function withVite(mode: Mode): Promise<string> {
  const result = await vite({
    configFile: false,
    logLevel: 'silent',
    mode,
    root: dir,
    build: { write: false, minify: mode === 'production', lib: { entry, formats: ['es'], fileName: 'out' }, rollupOptions: { external: [/^node:/] } },
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Array<{ output: Array<{ type: string; code?: string }> }>
  return outputs
    .flatMap((r) => r.output)
    .map((chunk) => chunk.code ?? '')
    .join('\n')
}

function withWebpack(mode: Mode): Promise<string> {
  const out = join(dir, `webpack-${mode}`)
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode,
        entry,
        output: { path: out, filename: 'out.js', library: { type: 'module' } },
        experiments: { outputModule: true },
        externals: [/^node:/],
        externalsType: 'module',
        devtool: false,
        target: 'web',
      },
      (error, stats) => {
        if (error || stats?.hasErrors()) return reject(error ?? new Error(stats!.toString('errors-only')))
        resolve(
          readdirSync(out)
            .map((file) => readFileSync(join(out, file), 'utf8'))
            .join('\n'),
        )
      },
    )
  })
}

const others = (code: string) =>
  catalog.wireEvents.map((w) => w.name).filter((name) => name !== 'auth.signup' && name !== 'security.rate_limited' && code.includes(`"${name}"`))

// webpack's development mode shakes nothing from any module (no usedExports), so only its production build is held to it.
describe.each([
  ['esbuild', withEsbuild, true],
  ['Vite', withVite, true],
  ['webpack', withWebpack, false],
] as const)('%s', (_, bundle, shakesInDevelopment) => {
  it('drops every validator from a production build, and every other event', async () => {
    const code = await bundle('production')
    expect(code).toMatch(/auth\.signup/)
    expect(code).not.toMatch(VALIDATOR_TEXT)
    expect(others(code)).toEqual([])
  }, 60_000)

  it('keeps the validators in a development build (and, where the bundler shakes there, only the imported events)', async () => {
    const code = await bundle('development')
    expect(code).toMatch(VALIDATOR_TEXT)
    if (shakesInDevelopment) expect(others(code)).toEqual([])
  }, 60_000)
})

it('validates under plain node and vitest, where process.env.NODE_ENV is read at run time', async () => {
  const m = (await import(pathToFileURL(join(dir, 'events.js')).href)) as Record<string, (...args: unknown[]) => void>
  const { createTelemetry, memorySink } = (await import(pathToFileURL(RUNTIME).href)) as typeof import('@herald/runtime')
  const warnings: string[] = []
  const t = createTelemetry({ sinks: [memorySink()], enabled: true, envVars: {}, onWarn: (w) => warnings.push(w.message) })
  m.securityRateLimited!(t, { limiter: 'nope', count: 1 })
  expect(warnings.join('\n')).toMatch(/security\.rate_limited: .*limiter must be one of/)
})
