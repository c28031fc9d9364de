/**
 * `herald audit` and `herald init --from-code` on a monorepo that is not installed, through the built binary:
 * each file resolved with its own tsconfig (a per-app `@/*` path), workspace packages resolved to their
 * sources (pnpm, npm and yarn workspaces), a tsconfig whose `extends` base is missing, and imports of modules
 * that do not exist reported as `unresolved-import`.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AuditReport } from '@herald/audit'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BIN = join(ROOT, 'packages/cli/bin/herald.js')
const MONOREPO = join(ROOT, 'test/fixtures/audit-monorepo')

function herald(args: string[], cwd: string) {
  const env = { ...process.env, NO_COLOR: '1' }
  delete env.CI
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function auditJson(cwd: string, extra: string[] = []): { code: number | null; report: AuditReport; stderr: string } {
  const { code, stdout, stderr } = herald(['audit', '--config', 'settings.json', '--format', 'json', ...extra], cwd)
  return { code, report: JSON.parse(stdout) as AuditReport, stderr }
}

/** The fixture copied, with its workspace declared by `declare` instead of pnpm-workspace.yaml. */
function variant(declare: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-monorepo-'))
  cpSync(MONOREPO, dir, { recursive: true })
  rmSync(join(dir, 'pnpm-workspace.yaml'))
  declare(dir)
  return dir
}

