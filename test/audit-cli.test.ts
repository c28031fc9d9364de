/** `herald audit` end to end, through the built binary (pnpm build first): formats, exit codes, usage errors. */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BIN = join(ROOT, 'packages/cli/bin/herald.js')
const APP = join(ROOT, 'test/fixtures/audit-app')

function herald(args: string[], cwd = APP) {
  const env = { ...process.env, NO_COLOR: '1' }
  delete env.CI
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const APP_ARGS = ['--config', 'settings.json', '--catalog', 'catalog.json']
const audit = (args: string[], cwd = APP) => herald(['audit', ...args], cwd)

describe('herald audit', () => {
  it('is listed by herald --help, and explains itself', () => {
    expect(herald(['--help']).stdout).toMatch(/audit .*Inventory every capture call[\s\S]*init .*draft one from the capture calls/)
    const help = herald(['audit', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: herald audit \[paths…\]/)
    expect(help.stdout).toMatch(/--fail-on <level>/)
    // Emitter calls are recognised from the catalog's identifiers: a user without one must learn why they are missing.
    expect(help.stdout).toMatch(/Without a catalog,[\s\S]*calls of generated emitters cannot be recognised/)
  })

  it('prints grouped findings and exits 1 when errors reach --fail-on', () => {
    const { code, stdout, stderr } = audit(['src', ...APP_ARGS])
    expect(code).toBe(1)
    expect(stdout).not.toMatch(/\x1b\[/)
    expect(stdout).toContain('src/web/legacy.ts\n  4:19   error    The event "user signed up" is not declared in the catalog.')
    expect(stdout).toContain('✖ 15 problems (9 errors, 6 warnings)')
    expect(stdout).toContain("skipped src/web/broken.ts:4:10  Cannot parse the file: ',' expected.")
    expect(stderr).toBe('')
  })

  it('--fail-on decides the exit code: never → 0; warning counts warnings; error ignores them', () => {
    expect(audit(['src', ...APP_ARGS, '--fail-on', 'never']).code).toBe(0)
    const dir = mkdtempSync(join(tmpdir(), 'herald-audit-'))
    cpSync(join(APP, 'catalog.json'), join(dir, 'catalog.json'))
    writeFileSync(join(dir, 'old.ts'), "declare const posthog: { capture(n: string): void }\nposthog.capture('user.signed_up')\n")
    expect(audit(['--catalog', 'catalog.json'], dir).code).toBe(0)
    expect(audit(['--catalog', 'catalog.json', '--fail-on', 'warning'], dir).code).toBe(1)
    expect(audit(['src/web/lookalikes.ts', ...APP_ARGS, '--fail-on', 'warning']).code).toBe(0)
  })

  it('--format json --output writes the report to a file and says so on stderr', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'herald-audit-')), 'reports/audit.json')
    const { code, stdout, stderr } = audit(['src', ...APP_ARGS, '--format', 'json', '--output', out])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain('Wrote the json report to')
    expect(stderr).toContain('herald audit: skipped src/web/broken.ts:4:10')
    const report = JSON.parse(readFileSync(out, 'utf8'))
    expect(report.findings).toHaveLength(15)
    expect(report.callSites).toHaveLength(13)
    expect(report.catalog).toBe('catalog.json')
  })

  it('--format github and --format sarif and --format markdown write their views', () => {
    expect(audit(['src', ...APP_ARGS, '--format', 'github']).stdout).toContain('::error file=src/web/legacy.ts,line=4,col=19,title=herald/no-undeclared-event::')
    const sarif = JSON.parse(audit(['src', ...APP_ARGS, '--format', 'sarif']).stdout)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results).toHaveLength(15)
    expect(audit(['src', ...APP_ARGS, '--format', 'markdown']).stdout).toContain('| Surface | Event | Properties | Distinct id | Location |')
  })

  it('runs the catalog-free rules without a catalog', () => {
    const { code, stdout } = audit(['src', '--config', 'settings.json'])
    expect(code).toBe(1)
    expect(stdout).toContain('valid-event-name')
    expect(stdout).not.toContain('no-undeclared-event')
    expect(stdout).toContain('No catalog: only naming, forbidden keys and distinct ids were checked, and calls of generated emitters were not recognised.')
  })

  it('exits 2 with a sentence, the place and a hint for usage errors, never a stack trace', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--format', 'xml'], /--format must be one of pretty, json, sarif, markdown, github, not "xml"/],
      [['--fail-on', 'sometimes'], /--fail-on must be one of error, warning, never/],
      [['nowhere'], /No file, folder or glob match for "nowhere"/],
      [['--catalog', 'missing.json'], /no catalog at missing.json/],
      [['--config', 'catalog.json'], /^herald audit: catalog.json: settings.herald.\$schema is not a Herald setting; use catalog, presets or matchers./],
      [['--config', 'missing.json'], /No settings file at missing.json/],
      [['--wat'], /unknown option --wat\. Options: --catalog/],
      [['--formt', 'json'], /unknown option --formt\. Did you mean --format\?/],
    ]
    for (const [args, message] of cases) {
      const { code, stderr } = audit(args)
      expect(code, args.join(' ')).toBe(2)
      expect(stderr).toMatch(message)
      expect(stderr).toContain('Run herald audit --help for usage.')
      expect(stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('a broken catalog is reported with its location and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-audit-'))
    writeFileSync(join(dir, 'catalog.json'), '{ "events": { "a b": {} } }\n')
    const { code, stderr } = audit(['--catalog', 'catalog.json'], dir)
    expect(code).toBe(2)
    expect(stderr).toMatch(/catalog\.json:1:\d+/)
    expect(stderr).toContain('fix them first (herald check catalog.json)')
  })

  it('loads TypeScript and ts-morph only for audit: herald check and --help never do', () => {
    const probe = (args: string[]) => {
      const script = `
        import { createRequire } from 'node:module'
        const { main } = await import(${JSON.stringify(join(ROOT, 'packages/cli/dist/main.js'))})
        const io = { cwd: ${JSON.stringify(APP)}, env: {}, stdout() {}, stderr() {}, stdoutIsTTY: false, stderrIsTTY: false }
        await main(${JSON.stringify(args)}, io)
        const loaded = Object.keys(createRequire(import.meta.url).cache)
        const typescript = loaded.some((k) => k.includes('ts-morph')) || loaded.some((k) => /typescript[\\\\/]lib/.test(k))
        // jiti (for herald.config.ts) and the ReDoS checker load only when a config or a pattern needs them
        const lazy = loaded.some((k) => /[\\\\/](jiti|redos-detector)[\\\\/]/.test(k))
        console.log(JSON.stringify(typescript || lazy))`
      return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).stdout.trim()
    }
    expect(probe(['check', 'catalog.json'])).toBe('false')
    expect(probe(['--help'])).toBe('false')
    expect(probe(['audit', 'src/web/legacy.ts', '--catalog', 'catalog.json'])).toBe('true')
  })
})
