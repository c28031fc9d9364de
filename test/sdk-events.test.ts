/**
 * SDK events (`$pageview`, `$identify`, `$set`, `$groupidentify`, `$autocapture`, `$screen`…) are recognised one
 * way by init --from-code, check, the audit and the ESLint plugin: kept verbatim, never renamed, never drift.
 * One real temporary app, read by each tool.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { auditRepo, draftCatalog } from '@herald/audit'
import herald from '@herald/eslint-plugin'
import { parseCatalog } from '@herald/core'
import { Linter } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BIN = join(ROOT, 'packages/cli/bin/herald.js')
const APP = [
  "import posthog from 'posthog-js'",
  "posthog.capture('$pageview', { $current_url: '/home' })",
  "posthog.capture('$screen', { screen: 'home' })",
  "posthog.capture('$groupidentify', { $group_type: 'company', $group_key: 'acme' })",
  "posthog.capture('$autocapture')",
  "posthog.capture('pageview', { path: '/home' })",
  "posthog.capture('Order Placed', { total: 3 })",
  '',
].join('\n')

const dir = mkdtempSync(join(tmpdir(), 'herald-sdk-events-'))
mkdirSync(join(dir, 'src'))
writeFileSync(join(dir, 'src/app.ts'), APP)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('SDK events, one behaviour in every tool', () => {
  it('init --from-code keeps them verbatim, beside the renamed app events, and the draft passes check', async () => {
    const result = spawnSync(process.execPath, [BIN, 'init', '--from-code', 'src', '--output', '-'], { cwd: dir, encoding: 'utf8' })
    expect(result.status).toBe(0)
    const draft = JSON.parse(result.stdout) as { events: Record<string, Record<string, unknown>> }
    // $pageview and the app's own pageview would generate one function: the app's keeps its name, never merged
    expect(Object.keys(draft.events).sort()).toEqual(['$autocapture', '$groupidentify', '$screen', 'order_placed', 'pageview'].sort())
    expect(draft.events.pageview!['x-herald-seen-as']).toBeUndefined()
    expect(result.stderr).toContain('"$pageview" and "pageview" would generate the same function; the SDK\'s event "$pageview" is not in the draft')
    expect(draft.events.$screen!.properties).toEqual({ screen: { enum: ['home'] } })
    expect(draft.events.$screen!.category).toBeUndefined()
    expect(parseCatalog(result.stdout).diagnostics).toEqual([])
    // in the resource:action style too, where a category comes from the name
    const report = await auditRepo({ cwd: dir, paths: ['src'], propertyTypes: true })
    const colon = draftCatalog(report, { style: 'resource:action' })
    expect(Object.keys(colon.catalog.events as object)).toContain('$groupidentify')
    expect(parseCatalog(JSON.stringify(colon.catalog)).diagnostics).toEqual([])
  })

  it('the audit reports none of them as drift: not undeclared, not never captured, not the same as "pageview"', async () => {
    writeFileSync(
      join(dir, 'catalog.json'),
      JSON.stringify({
        naming: { style: 'snake_case' },
        events: { pageview: { properties: { path: { type: 'string' } } }, order_placed: { properties: { total: { type: 'number' } } }, $identify: {} },
      }),
    )
    const result = spawnSync(process.execPath, [BIN, 'audit', 'src', '--catalog', 'catalog.json', '--format', 'json'], { cwd: dir, encoding: 'utf8' })
    const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; event?: string }>; coverage: Record<string, unknown> }
    expect(report.findings.map((f) => [f.ruleId, f.event]).sort()).toEqual([
      ['no-undeclared-event', 'Order Placed'],
      ['valid-event-name', 'Order Placed'],
    ])
    expect(report.coverage.capturedUndeclared).toEqual([{ name: 'Order Placed', callSites: [expect.objectContaining({ file: 'src/app.ts', line: 7 })] }])
    // $identify is declared and never captured by a call: the SDK sends it itself, so it is no gap
    expect(report.coverage.declaredNeverCaptured).toEqual(['order_placed'])
    expect(report.coverage.sameAfterNormalization).toEqual([{ normalized: 'order_placed', names: ['Order Placed', 'order_placed'] }])
  })

  it('the ESLint plugin gives the same findings as the audit', () => {
    const linter = new Linter({ cwd: dir })
    const messages = linter.verify(
      APP,
      [{ files: ['**/*.ts'], plugins: { herald }, rules: herald.configs.recommended.rules, settings: { herald: { catalog: join(dir, 'catalog.json') } } }],
      { filename: join(dir, 'src/app.ts') },
    )
    expect(messages.map((m) => [m.ruleId, m.line]).sort()).toEqual([
      ['herald/no-undeclared-event', 7],
      ['herald/valid-event-name', 7],
    ])
  })

  it('herald check accepts them declared under any naming style', () => {
    writeFileSync(
      join(dir, 'sdk.catalog.json'),
      JSON.stringify({ naming: { style: 'resource:action' }, events: { $pageview: {}, $set: {}, $exception: {}, 'order:placed': {} } }),
    )
    const result = spawnSync(process.execPath, [BIN, 'check', 'sdk.catalog.json'], { cwd: dir, encoding: 'utf8' })
    expect(result.stdout).toBe('sdk.catalog.json: ok (4 events, 4 wire events)\n')
    expect(readFileSync(join(dir, 'sdk.catalog.json'), 'utf8')).toContain('$pageview')
  })
})
