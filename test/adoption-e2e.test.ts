/**
 * Adoption, end to end, as a new user outside this repository: every package packed (`pnpm pack`), installed
 * with npm into a fresh project that already has TypeScript, then the README's quick start as written —
 * `herald init --from-code` over an app with raw posthog-node and posthog-js calls, `herald generate`, the app
 * moved onto the emitters, `tsc` under the strictest flags, ESLint with the README's snippet, `herald audit`, a
 * Vite production build run in headless Chromium through the real posthog-js, and a Node process through the
 * real posthog-node, both to the local capture server on 127.0.0.1. The events received are asserted exactly.
 *
 * Third-party packages come from the npm registry (npm's cache keeps reruns fast). The tarballs are not on the
 * registry, so the project's `overrides` point every `@herald/*` at its tarball, with the same spec the README's
 * install line saves.
 */
import { execFile, type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser.js'
import { type CapturedEvent, type CaptureServer, startCaptureServer } from './support/capture-server.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const FIXTURE = join(ROOT, 'test/fixtures/adoption-app')
const PACKAGE_DIRS = ['packages', 'generators'].flatMap((group) => readdirSync(join(ROOT, group)).map((name) => `${group}/${name}`))
/** The issue's bar for `npm i` of the Herald packages into a project that has TypeScript. */
const MAX_ADDED_BYTES = 60_000_000
const SALT = 'a1'.repeat(32)
const STEP_MS = 180_000

const work = mkdtempSync(join(tmpdir(), 'herald-adoption-'))
const tarballs = join(work, 'tarballs')
const app = join(work, 'app')
let server: CaptureServer
let browser: Browser | undefined

/** The child's environment without what pnpm and vitest set for themselves (npm reads `npm_config_*`). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|NODE_OPTIONS$|VITEST|TEST$|NODE_ENV$)/.test(key)) continue
    env[key] = value
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra }
}

function run(command: string, args: readonly string[], cwd = work, extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: cleanEnv(extra), timeout: STEP_MS, maxBuffer: 64 << 20 })
}

/** A command the project installed, never one of this repository's (pnpm puts its own bin folder on PATH). */
function bin(name: string, args: readonly string[], cwd = app, extra: Record<string, string> = {}) {
  return run(join(app, 'node_modules/.bin', name), args, cwd, extra)
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

/** A process that talks to the capture server, which runs in this process: spawnSync would block its replies. */
function runAsync(command: string, args: readonly string[], cwd: string, extra: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd, encoding: 'utf8', env: cleanEnv(extra), timeout: STEP_MS }, (error, stdout, stderr) => {
      done({
        status: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        output: `${stdout}${stderr}${error && typeof error.code !== 'number' ? String(error) : ''}`,
      })
    })
  })
}

function duBytes(dir: string): number {
  return Number(ok(run('du', ['-sk', dir]), 'du').split('\t')[0]) * 1024
}

/** The README's "use Herald in your project" block: its commands, comments dropped, `&&` split. */
function readmeQuickStart(): { commands: string[]; eslintConfig: string } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('### Use Herald in your project'))
  const sh = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? ''
  const commands = sh
    .split('\n')
    .map((line) => line.replace(/\s#.*$/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split('&&').map((part) => part.trim()))
  const eslintConfig = /```js\n(\/\/ eslint\.config\.js\n[\s\S]*?)```/.exec(section)?.[1] ?? ''
  return { commands, eslintConfig }
}

/** `npm i @herald/cli` with the tarball in place of the registry name. */
function withTarballs(args: string[]): string[] {
  return args.map((arg) => (arg.startsWith('@herald/') ? `../tarballs/herald-${arg.slice('@herald/'.length)}-0.1.0.tgz` : arg))
}

function npm(args: string[]) {
  return run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app)
}

/** Herald's own properties: what the SDKs add ($lib, $current_url, token, distinct_id, …) left out. */
function heraldProperties(event: CapturedEvent): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event.properties).filter(([key]) => !key.startsWith('$') && key !== 'token' && key !== 'distinct_id'))
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

type Json = Record<string, unknown>

