/**
 * The ESLint plugin on the uninstalled monorepo of audit-monorepo.test.ts: a matcher's `declaredIn` names a module
 * that the linted files import through their app's own tsconfig `paths` (`@/lib/analytics`), resolved as the audit
 * resolves it (core's TsconfigResolver and TypeScript's resolver, with each file's nearest tsconfig.json); a
 * tsconfig whose `extends` base is not installed is a warning on stderr, and linting goes on. A workspace
 * package's name resolves to its source without node_modules (core's ProjectModules, as in the audit), and a
 * name imported from a module that does not exist is reported at the import, as the audit's `unresolved-import`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyzeFiles } from '@herald/eslint-plugin'
import { afterEach, describe, expect, it, vi } from 'vitest'

const MONOREPO = fileURLToPath(new URL('./fixtures/audit-monorepo/', import.meta.url))
const FILES = ['apps/admin/app/lib/analytics.ts', 'apps/admin/app/page.ts', 'apps/web/src/app.ts', 'apps/web/src/tracked.ts']

afterEach(() => {
  vi.restoreAllMocks()
})

describe('the ESLint plugin on an uninstalled monorepo', () => {
  it("matches a declaredIn matcher through each app's own @/ path, and warns once for the missing extends base", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = JSON.parse(readFileSync(`${MONOREPO}settings.json`, 'utf8'))
    const { sites, findings } = await analyzeFiles(FILES, { cwd: MONOREPO, settings })
    const rel = (file: string) => file.slice(MONOREPO.length)
    expect(sites.filter((s) => s.callee === 'track').map((s) => `${rel(s.file)}:${s.line}:${s.column} ${s.eventNames.map((e) => e.value).join('|')}`)).toEqual([
      // admin's `@/lib/analytics` is apps/admin/app/lib/analytics.ts (its baseUrl and `@/*` → `app/*`), the matcher's
      'apps/admin/app/page.ts:11:3 Admin Exported',
      // web's `@/lib/analytics` is apps/web/src/lib/analytics.ts: another track, not a capture
    ])
    // the fixture has no catalog: the rules that need none
    const catalogFree = findings.filter((f) => f.ruleId !== 'no-undeclared-event' && f.ruleId !== 'no-undeclared-property')
    expect(catalogFree.map((f) => `${rel(f.file)}:${f.line}:${f.column} ${f.ruleId} ${f.event ?? ''}`)).toEqual([
      'apps/admin/app/page.ts:11:26 valid-event-name Admin Exported',
    ])
    // the forward inside admin's track is not a dynamic name
    expect(sites.find((s) => rel(s.file) === 'apps/admin/app/lib/analytics.ts')?.eventNames).toEqual([])
    expect(warn.mock.calls).toEqual([
      [
        '@herald/eslint-plugin: warning apps/web/tsconfig.json: its "extends" base @acme/tsconfig/base.json is not there (not installed yet?); the ESLint plugin goes on with this tsconfig\'s own options.',
      ],
    ])
  })

  it('a tsconfig.json that cannot be parsed is a warning naming it; its files resolve with the default options', async () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'herald-lint-monorepo-'))}/`
    cpSync(MONOREPO, dir, { recursive: true })
    writeFileSync(join(dir, 'apps/admin/tsconfig.json'), '{ "compilerOptions": ')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = JSON.parse(readFileSync(`${dir}settings.json`, 'utf8'))
    const { sites } = await analyzeFiles(['apps/admin/app/page.ts'], { cwd: dir, settings })
    // without admin's paths, `@/lib/analytics` is not its track: no capture
    expect(sites.filter((s) => s.callee === 'track')).toEqual([])
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      expect.stringMatching(
        /^@herald\/eslint-plugin: warning apps\/admin\/tsconfig\.json: cannot be read \(.*tsconfig\.json:1:21: Expression expected\); the files under it are linted with the default options\.$/,
      ),
    ])
  })

  it("resolves a workspace package's name to its source for declaredIn, though nothing is installed", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = { presets: [], matchers: [{ callee: 'trackShared', declaredIn: 'packages/shared/src/index.ts' }] }
    const { sites, findings } = await analyzeFiles(['apps/web/src/shared-tracked.ts'], { cwd: MONOREPO, settings })
    // `@acme/shared` is packages/shared/src/index.ts through pnpm-workspace.yaml (its manifest names only dist/)
    expect(sites.map((s) => `${s.line}:${s.column} ${s.eventNames.map((e) => e.value).join('|')}`)).toEqual(['4:3 Shared Exported'])
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toContain('4:15 valid-event-name')
  })

  it.each([
    ['npm workspaces (an array)', { workspaces: ['apps/*', 'packages/*'] }],
    ['yarn workspaces ({ packages })', { workspaces: { packages: ['apps/*', 'packages/*'] } }],
  ])('%s resolve the same', async (_, manifest) => {
    const dir = `${mkdtempSync(join(tmpdir(), 'herald-lint-monorepo-'))}/`
    cpSync(MONOREPO, dir, { recursive: true })
    rmSync(join(dir, 'pnpm-workspace.yaml'))
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'acme-monorepo', private: true, ...manifest }))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = { presets: [], matchers: [{ callee: 'trackShared', declaredIn: 'packages/shared/src/index.ts' }] }
    const { sites } = await analyzeFiles(['apps/web/src/shared-tracked.ts'], { cwd: dir, settings })
    expect(sites.map((s) => `${s.line}:${s.column} ${s.eventNames.map((e) => e.value).join('|')}`)).toEqual(['4:3 Shared Exported'])
  })

  it('without a workspace declaration, the package name is not its source: no capture', async () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'herald-lint-monorepo-'))}/`
    cpSync(MONOREPO, dir, { recursive: true })
    rmSync(join(dir, 'pnpm-workspace.yaml'))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = { presets: [], matchers: [{ callee: 'trackShared', declaredIn: 'packages/shared/src/index.ts' }] }
    const { sites } = await analyzeFiles(['apps/web/src/shared-tracked.ts'], { cwd: dir, settings })
    expect(sites).toEqual([])
  })

  // The audit's EXPECTED_UNRESOLVED (audit-monorepo.test.ts), word for word.
  it('reports a name imported from a module that cannot be found at the import, once per module, with the audit’s message', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = JSON.parse(readFileSync(`${MONOREPO}settings.json`, 'utf8'))
    const { unresolvedImports } = await analyzeFiles(['apps/web/src/app.ts', 'apps/admin/app/page.ts'], { cwd: MONOREPO, settings })
    expect(unresolvedImports.map((u) => `${u.file.slice(MONOREPO.length)}:${u.line}:${u.column} ${u.message}`)).toEqual([
      'apps/web/src/app.ts:5:24 Cannot resolve "@acme/legacy-events" (neither a workspace package nor an installed one, nor a tsconfig path), so LEGACY imported from it is not checked: the call sites that use it get no naming check.',
      'apps/web/src/app.ts:6:23 Cannot resolve "./missing-events" (no such file), so the default export imported from it is not checked: the call sites that use it get no naming check.',
    ])
  })

  it('without a workspace declaration, the workspace packages are unresolved imports too', async () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'herald-lint-monorepo-'))}/`
    cpSync(MONOREPO, dir, { recursive: true })
    rmSync(join(dir, 'pnpm-workspace.yaml'))
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const settings = JSON.parse(readFileSync(`${dir}settings.json`, 'utf8'))
    const { unresolvedImports } = await analyzeFiles(['apps/web/src/app.ts'], { cwd: dir, settings })
    expect(unresolvedImports.map((u) => `${u.line}:${u.column} ${u.message.split(' (')[0]}`)).toEqual([
      '2:24 Cannot resolve "@acme/shared"',
      '3:25 Cannot resolve "@acme/shared/billing"',
      '5:24 Cannot resolve "@acme/legacy-events"',
      '6:23 Cannot resolve "./missing-events"',
    ])
  })
})
