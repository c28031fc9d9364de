/**
 * A catalog that extends a base by a path and a package (test/fixtures/extends/), seen by every command through
 * the one loader: `herald check`, `herald generate` (then tsc), `herald audit`, `herald diff` at a git ref, and the
 * ESLint plugin through ESLint's own API. The package base is copied into node_modules, where Node resolves it.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import herald from '@herald/eslint-plugin'
import * as tsParser from '@typescript-eslint/parser'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from './generate-helpers.js'

const BIN = join(ROOT, 'packages/cli/bin/herald.js')
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-extends-cli-'))
  cpSync(join(ROOT, 'test/fixtures/extends'), dir, { recursive: true })
  mkdirSync(join(dir, 'node_modules/@acme'), { recursive: true })
  cpSync(join(dir, 'telemetry-base'), join(dir, 'node_modules/@acme/telemetry-base'), { recursive: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function run(args: string[], cwd = dir) {
  const env = { ...process.env, NO_COLOR: '1' }
  delete env.CI
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('a catalog that extends a path and a package', () => {
  it('herald check sees the merged catalog', () => {
    expect(run(['check', 'service/events.catalog.json'])).toEqual({
      code: 0,
      stdout: 'service/events.catalog.json: ok (3 events, 3 wire events)\n',
      stderr: '',
    })
  })

  it('herald check reports each conflict in the child, with the base location that it loosens', () => {
    const { code, stdout } = run(['check', 'service/loosens.catalog.json'])
    expect(code).toBe(1)
    expect(stdout.trimEnd().split('\n')).toEqual([
      'service/loosens.catalog.json:3:16: error extends-conflict This catalog keeps events 400 days, longer than the 90 days of ../node_modules/@acme/telemetry-base/base.catalog.yaml:10:3. (keep events as long or shorter)',
      'service/loosens.catalog.json:4:27: error extends-conflict This catalog lowers the pii of "ip" to none from personal in ../shared.catalog.yaml:5:5. (a pii level can only be raised)',
      'service/loosens.catalog.json:6:5: error extends-conflict This catalog declares the event "app.heartbeat", which is declared already by ../shared.catalog.yaml:8:3. (an event is declared in one file: rename this one, or change it in the base)',
    ])
  })

  it("herald check points a base's own mistake into the base", () => {
    const { code, stdout } = run(['check', 'service/over-bad-base.catalog.json'])
    expect(code).toBe(1)
    expect(stdout).toMatch(/^service\/bad-base\.catalog\.yaml:2:3: error event-name-has-space /)
  })

  it("herald generate emits the base's events, and the output type-checks", () => {
    const out = join(dir, 'gen')
    const generated = run(['generate', '--catalog', 'service/events.catalog.json', '--out', 'gen'])
    expect(generated.stderr).toBe('')
    expect(generated.code).toBe(0)
    const types = readFileSync(join(out, 'typescript/events.d.ts'), 'utf8')
    for (const name of ['appStarted', 'appHeartbeat', 'billingInvoicePaid']) expect(types).toContain(`export function ${name}(`)
    expect(readFileSync(join(out, 'redaction/redaction.json'), 'utf8')).toContain('"ip"')
    expect(run(['generate', '--catalog', 'service/events.catalog.json', '--out', 'gen', '--check']).code).toBe(0)
    writeFileSync(
      join(out, 'use.ts'),
      "import { appStarted } from './typescript/events.js'\ndeclare const t: Parameters<typeof appStarted>[0]\nappStarted(t, { user_id: 'u1' })\n",
    )
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', join(out, 'use.ts')]
    expect(() => execFileSync(process.execPath, [tsc, ...args], { cwd: ROOT, encoding: 'utf8' })).not.toThrow()
  })

  it("herald audit inventories calls of a base's event and flags only the undeclared one", () => {
    const { code, stdout } = run(
      ['audit', 'src', '--catalog', 'events.catalog.json', '--config', 'herald.settings.json', '--format', 'json'],
      join(dir, 'service'),
    )
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; message: string }>; callSites: Array<{ eventNames: Array<{ text: string }> }> }
    expect(report.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([
      'no-undeclared-event The event "billing.invoice_voided" is not declared in the catalog.',
    ])
    expect(report.callSites.flatMap((s) => s.eventNames.map((n) => n.text))).toContain("'app.started'")
  })

  it("the ESLint plugin knows a base's event", async () => {
    const cwd = join(dir, 'service')
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser },
          plugins: { herald },
          settings: { herald: JSON.parse(readFileSync(join(cwd, 'herald.settings.json'), 'utf8')) },
          rules: herald.configs.recommended.rules,
        },
      ],
    })
    const [result] = await eslint.lintFiles(['src/app.ts'])
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)).toEqual([
      '12:19 herald/no-undeclared-event The event "billing.invoice_voided" is not declared in the catalog.',
    ])
  })

  it('herald diff --base HEAD reads the bases at the ref too, and locates a removal in the base', () => {
    const repo = join(dir, 'repo')
    cpSync(join(dir, 'service'), join(repo, 'service'), { recursive: true })
    cpSync(join(dir, 'shared.catalog.yaml'), join(repo, 'shared.catalog.yaml'))
    cpSync(join(dir, 'node_modules'), join(repo, 'node_modules'), { recursive: true })
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' })
    git('init', '-q')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', 'service/events.catalog.json', 'shared.catalog.yaml')
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'catalog')
    writeFileSync(join(repo, 'shared.catalog.yaml'), readFileSync(join(repo, 'shared.catalog.yaml'), 'utf8').replace(/events:[^]*$/, 'events: {}\n'))
    const { code, stdout } = run(['diff', '--base', 'HEAD', 'service/events.catalog.json', '--format', 'json'], repo)
    expect(code).toBe(1)
    const report = JSON.parse(stdout) as { changes: Array<{ id: string; kind: string; file: string; line: number }> }
    expect(report.changes).toContainEqual(expect.objectContaining({ kind: 'breaking', file: 'HEAD:shared.catalog.yaml', line: 8 }))
  })
})
