/**
 * `herald migrate`, the built binary, over test/fixtures/migrate-app: one file per call shape (positional, object
 * form, hooks, destructured and renamed hooks, window.posthog, this.#capture, wrappers, conditional and dynamic
 * names) and every reason to leave a call alone. The project is copied under test/artifacts so that it resolves
 * @herald/runtime from the workspace, generated, migrated, compared with goldens and type-checked by real tsc.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNode } from './support/run-node.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const HERALD = join(ROOT, 'packages/cli/bin/herald.js')
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const FIXTURE = join(ROOT, 'test/fixtures/migrate-app')
const GOLDEN = join(ROOT, 'test/fixtures/migrate-app.expected')
const CHANGED = ['src/checkout.tsx', 'src/positional.ts', 'src/server.ts', 'src/tracker.ts']

const run = runNode

const artifacts = join(ROOT, 'test/artifacts')
let work: string

function freshCopy(): string {
  mkdirSync(artifacts, { recursive: true })
  const dir = mkdtempSync(join(artifacts, 'migrate-'))
  cpSync(FIXTURE, dir, { recursive: true })
  return dir
}

beforeAll(async () => {
  work = freshCopy()
  const generated = await run(HERALD, ['generate'], work)
  expect(generated.code, generated.stderr).toBe(0)
}, 120_000)

afterAll(() => {
  rmSync(artifacts, { recursive: true, force: true })
})

describe('herald migrate', () => {
  it('plans every safe call and leaves every other one with its reason (dry run writes nothing)', async () => {
    const before = CHANGED.map((f) => readFileSync(join(work, f), 'utf8'))
    const result = await run(HERALD, ['migrate', 'src', '--format', 'json'], work)
    expect(result.code, result.stderr).toBe(0)
    const report = JSON.parse(result.stdout) as {
      written: boolean
      sites: number
      migrated: { file: string; line: number; event: string; emitter: string }[]
      left: { file: string; line: number; reason: string; event?: string; suggestion?: string }[]
      files: string[]
    }
    expect(report.written).toBe(false)
    expect(report.files).toEqual(CHANGED)
    expect(report.migrated.map((m) => `${m.file}:${m.line} ${m.event}`)).toEqual([
      'src/checkout.tsx:3 checkout.completed',
      'src/checkout.tsx:9 checkout.completed',
      'src/checkout.tsx:10 search.performed',
      'src/positional.ts:5 auth.signup',
      'src/positional.ts:9 page.viewed',
      'src/positional.ts:15 search.performed',
      'src/positional.ts:19 page.viewed',
      'src/server.ts:2 org.created',
      'src/server.ts:6 org.created',
      'src/tracker.ts:16 checkout.completed',
    ])
    expect(report.left.map((l) => `${l.file}:${l.line} ${l.reason}`)).toEqual([
      'src/server.ts:16 finding',
      'src/server.ts:20 distinct-id-not-declared',
      'src/tracker.ts:3 dynamic-name',
      'src/tracker.ts:7 type-error',
      'src/tracker.ts:12 dynamic-name',
      'src/unsafe.ts:2 type-error',
      'src/unsafe.ts:6 type-error',
      'src/unsafe.ts:10 extra-arguments',
      'src/unsafe.ts:14 finding',
      'src/unsafe.ts:18 dynamic-name',
      'src/unsafe.ts:22 conditional-name',
      'src/unsafe.ts:26 span-phase',
      'src/unsafe.ts:30 not-declared',
      'src/unsafe.ts:34 person-properties',
      'src/unsafe.ts:38 event-groups',
    ])
    expect(report.left.find((l) => l.reason === 'event-groups')!.suggestion).toBe(
      "call teamCreated(telemetry, props, { organization: … }) with each group's key",
    )
    expect(report.left.find((l) => l.reason === 'span-phase')!.suggestion).toContain('authLogin(t, props, async (span)')
    expect(CHANGED.map((f) => readFileSync(join(work, f), 'utf8'))).toEqual(before)
  })

  it('prints a unified diff, then the table per event', async () => {
    const result = await run(HERALD, ['migrate', 'src'], work)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('--- a/src/positional.ts\n+++ b/src/positional.ts\n')
    expect(result.stdout).toContain(
      "-  posthog.capture('auth.signup', { user_id: userId, method }) // and one after it\n+  authSignup(telemetry, { user_id: userId, method }) // and one after it\n",
    )
    expect(result.stderr).toContain('Would migrate 10 of 25 capture call sites in 4 files; 15 left as they are.')
    expect(result.stderr).toContain('| org.created | 2 | 1 finding |')
    expect(result.stderr).toMatch(/src\/unsafe\.ts:2:3: type-error The emitter call would not compile: TS2322: Type '"magic_link"' is not assignable/)
  })

  it('writes files equal to the goldens, which compile under strict flags; a second run changes nothing', async () => {
    const written = await run(HERALD, ['migrate', 'src', '--write'], work)
    expect(written.code, written.stderr).toBe(0)
    expect(written.stdout).toContain('Migrated 10 of 25 capture call sites in 4 files')
    for (const file of CHANGED) await expect(readFileSync(join(work, file), 'utf8')).toMatchFileSnapshot(join(GOLDEN, file))
    expect(readFileSync(join(work, 'src/unsafe.ts'), 'utf8')).toBe(readFileSync(join(FIXTURE, 'src/unsafe.ts'), 'utf8'))

    const tsc = await run(TSC, ['-p', 'tsconfig.json'], work)
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.code).toBe(0)

    const again = await run(HERALD, ['migrate', 'src', '--format', 'json'], work)
    const report = JSON.parse(again.stdout) as { migrated: unknown[]; files: string[]; sites: number }
    expect(report).toMatchObject({ migrated: [], files: [], sites: 15 })
  })

  it('migrates only the events named by --only', async () => {
    const dir = freshCopy()
    expect((await run(HERALD, ['generate'], dir)).code).toBe(0)
    const result = await run(HERALD, ['migrate', 'src', '--only', 'org.created', '--format', 'json'], dir)
    const report = JSON.parse(result.stdout) as { migrated: { event: string }[]; left: { reason: string }[] }
    expect(report.migrated.map((m) => m.event)).toEqual(['org.created', 'org.created'])
    expect(report.left.filter((l) => l.reason === 'not-selected')).toHaveLength(17)
    const bad = await run(HERALD, ['migrate', 'src', '--only', 'org.create'], dir)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--only names "org.create", which the catalog does not declare')
  })

  it('writes .js endings under nodenext and uses a paths alias when the tsconfig has one', async () => {
    const dir = freshCopy()
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'))
    tsconfig.compilerOptions.module = 'NodeNext'
    tsconfig.compilerOptions.moduleResolution = 'NodeNext'
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
    expect((await run(HERALD, ['generate'], dir)).code).toBe(0)
    const node = await run(HERALD, ['migrate', 'src/positional.ts', '--no-type-check'], dir)
    expect(node.stdout).toContain("+import { authSignup, pageViewed, searchPerformed } from './telemetry/events.js'")

    tsconfig.compilerOptions.module = 'ESNext'
    tsconfig.compilerOptions.moduleResolution = 'bundler'
    tsconfig.compilerOptions.paths = { '@/*': ['./src/*'] }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
    const aliased = await run(HERALD, ['migrate', 'src/positional.ts', '--no-type-check'], dir)
    expect(aliased.stdout).toContain("+import { authSignup, pageViewed, searchPerformed } from '@/telemetry/events'")
  })

  it('refuses to invent a telemetry client, and asks for generated emitters first', async () => {
    const dir = freshCopy()
    const config = JSON.parse(readFileSync(join(dir, 'herald.config.json'), 'utf8'))
    delete config.migrate
    writeFileSync(join(dir, 'herald.config.json'), JSON.stringify(config))
    const missing = await run(HERALD, ['migrate', 'src'], dir)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no generated emitters at src/telemetry/events.js: run herald generate first')
    expect((await run(HERALD, ['generate'], dir)).code).toBe(0)
    const noClient = await run(HERALD, ['migrate', 'src'], dir)
    expect(noClient.code).toBe(2)
    expect(noClient.stderr).toContain('which telemetry client do the emitters get?')
    expect(noClient.stderr).not.toMatch(/internal error|\n\s+at /)
  })
})