beforeAll(async () => {
  server = await startCaptureServer()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('adoption: from npm i to events arriving from a browser and a Node process', () => {
  const quickStart = readmeQuickStart()
  let sizeBefore = 0

  it('the README quick start is the install line, init, generate and audit, and an ESLint entry', () => {
    expect(quickStart.commands).toEqual([
      'npm i -D @herald/cli @herald/eslint-plugin',
      'npm i @herald/runtime',
      'npx herald init --from-code',
      'npx herald generate',
      'npx herald audit',
    ])
    expect(quickStart.eslintConfig).toContain("import herald from '@herald/eslint-plugin'")
    expect(quickStart.eslintConfig).toContain('herald.configs.recommended')
  })

  it(
    'packs every package with its LICENSE and README, without .tsbuildinfo, with the fields a registry shows',
    () => {
      mkdirSync(tarballs)
      for (const dir of PACKAGE_DIRS) ok(run('pnpm', ['pack', '--pack-destination', tarballs], join(ROOT, dir)), `pnpm pack in ${dir}`)
      const packed = readdirSync(tarballs).sort()
      expect(packed).toHaveLength(PACKAGE_DIRS.length)
      for (const tarball of packed) {
        const files = ok(run('tar', ['-tzf', join(tarballs, tarball)]), 'tar')
          .split('\n')
          .filter(Boolean)
          .map((f) => f.replace(/^package\//, ''))
        expect(files, tarball).toContain('LICENSE')
        expect(files, tarball).toContain('README.md')
        expect(
          files.filter((f) => f.endsWith('.tsbuildinfo')),
          tarball,
        ).toEqual([])
        const manifest = JSON.parse(ok(run('tar', ['-xzOf', join(tarballs, tarball), 'package/package.json']), 'tar')) as Json
        expect(manifest, tarball).toMatchObject({ license: 'MIT', repository: { type: 'git' }, engines: { node: expect.any(String) } })
        expect(manifest, tarball).toHaveProperty('sideEffects')
        expect(manifest, tarball).toHaveProperty('homepage')
        expect(manifest, tarball).toHaveProperty('bugs')
        expect(JSON.stringify(manifest), `${tarball} keeps a workspace: range`).not.toContain('workspace:')
        // Every page or file a README sends its reader to by a relative link is in the package.
        const readme = ok(run('tar', ['-xzOf', join(tarballs, tarball), 'package/README.md']), 'tar')
        for (const [, target] of readme.matchAll(/\]\((?!https?:|#|mailto:)([^)#\s]+)/g))
          expect(files, `${tarball}: README links ${target}`).toContain(target!.replace(/^\.\//, ''))
        // …and every path of the package that a README or help text names as `@herald/<name>/<file>`.
        const name = String(manifest['name'])
        for (const [, file] of readme.matchAll(new RegExp(`${name.replace('/', '\\/')}\\/([\\w./-]+\\.(?:json|md))`, 'g')))
          expect(files, `${tarball}: README names ${file}`).toContain(file)
      }
      const core = ok(run('tar', ['-tzf', join(tarballs, 'herald-core-0.1.0.tgz')]), 'tar')
      expect(core).toContain('package/catalog.schema.json')
      const audit = ok(run('tar', ['-tzf', join(tarballs, 'herald-audit-0.1.0.tgz')]), 'tar')
      expect(audit).toContain('package/schema/audit-report.schema.json')
    },
    STEP_MS,
  )

  it(
    'installs with the README line into a project that has TypeScript, adding at most 60 MB and no second TypeScript',
    () => {
      cpSync(join(FIXTURE, 'before'), app, { recursive: true })
      const manifest = readJson<Json>(join(app, 'package.json'))
      const overrides = Object.fromEntries(
        readdirSync(tarballs).map((file) => [`@herald/${/^herald-(.+)-0\.1\.0\.tgz$/.exec(file)![1]}`, `file:../tarballs/${file}`]),
      )
      writeFileSync(join(app, 'package.json'), `${JSON.stringify({ ...manifest, overrides }, null, 2)}\n`)
      ok(npm(['i', '-D', 'typescript@~6.0.3', '@types/node@^20.19.0']), 'npm i typescript')
      sizeBefore = duBytes(join(app, 'node_modules'))

      for (const command of quickStart.commands.filter((c) => c.startsWith('npm '))) ok(npm(withTarballs(command.split(/\s+/).slice(1))), command)
      const added = duBytes(join(app, 'node_modules')) - sizeBefore
      expect(added, `npm i of the Herald packages added ${(added / 1e6).toFixed(1)} MB`).toBeLessThanOrEqual(MAX_ADDED_BYTES)

      const typescripts = ok(run('find', ['node_modules', '-path', '*/typescript/package.json', '-not', '-path', '*/typescript/node_modules/*'], app), 'find')
        .split('\n')
        .filter((line) => line && readJson<Json>(join(app, line))['name'] === 'typescript')
      expect(typescripts).toEqual(['node_modules/typescript/package.json'])
      expect(existsSync(join(app, 'node_modules/ts-morph'))).toBe(false)
      const installed = readJson<Json>(join(app, 'package.json'))
      expect(Object.keys(installed['devDependencies'] as Json).sort()).toEqual(['@herald/cli', '@herald/eslint-plugin', '@types/node', 'typescript'])
      expect(Object.keys(installed['dependencies'] as Json)).toEqual(['@herald/runtime'])
    },
    STEP_MS,
  )

  it(
    'installs the rest of the app: its SDKs, ESLint with the TypeScript parser, Vite',
    () => {
      ok(npm(['i', 'posthog-node@^5.70.0', 'posthog-js@^1.449.2']), 'npm i posthog')
      ok(npm(['i', '-D', 'eslint@^10.15.0', '@typescript-eslint/parser@^8.73.0', 'vite@^8.3.8']), 'npm i eslint vite')
    },
    STEP_MS,
  )

  it(
    'herald init --from-code drafts the catalog and a config, with $schema resolving offline and $pageview verbatim',
    () => {
      const init = bin('herald', ['init', '--from-code'])
      expect(init.status, init.stderr).toBe(0)
      expect(init.stderr).toContain('"email" of "order.completed" is a forbidden key')
      expect(init.stderr).toContain('herald.configs.recommended')
      const configs = readdirSync(app).filter((name) => name.startsWith('herald.config.'))
      expect(configs).toHaveLength(1)

      const catalogFile = join(app, 'schema/events.catalog.json')
      const catalog = readJson<Json>(catalogFile)
      const schemaPath = String(catalog['$schema'])
      expect(schemaPath).not.toMatch(/^https?:/)
      expect(readFileSync(resolve(dirname(catalogFile), schemaPath), 'utf8')).toBe(readFileSync(join(ROOT, 'schema/catalog.schema.json'), 'utf8'))
      expect(Object.keys(catalog['events'] as Json).sort()).toEqual(['$pageview', 'checkout.started', 'order.completed', 'search.performed', 'user.signed_up'])
    },
    STEP_MS,
  )

  it(
    'after the review the README asks for (distinct id, PII), herald check passes and herald generate works from a subfolder too',
    () => {
      const catalogFile = join(app, 'schema/events.catalog.json')
      const catalog = readJson<{ events: Record<string, { properties: Record<string, Json> }> } & Json>(catalogFile)
      catalog['privacy'] = { distinctId: { property: 'user_id' } }
      for (const name of ['order.completed', 'user.signed_up']) Object.assign(catalog.events[name]!.properties['user_id']!, { pii: 'pseudonymous' })
      Object.assign(catalog.events['order.completed']!.properties['ip']!, { pii: 'personal', transform: 'hash' })
      Object.assign(catalog.events['checkout.started']!.properties['coupon_code']!, { pii: 'personal', transform: 'hash' })
      writeFileSync(catalogFile, `${JSON.stringify(catalog, null, 2)}\n`)
      ok(bin('herald', ['check']), 'herald check')

      ok(bin('herald', ['generate']), 'herald generate')
      expect(readdirSync(join(app, 'src/telemetry')).filter((f) => /^events\.(ts|js)$/.test(f))).toHaveLength(1)
      ok(bin('herald', ['generate', '--check'], join(app, 'src/web')), 'herald generate --check from src/web')
    },
    STEP_MS,
  )

  it(
    'the app on the emitters compiles under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess and the rest',
    () => {
      cpSync(join(FIXTURE, 'after'), app, { recursive: true })
      ok(bin('tsc', ['-p', 'tsconfig.web.json']), 'tsc -p tsconfig.web.json')
      ok(bin('tsc', ['-p', 'tsconfig.server.json']), 'tsc -p tsconfig.server.json')
    },
    STEP_MS,
  )

  it(
    'ESLint with the README snippet lints the TypeScript and reports what herald audit reports, at the same severities',
    () => {
      writeFileSync(join(app, 'eslint.config.js'), quickStart.eslintConfig.replace(/^\s*\/\/ \.\.\.your config\n/m, ''))
      const lint = bin('eslint', ['--format', 'json', 'src'])
      expect(lint.status, lint.stderr).toBe(1)
      const results = JSON.parse(lint.stdout) as {
        filePath: string
        messages: { ruleId: string | null; severity: number; line: number; column: number; message: string }[]
      }[]
      // Every hand-written TypeScript file is linted, none ignored.
      expect(results.map((r) => relative(app, r.filePath)).sort()).toEqual(
        expect.arrayContaining(['src/server/main.ts', 'src/server/orders.ts', 'src/web/legacy.ts', 'src/web/main.ts']),
      )
      const eslintFindings = results.flatMap((r) =>
        r.messages.map((m) => ({
          file: relative(app, r.filePath),
          rule: m.ruleId,
          severity: m.severity === 2 ? 'error' : 'warning',
          line: m.line,
          column: m.column,
          message: m.message,
        })),
      )
      // The generated folder is ignored as the snippet says: no finding, and no unused-directive warning, from it.
      expect(results.map((r) => relative(app, r.filePath)).filter((f) => f.startsWith('src/telemetry/'))).toEqual([])
      expect(
        eslintFindings.every((f) => f.file === 'src/web/legacy.ts'),
        JSON.stringify(eslintFindings),
      ).toBe(true)
      expect(eslintFindings.map((f) => f.rule)).toEqual(expect.arrayContaining(['herald/valid-event-name', 'herald/no-forbidden-property']))

      const audit = bin('herald', ['audit'])
      expect(audit.status, audit.stdout + audit.stderr).toBe(1)
      const json = bin('herald', ['audit', '--format', 'json'])
      expect(json.status, json.stderr).toBe(1)
      const report = JSON.parse(json.stdout) as {
        findings: { ruleId: string; severity: string; file: string; line: number; column: number; message: string }[]
        callSites: { emitter?: string }[]
      }
      const auditFindings = report.findings.map((f) => ({
        file: f.file,
        rule: `herald/${f.ruleId.replace(/^herald\//, '')}`,
        severity: f.severity,
        line: f.line,
        column: f.column,
        message: f.message,
      }))
      const order = (a: { line: number; column: number; rule: string | null }, b: typeof a) =>
        a.line - b.line || a.column - b.column || String(a.rule).localeCompare(String(b.rule))
      expect(auditFindings.sort(order)).toEqual(eslintFindings.sort(order))
      expect(report.callSites.flatMap((site) => (site.emitter ? [site.emitter] : [])).sort()).toEqual([
        'checkout.started',
        'order.completed',
        'search.performed',
        'user.signed_up',
      ])
    },
    STEP_MS,
  )

  it(
    'a Node process sends through posthog-node: names, properties and distinct ids exact, the IP hashed with the salt',
    async () => {
      const node = await runAsync(process.execPath, ['build/server/main.js'], app, { POSTHOG_HOST: server.url, HERALD_SALT: SALT })
      expect(node.status, node.output).toBe(0)
      const received = await server.waitForEvents(3, { timeoutMs: 15_000, filter: (e) => e.path.startsWith('/batch') })
      expect(server.errors).toEqual([])
      expect(received.map((e) => [e.event, e.distinctId, heraldProperties(e)])).toEqual([
        ['user.signed_up', 'u_1', { user_id: 'u_1', plan: 'pro' }],
        [
          'order.completed',
          'u_1',
          {
            user_id: 'u_1',
            order_id: 'o_1',
            total_cents: 4200,
            currency: 'EUR',
            ip: createHmac('sha256', Buffer.from(SALT, 'hex')).update('203.0.113.7').digest('hex'),
          },
        ],
        ['user.signed_up', 'u_2', { user_id: 'u_2', plan: 'free' }],
      ])
      const wire = JSON.stringify(received.map((e) => e.raw))
      for (const secret of ['ada@example.com', 'grace@example.com', '203.0.113.7', '"email"']) expect(wire).not.toContain(secret)
    },
    STEP_MS,
  )

  it(
    'a Vite production build runs in Chromium and sends through posthog-js: exact events, the hashed coupon dropped with one warning',
    async () => {
      ok(bin('vite', ['build']), 'vite build')
      const dist = join(app, 'dist')
      for (const file of readdirSync(join(dist, 'assets'))) {
        server.serve(`/assets/${file}`, {
          contentType: file.endsWith('.css') ? 'text/css' : 'application/javascript',
          body: readFileSync(join(dist, 'assets', file)),
        })
      }
      server.serve('/index.html', { contentType: 'text/html', body: readFileSync(join(dist, 'index.html')) })
      const bundle = readdirSync(join(dist, 'assets'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(dist, 'assets', f), 'utf8'))
        .join('\n')
      expect(bundle).not.toMatch(/["']node:/)

      browser = await launchChromium()
      const page = await browser.newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(String(error)))
      await page.goto(`${server.url}/index.html?api_host=${encodeURIComponent(server.url)}`)
      const received = await server.waitForEvents(2, { timeoutMs: 20_000, filter: (e) => !e.path.startsWith('/batch') && !e.event.startsWith('$') })
      const warnings = await page.evaluate(() => (globalThis as { heraldWarnings?: string[] }).heraldWarnings)
      await page.close()

      expect(pageErrors).toEqual([])
      expect(server.errors).toEqual([])
      expect(warnings).toEqual(['hash-dropped-in-browser'])
      // posthog-js sends each event in a request of its own: they may arrive in either order
      const byArrival = received.map((e) => [e.event, heraldProperties(e)] as const)
      expect([...byArrival].sort(([a], [b]) => a.localeCompare(b))).toEqual([
        ['checkout.started', { cart_size: 3, source: 'cart_button' }],
        ['search.performed', { result_count: 12, layout: 'grid' }],
      ])
      expect(JSON.stringify(received.map((e) => e.raw))).not.toContain('SPRING-25')
    },
    STEP_MS,
  )
})
