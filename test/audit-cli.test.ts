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
    expect(audit(['src', ...APP_ARGS, '--format', 'github']).stdout).toContain(
      '::error file=src/web/legacy.ts,line=4,col=19,title=herald/no-undeclared-event::',
    )
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
      [['--config', 'catalog.json'], /^herald audit: catalog.json: settings.herald.\$schema is not a Herald setting; use catalog, presets, matchers or rules./],
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

  it('skips a file it cannot analyse (deep nesting, a huge concatenation, an oversized bundle) with the reason, and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-audit-guard-'))
    cpSync(join(APP, 'settings.json'), join(dir, 'settings.json'))
    writeFileSync(join(dir, 'parens.ts'), `posthog.capture(${'('.repeat(1000)}"a b"${')'.repeat(1000)})\n`)
    writeFileSync(join(dir, 'concat.ts'), `posthog.capture(${Array.from({ length: 5000 }, (_, i) => `"p${i}"`).join(' + ')})\n`)
    writeFileSync(join(dir, 'bundle.js'), `posthog.capture("in bundle")\n${'x'.repeat(1.2 * 1024 * 1024)}\n`)
    writeFileSync(join(dir, 'ok.ts'), 'posthog.capture("ok event")\n')
    const { code, stdout, stderr } = audit(['.', '--config', 'settings.json', '--max-file-size', '1', '--format', 'json'], dir)
    expect(code, stderr).toBe(1)
    const report = JSON.parse(stdout) as { findings: { file: string; ruleId: string }[]; skippedFiles: { file: string; message: string }[] }
    expect(report.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['ok.ts valid-event-name'])
    const skipped = Object.fromEntries(report.skippedFiles.map((s) => [s.file, s.message]))
    expect(skipped['bundle.js']).toMatch(/^The file is 1\.\d MB, over the 1\.0 MB limit for a source file/)
    // Whatever a file does to the parser or the extractor, it is skipped with the reason, never the whole run.
    for (const file of ['parens.ts', 'concat.ts']) expect(skipped[file]).toMatch(/^Cannot audit the file \(RangeError: .+\); it was skipped\.$/)
    expect(audit(['.', '--max-file-size', 'lots'], dir).stderr).toContain('--max-file-size must be a number of megabytes above 0, not "lots".')
  })

  it('names each user matcher that matched no call, once, with what it matches', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-audit-unmatched-'))
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ presets: ['posthog-js'], matchers: [{ callee: 'trackStep' }, { callee: 'captureEvent', object: 'this' }] }),
    )
    writeFileSync(join(dir, 'a.ts'), 'class A { captureEvent(n: string) {} run() { this.captureEvent("a.b") } }\n')
    const pretty = audit(['.', '--config', 'settings.json'], dir)
    expect(pretty.code, pretty.stderr).toBe(0)
    expect(pretty.stdout).toContain('unmatched settings.herald.matchers[0] {"callee":"trackStep"} matched no call: it matches trackStep(name)')
    expect(pretty.stdout).not.toContain('settings.herald.matchers[1]')
    const json = JSON.parse(audit(['.', '--config', 'settings.json', '--format', 'json'], dir).stdout) as { unmatchedMatchers?: { at: string }[] }
    expect(json.unmatchedMatchers?.map((u) => u.at)).toEqual(['settings.herald.matchers[0]'])
  })

  it('takes rule severities from the settings (settings.herald.rules): off drops a rule, warning keeps it from failing the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-audit-rules-'))
    writeFileSync(join(dir, 'a.ts'), 'posthog.capture("spaced name")\nposthog.capture(`dyn.${x}`)\n')
    const run = (rules: object) => {
      writeFileSync(join(dir, 'settings.json'), JSON.stringify({ rules }))
      return audit(['.', '--config', 'settings.json', '--format', 'json'], dir)
    }
    const byDefault = run({})
    expect(byDefault.code).toBe(1)
    const lowered = run({ 'herald/valid-event-name': 'warning', 'no-dynamic-event-name': 'off' })
    expect(lowered.code, lowered.stderr).toBe(0)
    const report = JSON.parse(lowered.stdout) as { findings: { ruleId: string; severity: string }[] }
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['valid-event-name warning'])
    // the same from a herald.config's settings
    writeFileSync(join(dir, 'herald.config.json'), JSON.stringify({ settings: { rules: { 'valid-event-name': 'off', 'no-dynamic-event-name': 'off' } } }))
    const fromConfig = audit(['.', '--format', 'json'], dir)
    expect(fromConfig.code, fromConfig.stderr).toBe(0)
    expect((JSON.parse(fromConfig.stdout) as { findings: unknown[] }).findings).toEqual([])
    const typo = run({ 'valid-event-nam': 'off' })
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('unknown rule "valid-event-nam"; did you mean "valid-event-name"?')
  })
})
