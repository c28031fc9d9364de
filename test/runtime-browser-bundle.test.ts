/**
 * `@herald/runtime` in the browser: an app entry that imports the runtime and the example app's generated
 * emitters is bundled by esbuild (platform browser), Vite and webpack through the package's conditional
 * exports (the built `dist`, as an installed package resolves), then run in headless Chromium. No `node:`
 * import may reach a bundle, unused runtime code must be shaken out, and `transform: hash` fields are dropped
 * by default and pseudonymized with the public salt when the app opts in.
 */
import { createHmac } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'
import { describe, expect, it } from 'vitest'
import { useBrowserHarness } from './support/browser.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = join(ROOT, 'test/fixtures/browser-app/entry.ts')
const EVENTS = join(ROOT, 'examples/app/src/telemetry/events.js')
const PUBLIC_SALT = '5a'.repeat(32)

const harness = useBrowserHarness('herald-browser-')

interface Bundle {
  /** Every output file's text, joined. */
  code: string
  /** The page to load: a module script or a classic one. */
  script: { path: string; module: boolean }
}

async function bundleWithEsbuild(): Promise<Bundle & { inputs: string[] }> {
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const code = result.outputFiles[0]!.text
  return { code, script: serve('/esbuild.js', code, true), inputs: Object.keys(result.metafile.inputs) }
}

async function bundleWithVite(): Promise<Bundle> {
  const { build } = await import('vite')
  const dir = join(harness.work, 'vite')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'index.html'), `<!doctype html><script type="module" src="/${relative(dir, ENTRY)}"></script>`)
  await build({ root: dir, configFile: false, logLevel: 'silent', build: { outDir: join(dir, 'dist'), emptyOutDir: true }, server: { fs: { allow: [ROOT] } } })
  const assets = join(dir, 'dist/assets')
  const file = readdirSync(assets).find((name) => name.endsWith('.js'))!
  const code = readFileSync(join(assets, file), 'utf8')
  return { code, script: serve('/vite.js', code, true) }
}

async function bundleWithWebpack(): Promise<Bundle> {
  // webpack reads JavaScript: the TypeScript is transpiled file by file first, as ts-loader would.
  const dir = join(harness.work, 'webpack')
  mkdirSync(dir, { recursive: true })
  for (const [from, to] of [
    [ENTRY, 'entry.js'],
    [EVENTS, 'events.js'],
  ] as const) {
    let js = (await esbuild.transform(readFileSync(from, 'utf8'), { loader: 'ts', format: 'esm' })).code
    js = js.replace('../../../examples/app/src/telemetry/events.js', './events.js')
    writeFileSync(join(dir, to), js)
  }
  const { default: webpack } = await import('webpack')
  const stats = await new Promise<import('webpack').Stats>((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        target: 'web',
        context: dir,
        entry: './entry.js',
        output: { path: join(dir, 'dist'), filename: 'bundle.js' },
        resolve: { modules: [join(ROOT, 'node_modules')] },
      },
      (error, result) => (error || !result ? reject(error ?? new Error('no stats')) : resolve(result)),
    )
  })
  expect(stats.hasErrors(), stats.toString('errors-only')).toBe(false)
  const code = readFileSync(join(dir, 'dist/bundle.js'), 'utf8')
  return { code, script: serve('/webpack.js', code, false) }
}

function serve(path: string, code: string, module: boolean): Bundle['script'] {
  harness.server.serve(path, { contentType: 'application/javascript', body: code })
  return { path, module }
}

async function run(script: Bundle['script']): Promise<unknown> {
  const { server, browser } = harness
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  const html = `<!doctype html><title>herald</title><script ${script.module ? 'type="module" ' : ''}src="${script.path}"></script>`
  server.serve(`/page${script.path}.html`, { contentType: 'text/html', body: html })
  await page.goto(`${server.url}/page${script.path}.html`)
  await page.waitForFunction(() => 'heraldResult' in globalThis, undefined, { timeout: 10_000 }).catch(() => undefined)
  const result = await page.evaluate(() => (globalThis as { heraldResult?: unknown }).heraldResult)
  await page.close()
  expect(errors).toEqual([])
  return result
}

const hmac = (value: string) => createHmac('sha256', Buffer.from(PUBLIC_SALT, 'hex')).update(value).digest('hex')

/** What the entry records: hashed fields dropped by default, the email distinct id refused, HMAC under the public salt. */
const EXPECTED = {
  byDefault: [
    { event: 'org.created', properties: { user_id: 'u_1' }, distinctId: 'u_1' },
    { event: 'security.rate_limited', properties: { limiter: 'login', count: 3 } },
  ],
  publicSalt: [{ event: 'org.created', properties: { org_id: hmac('o_1'), user_id: 'u_1' }, distinctId: 'u_1' }],
  tracked: [
    ['org.created', { user_id: 'u_1' }],
    ['security.rate_limited', { limiter: 'login', count: 3 }],
  ],
  warnings: ['hash-dropped-in-browser', 'group-key-dropped', 'email-distinct-id'],
}

function expectBrowserSafe(code: string): void {
  expect(code).not.toMatch(/["'`]node:/)
  expect(code).not.toMatch(/\bcreateHmac\b|\bcreateSecretKey\b/)
  // Tree-shaken: the default logger, the forbidden-key compiler and the delivery code are not imported here.
  expect(code).not.toContain('herald-default-logger')
  expect(code).not.toContain('compileForbiddenKeys')
  expect(code).not.toContain('x-herald-first-id')
}

describe('@herald/runtime bundled for the browser', () => {
  it('with esbuild (platform browser): the browser build only, no node: import, runs in Chromium', async () => {
    const bundle = await bundleWithEsbuild()
    expect(bundle.inputs.filter((input) => input.includes('packages/runtime/'))).not.toContainEqual(expect.stringMatching(/hashing-node|delivery|\/src\//))
    expect(bundle.inputs).toContainEqual(expect.stringMatching(/packages\/runtime\/dist\/browser\.js$/))
    expectBrowserSafe(bundle.code)
    expect(await run(bundle.script)).toEqual(EXPECTED)
  }, 60_000)

  it('with Vite: no node: import, runs in Chromium', async () => {
    const bundle = await bundleWithVite()
    expectBrowserSafe(bundle.code)
    expect(await run(bundle.script)).toEqual(EXPECTED)
  }, 60_000)

  it('with webpack (target web): no node: import, runs in Chromium', async () => {
    const bundle = await bundleWithWebpack()
    expectBrowserSafe(bundle.code)
    expect(await run(bundle.script)).toEqual(EXPECTED)
  }, 90_000)
})