const findings = (report: AuditReport) => report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.event ?? ''}`)
const unresolved = (report: AuditReport) =>
  report.unresolvedImports.map((u) => `${u.file}:${u.line}:${u.column} ${u.code} ${u.specifier} [${u.names.join(',')}]`)

// Every spaced name comes from another module: a package by name, a package subpath, an app's `@/*` path (each
// app's own: admin's `@/*` is `app/*` under its baseUrl, web's `src/*`), or is sent through admin's `track`, which
// its matcher's `declaredIn` names through that path.
const EXPECTED_FINDINGS = [
  'apps/admin/app/page.ts:7:19 valid-event-name checkout started',
  'apps/admin/app/page.ts:9:19 valid-event-name admin opened',
  'apps/admin/app/page.ts:11:26 valid-event-name Admin Exported',
  'apps/web/src/app.ts:10:19 valid-event-name checkout started',
  'apps/web/src/app.ts:11:19 valid-event-name invoice paid',
  'apps/web/src/app.ts:13:19 valid-event-name dashboard opened',
]
const EXPECTED_UNRESOLVED = [
  'apps/web/src/app.ts:5:24 unresolved-import @acme/legacy-events [LEGACY]',
  'apps/web/src/app.ts:6:23 unresolved-import ./missing-events [default]',
]
const EXTENDS_WARNING = 'its "extends" base @acme/tsconfig/base.json is not there (not installed yet?); the audit goes on with this tsconfig\'s own options.'

describe('herald audit on an uninstalled monorepo', () => {
  it('pnpm workspace: resolves names from workspace packages and per-app paths, warns once for the missing extends base', () => {
    const { code, report, stderr } = auditJson(MONOREPO)
    expect(code).toBe(1)
    expect(findings(report)).toEqual(EXPECTED_FINDINGS)
    expect(report.callSites.map((s) => s.eventNames.map((e) => e.value ?? `dynamic(${e.text})`).join('|'))).toEqual([
      // inside admin's track: the name is checked at its calls
      '',
      'checkout started',
      'admin.viewed',
      'admin opened',
      'Admin Exported',
      'user.signed_up',
      'checkout started',
      'invoice paid',
      'dashboard.viewed',
      'dashboard opened',
      'dynamic(LEGACY.signedIn)',
      'dynamic(LEGACY.signedOut)',
      'dynamic(OLD_EVENT)',
    ])
    // Once per specifier per file, though LEGACY is used twice.
    expect(unresolved(report)).toEqual(EXPECTED_UNRESOLVED)
    expect(report.unresolvedImports[0]!.message).toBe(
      'Cannot resolve "@acme/legacy-events" (neither a workspace package nor an installed one, nor a tsconfig path), so LEGACY imported from it is not checked: the call sites that use it get no naming check.',
    )
    expect(report.warnings).toEqual([{ file: 'apps/web/tsconfig.json', line: 1, column: 1, message: EXTENDS_WARNING }])
    expect(stderr).toBe(`herald audit: warning apps/web/tsconfig.json: ${EXTENDS_WARNING}\n`)
  })

  it.each([
    ['npm workspaces (an array)', { workspaces: ['apps/*', 'packages/*'] }],
    ['yarn workspaces ({ packages })', { workspaces: { packages: ['apps/*', 'packages/*'] } }],
  ])('%s resolve the same', (_, manifest) => {
    const dir = variant((d) => writeFileSync(join(d, 'package.json'), JSON.stringify({ name: 'acme-monorepo', private: true, ...manifest })))
    const { report } = auditJson(dir)
    expect(findings(report)).toEqual(EXPECTED_FINDINGS)
    expect(unresolved(report)).toEqual(EXPECTED_UNRESOLVED)
  })

  it.each([
    ['lerna.json with packages', { packages: ['apps/*', 'packages/*'] }],
    ["lerna.json without packages (Lerna's default packages/*)", { version: '1.0.0' }],
  ])('%s resolve the same', (_, lerna) => {
    const dir = variant((d) => {
      writeFileSync(join(d, 'package.json'), JSON.stringify({ name: 'acme-monorepo', private: true }))
      writeFileSync(join(d, 'lerna.json'), JSON.stringify(lerna))
    })
    const { report } = auditJson(dir)
    expect(findings(report)).toEqual(EXPECTED_FINDINGS)
    expect(unresolved(report)).toEqual(EXPECTED_UNRESOLVED)
  })

  it('without a workspace declaration, the package imports are unresolved findings instead of silence', () => {
    const dir = variant(() => {})
    const { report } = auditJson(dir)
    // The `@/*` paths still resolve (each app's own tsconfig); the packages do not.
    expect(findings(report)).toEqual([
      'apps/admin/app/page.ts:9:19 valid-event-name admin opened',
      'apps/admin/app/page.ts:11:26 valid-event-name Admin Exported',
      'apps/web/src/app.ts:13:19 valid-event-name dashboard opened',
    ])
    expect(unresolved(report)).toEqual([
      'apps/admin/app/page.ts:2:24 unresolved-import @acme/shared [EVENTS]',
      'apps/web/src/app.ts:2:24 unresolved-import @acme/shared [EVENTS]',
      'apps/web/src/app.ts:3:25 unresolved-import @acme/shared/billing [BILLING]',
      ...EXPECTED_UNRESOLVED,
    ])
  })

  // Four CLI runs: slow on a busy 2-core machine.
  it('shows unresolved imports and the warning in pretty, markdown, github and sarif', { timeout: 120_000 }, () => {
    const pretty = herald(['audit', '--config', 'settings.json'], MONOREPO).stdout
    expect(pretty).toContain('warning apps/web/src/app.ts:6:23  Cannot resolve "./missing-events" (no such file)')
    expect(pretty).toContain(`warning apps/web/tsconfig.json  ${EXTENDS_WARNING}`)
    const markdown = herald(['audit', '--config', 'settings.json', '--format', 'markdown'], MONOREPO).stdout
    expect(markdown).toContain('## Unresolved imports (2)')
    expect(markdown).toContain('- apps/web/src/app.ts:5:24: `@acme/legacy-events` (`LEGACY`)')
    const github = herald(['audit', '--config', 'settings.json', '--format', 'github'], MONOREPO).stdout
    expect(github).toContain('::warning file=apps/web/src/app.ts,line=5,col=24,title=herald/unresolved-import::Cannot resolve "@acme/legacy-events"')
    const sarif = JSON.parse(herald(['audit', '--config', 'settings.json', '--format', 'sarif'], MONOREPO).stdout)
    const run = sarif.runs[0]
    const results = run.results.filter((r: { ruleId: string }) => r.ruleId === 'unresolved-import')
    expect(
      results.map(
        (r: { level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) =>
          `${r.level}:${r.locations[0]!.physicalLocation.region.startLine}`,
      ),
    ).toEqual(['warning:5', 'warning:6'])
    expect(run.tool.driver.rules[results[0].ruleIndex].id).toBe('unresolved-import')
    expect(run.invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text)).toEqual([EXTENDS_WARNING])
  })

  it('a tsconfig.json that cannot be parsed is a warning naming it; its files get the default options', () => {
    const dir = variant((d) => {
      writeFileSync(join(d, 'pnpm-workspace.yaml'), 'packages: [apps/*, packages/*]\n')
      writeFileSync(join(d, 'apps/web/tsconfig.json'), '{ "compilerOptions": ')
    })
    const { code, report } = auditJson(dir)
    expect(code).toBe(1)
    expect(report.warnings.map((w) => w.file)).toEqual(['apps/web/tsconfig.json'])
    expect(report.warnings[0]!.message).toMatch(
      /^cannot be read \(.*apps\/web\/tsconfig\.json:1:21: Expression expected\); the files under it are audited with the default options\.$/,
    )
    // Without the app's paths, `@/lib/events` is not found: a finding of its own.
    expect(unresolved(report)).toContain('apps/web/src/app.ts:4:28 unresolved-import @/lib/events [WEB_EVENTS]')
  })

  it('an unreadable --tsconfig given on purpose is a usage error with its location', () => {
    const dir = variant(() => {})
    writeFileSync(join(dir, 'broken.json'), '{ "compilerOptions": ')
    const { code, stderr } = herald(['audit', '--config', 'settings.json', '--tsconfig', 'broken.json'], dir)
    expect(code).toBe(2)
    expect(stderr).toMatch(/^herald audit: .*broken\.json:1:21: Expression expected\. Fix it, or pass another with --tsconfig\.\n/)
  })
})

describe('herald init --from-code on an uninstalled monorepo', () => {
  it('does not abort: drafts the events, including those named in workspace packages, and warns', () => {
    const { code, stdout, stderr } = herald(['init', '--from-code', '--config', 'settings.json', '--output', '-'], MONOREPO)
    expect(code).toBe(0)
    const { events } = JSON.parse(stdout)
    expect(Object.keys(events)).toEqual([
      'admin.viewed',
      'admin_exported',
      'admin_opened',
      'checkout_started',
      'dashboard.viewed',
      'dashboard_opened',
      'invoice_paid',
      'user.signed_up',
    ])
    // admin's own track (its `@/` path named by the matcher's declaredIn), with the properties before the name
    expect(Object.keys(events.admin_exported.properties)).toEqual(['plan'])
    expect(stderr).toContain(`apps/web/tsconfig.json: warning ${EXTENDS_WARNING}\n`)
    expect(stderr).toContain('apps/web/src/app.ts:5:24: warning Cannot resolve "@acme/legacy-events"')
  })
})
