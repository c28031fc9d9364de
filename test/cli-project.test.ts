/**
 * The CLI in real temporary projects, through the built binary (pnpm build first): `herald init` writes the
 * catalog and herald.config, every command finds them upward from a subfolder, configs load without tsx, and bad
 * input (configs, flags, outputs) gets a sentence and exit 1 or 2, never an internal error.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT } from './generate-helpers.js'

const BIN = join(ROOT, 'packages/cli/bin/herald.js')
const CATALOG = join(ROOT, 'test/fixtures/generate-runtime.catalog.json')
const isRoot = process.getuid?.() === 0
const made: string[] = []

function herald(args: string[], cwd: string, wrap: string[] = []) {
  const command = wrap.length > 0 ? wrap[0]! : process.execPath
  const argv = wrap.length > 0 ? [...wrap.slice(1), process.execPath, BIN, ...args] : [BIN, ...args]
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: `${result.stdout}${result.stderr}` }
}

function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-project-'))
  made.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

function expectNoInternalError(result: { code: number | null; all: string }) {
  expect(result.code).not.toBe(70)
  expect(result.all).not.toMatch(/internal error|\n\s+at /)
}

afterAll(() => {
  for (const dir of made) {
    spawnSync('chmod', ['-R', 'u+rwx', dir])
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('herald init writes a config beside the catalog', () => {
  it('writes the catalog and herald.config.ts, prints the next steps with the ESLint entry, and never overwrites without --force', () => {
    const dir = project({ 'src/app.ts': 'export {}\n' })
    const first = herald(['init'], dir)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('Wrote herald.config.ts')
    expect(first.stderr).toContain('herald.configs.recommended')
    expect(first.stderr).toContain("import herald from '@herald/eslint-plugin'")
    expect(first.stderr).toMatch(/npx herald generate\n/)
    const config = readFileSync(join(dir, 'herald.config.ts'), 'utf8')
    expect(config).toContain('catalog: "schema/events.catalog.json"')
    expect(config).toContain('out: "src/telemetry"')
    // the written config loads as it is (jiti; the type import needs no @herald/cli here), from a subfolder
    const generated = herald(['generate'], join(dir, 'src'))
    expect(generated.stderr).toBe('')
    expect(existsSync(join(dir, 'src/telemetry/events.js'))).toBe(true)

    writeFileSync(join(dir, 'herald.config.ts'), `${config}// mine\n`)
    const again = herald(['init'], dir)
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('schema/events.catalog.json already exists. Pass --force')
    rmSync(join(dir, 'schema'), { recursive: true })
    const kept = herald(['init'], dir)
    expect(kept.code).toBe(0)
    expect(kept.stderr).toContain('Kept the existing herald.config.ts (pass --force to overwrite it)')
    expect(readFileSync(join(dir, 'herald.config.ts'), 'utf8')).toContain('// mine')
    expect(herald(['init', '--force'], dir).code).toBe(0)
    expect(readFileSync(join(dir, 'herald.config.ts'), 'utf8')).not.toContain('// mine')
  })

  it('--config-format json writes herald.config.json, which generate then reads from a nested subfolder', () => {
    const dir = project()
    expect(herald(['init', '--config-format', 'json'], dir).code).toBe(0)
    expect(JSON.parse(readFileSync(join(dir, 'herald.config.json'), 'utf8'))).toEqual({
      catalog: 'schema/events.catalog.json',
      outputs: { typescript: { out: 'telemetry' } },
    })
    const deep = join(dir, 'packages/web/src')
    mkdirSync(deep, { recursive: true })
    const generated = herald(['generate'], deep)
    expect(generated.stderr).toBe('')
    expect(generated.code).toBe(0)
    expect(readFileSync(join(dir, 'telemetry/events.js'), 'utf8')).toContain('authLogin')
    expect(herald(['init', '--config-format', 'yaml'], dir).stderr).toContain('--config-format must be "ts" or "json"')
  })
})

describe('init --from-code --config: the capture settings live in herald.config once', () => {
  it('copies the matchers into herald.config.ts, and audit and check then use it from a subfolder', () => {
    const dir = project({
      'settings.json': JSON.stringify({ presets: [], matchers: [{ callee: 'send', object: 'metrics' }] }),
      'src/app.ts':
        "declare const metrics: { send(e: string): void }\ndeclare const posthog: { capture(e: string): void }\nmetrics.send('order.placed')\nposthog.capture('Ignored Event')\n",
    })
    const init = herald(['init', '--from-code', 'src', '--config', 'settings.json'], dir)
    expect(init.code).toBe(0)
    expect(init.stderr).toContain('1 event from 1 call site')
    const config = readFileSync(join(dir, 'herald.config.ts'), 'utf8')
    expect(config).toMatch(/settings: \{\s+presets: \[\],\s+matchers: \[\s+\{\s+callee: "send",\s+object: "metrics"/)
    rmSync(join(dir, 'settings.json'))
    const audit = herald(['audit', '.', '--format', 'json'], join(dir, 'src'))
    expect(audit.code).toBe(0)
    const report = JSON.parse(audit.stdout) as { callSites: Array<{ callee: string }>; findings: unknown[] }
    expect(report.callSites.map((site) => site.callee)).toEqual(['metrics.send'])
    expect(report.findings).toEqual([])
    expect(herald(['check'], join(dir, 'src')).code).toBe(0)
  })
})

describe('config and catalog are found upward', () => {
  it('check, generate, docs and audit work from a subfolder two levels down', () => {
    const dir = project({
      'herald.config.ts': "export default { catalog: 'schema/events.catalog.json', outputs: { typescript: { out: 'gen' } } }\n",
      'app/web/login.ts':
        "declare const posthog: { capture(e: string, p?: object): void }\nposthog.capture('security.rate_limited')\nposthog.capture('auth.logn')\n",
    })
    cpSync(CATALOG, join(dir, 'schema/events.catalog.json'))
    const sub = join(dir, 'app/web')
    const check = herald(['check'], sub)
    expect(check.code).toBe(0)
    expect(check.stdout).toMatch(/^\.\.\/\.\.\/schema\/events\.catalog\.json: ok/)
    expect(herald(['generate'], sub).code).toBe(0)
    expect(existsSync(join(dir, 'gen/events.js'))).toBe(true)
    expect(herald(['docs'], sub).code).toBe(0)
    expect(existsSync(join(dir, 'docs/telemetry/index.md'))).toBe(true)
    const audit = herald(['audit', '--format', 'json'], sub)
    const report = JSON.parse(audit.stdout) as { findings: Array<{ ruleId: string; event?: string }> }
    expect(report.findings.map((f) => [f.ruleId, f.event])).toEqual([['no-undeclared-event', 'auth.logn']])
  })

  it('a schema/events.catalog.json above is found without any config', () => {
    const dir = project()
    cpSync(CATALOG, join(dir, 'schema/events.catalog.json'))
    mkdirSync(join(dir, 'a/b'), { recursive: true })
    expect(herald(['check'], join(dir, 'a/b')).stdout).toMatch(/^\.\.\/\.\.\/schema\/events\.catalog\.json: ok/)
    const none = herald(['check'], project())
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('no schema/events.catalog.json and no herald.config.* here or in a folder above')
  })

  it('a herald.config.ts that imports a sibling .ts file loads without tsx (jiti, from @herald/core)', () => {
    const dir = project({
      'paths.ts': "export const emitters: string = 'out/typescript'\n",
      'herald.config.ts':
        "import type { HeraldConfig } from '@herald/cli'\nimport { emitters } from './paths.ts'\nexport default { catalog: 'catalog.json', outputs: { typescript: { out: emitters } } } satisfies HeraldConfig\n",
    })
    cpSync(CATALOG, join(dir, 'catalog.json'))
    const result = herald(['generate'], dir)
    expect(result.stderr).toBe('')
    expect(existsSync(join(dir, 'out/typescript/events.js'))).toBe(true)
    const cli = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const core = JSON.parse(readFileSync(join(ROOT, 'packages/core/package.json'), 'utf8')) as { dependencies: Record<string, string> }
    expect(Object.keys(cli.dependencies)).not.toContain('tsx')
    expect(Object.keys(core.dependencies)).toContain('jiti')
  })
})

describe('bad configs are usage errors that name the file (exit 2)', () => {
  it.each([
    ['herald.config.mjs', "throw new Error('no env var FOO')\n", /herald\.config\.mjs: Loading the config failed: no env var FOO/],
    ['herald.config.ts', "const x: number = 1\nthrow new TypeError('bad ' + x)\n", /herald\.config\.ts: Loading the config failed: bad 1/],
    ['herald.config.json', '{ "catalog": "c.json", ', /herald\.config\.json: The config is not valid JSON/],
    [
      'herald.config.json',
      '{ "catalog": "c.json", "outputs": { "typescript": { "out": "o", "options": { "validator": false } } } }',
      /The typescript generator has no option "validator". \(hint: did you mean "validators"\?\)/,
    ],
    [
      'herald.config.json',
      '{ "catalog": "c.json", "outputs": { "typescript": { "out": "o", "options": { "fileName": 3 } } } }',
      /The typescript option "fileName" must be a string, not 3/,
    ],
    [
      'herald.config.json',
      '{ "catalog": "c.json", "outputs": { "typescrpt": { "out": "o" } } }',
      /The output "typescrpt" is not a Herald generator. \(hint: did you mean "typescript"\?\)/,
    ],
    ['herald.config.json', '{ "catalog": "c.json", "output": { "typescript": { "out": "o" } } }', /unknown field "output"/],
  ])('%s: %s', (name, text, message) => {
    const dir = project({ [name]: text, 'src/a.ts': 'export {}\n' })
    const generate = herald(['generate'], dir)
    expect(generate.stderr).toMatch(message)
    expect(generate.code).toBe(2)
    expectNoInternalError(generate)
  })

  it('a throwing .mjs config is a usage error for audit (found upward, and as --config) and for check', () => {
    const dir = project({ 'herald.config.mjs': "throw new Error('boom')\n", 'src/a.ts': 'export {}\n' })
    for (const args of [['audit'], ['audit', '--config', join(dir, 'herald.config.mjs')], ['check']]) {
      const result = herald(args, join(dir, 'src'))
      expect(result.code, args.join(' ')).toBe(2)
      expect(result.stderr).toMatch(/herald\.config\.mjs: Loading the config failed: boom/)
      expectNoInternalError(result)
    }
    writeFileSync(join(dir, 'settings.mjs'), "throw new Error('settings boom')\n")
    const settings = herald(['audit', '--config', 'settings.mjs'], dir)
    expect(settings.code).toBe(2)
    expect(settings.stderr).toContain('settings.mjs: loading it failed: settings boom')
  })
})

describe('every command answers an unknown flag in its own words', () => {
  it.each([
    ['check', '--fromat', '--format'],
    ['generate', '--chek', '--check'],
    ['docs', '--sight', '--site'],
    ['audit', '--fail-onn', '--fail-on'],
    ['init', '--from-cod', '--from-code'],
  ])('herald %s %s suggests %s', (command, flag, suggestion) => {
    const result = herald([command, flag], project())
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(new RegExp(`^herald ${command}: unknown option ${flag}\\. Did you mean ${suggestion}\\? Options: `))
    expect(result.stderr).not.toContain('To specify a positional argument')
  })
})

describe('herald audit over nothing', () => {
  it('says so and exits 1 unless --allow-empty', () => {
    const dir = project({ 'README.md': '# no code\n' })
    const empty = herald(['audit'], dir)
    expect(empty.code).toBe(1)
    expect(empty.stderr).toContain('herald audit: no source file')
    expect(empty.stdout).not.toContain('No problems')
    expect(herald(['audit', '--allow-empty'], dir).code).toBe(0)
  })

  // As root the audit runs as nobody, who must be able to reach the checkout (a clone under a 0700 folder is not).
  const nobodyReachesHerald = !isRoot || spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'test', '-r', BIN]).status === 0
  it.skipIf((!isRoot && process.getuid === undefined) || !nobodyReachesHerald)(
    'reports an unreadable folder instead of skipping it silently (skipped where nobody cannot read the checkout)',
    () => {
      // under /tmp itself, not the test run's private temporary folder: the audit runs as another user
      const dir = mkdtempSync('/tmp/herald-unreadable-')
      made.push(dir)
      mkdirSync(join(dir, 'src/secret'), { recursive: true })
      writeFileSync(join(dir, 'src/ok.ts'), "declare const posthog: { capture(e: string): void }\nposthog.capture('a.b')\n")
      writeFileSync(join(dir, 'src/secret/hidden.ts'), 'export {}\n')
      spawnSync('chmod', ['-R', 'a+rX', dir])
      chmodSync(join(dir, 'src/secret'), 0o000)
      // root reads every folder: as root, the audit runs as nobody so that the permission holds
      const wrap = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []
      const result = herald(['audit', 'src', '--format', 'json'], dir, wrap)
      const report = JSON.parse(result.stdout) as { skippedFiles: Array<{ file: string; message: string }> }
      expect(report.skippedFiles).toEqual([
        { file: 'src/secret', line: 1, column: 1, message: 'Cannot read the folder (permission denied); its files were not audited.' },
      ])
      expect(result.stderr).toContain('herald audit: skipped src/secret:1:1')
    },
  )
})

describe('herald check reports meta-schema and semantic problems in one run', () => {
  it('lists a bad version, a misspelt kind, a spaced name and a forbidden key together', () => {
    const dir = project({
      'catalog.json':
        '{\n  "version": "1.0",\n  "events": {\n    "Auth Login": {},\n    "auth.logout": { "properties": { "password": { "type": "string" } } },\n    "auth.x": { "kind": "sgnal" }\n  }\n}\n',
    })
    const result = herald(['check', 'catalog.json'], dir)
    expect(result.code).toBe(1)
    expect(
      result.stdout
        .trimEnd()
        .split('\n')
        .map((line) => /^catalog\.json:(\d+):\d+: error ([a-z-]+)/.exec(line)?.slice(1).join(' ')),
    ).toEqual(['2 invalid-value', '4 event-name-has-space', '5 forbidden-key', '6 invalid-value'])
  })
})

describe('generate and docs write only into their output folder', () => {
  it('generate replaces a symbolic link where a file goes, and leaves its target alone', () => {
    const dir = project({ 'victim.js': 'precious\n' })
    mkdirSync(join(dir, 'out/typescript'), { recursive: true })
    symlinkSync(join(dir, 'victim.js'), join(dir, 'out/typescript/events.js'))
    const result = herald(['generate', '--catalog', CATALOG, '--out', 'out'], dir)
    expect(result.code).toBe(0)
    expect(result.stderr).toContain(`replaced the symbolic link out/typescript/events.js (it pointed to ${join(dir, 'victim.js')}) with the generated file`)
    expect(readFileSync(join(dir, 'victim.js'), 'utf8')).toBe('precious\n')
    expect(readFileSync(join(dir, 'out/typescript/events.js'), 'utf8')).toContain('generated by herald')
  })

  it('docs refuses a linked folder that leads out of --out, and writes nothing through it', () => {
    const dir = project()
    mkdirSync(join(dir, 'elsewhere'))
    mkdirSync(join(dir, 'site'))
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'site/categories'))
    const result = herald(['docs', '--catalog', CATALOG, '--out', 'site'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/herald docs: cannot write site\/categories: it is a symbolic link .* outside the output folder/)
    expect(readlinkSync(join(dir, 'site/categories'))).toBe(join(dir, 'elsewhere'))
    expect(spawnSync('ls', ['-A', join(dir, 'elsewhere')], { encoding: 'utf8' }).stdout).toBe('')
    expectNoInternalError(result)
  })

  it('generate: a directory where a file goes is exit 1 with a sentence, no stack trace', () => {
    const dir = project()
    mkdirSync(join(dir, 'out/typescript/events.js'), { recursive: true })
    const result = herald(['generate', '--catalog', CATALOG, '--out', 'out'], dir)
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'herald generate: cannot write out/typescript/events.js: a directory is in the way where a generated file should be. Check that each output folder is a writable folder.\n',
    )
  })

  it.skipIf(!isRoot)('generate: a read-only output is exit 1 with a sentence (a read-only bind mount; needs root)', () => {
    const dir = project()
    mkdirSync(join(dir, 'out'))
    const wrap = ['unshare', '-m', 'sh', '-c', `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"`, join(dir, 'out')]
    const result = herald(['generate', '--catalog', CATALOG, '--out', 'out'], dir, wrap)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^herald generate: cannot write out\/\S+: the file system is read-only\. /)
    expectNoInternalError(result)
  })

  it('generate and docs both remove a file they generated that is no longer produced, and --check lists it first', () => {
    const dir = project()
    const header = '<!-- generated by herald from generate-runtime.catalog.json — do not edit -->\n'
    expect(herald(['docs', '--catalog', CATALOG, '--out', 'docs'], dir).code).toBe(0)
    expect(herald(['generate', '--catalog', CATALOG, '--out', 'gen'], dir).code).toBe(0)
    writeFileSync(join(dir, 'docs/categories/old.md'), `${header}# old\n`)
    writeFileSync(join(dir, 'docs/notes.md'), '# mine\n')
    writeFileSync(join(dir, 'gen/json-schema/old.schema.json'), '{ "$comment": "generated by herald from generate-runtime.catalog.json — do not edit" }\n')
    writeFileSync(join(dir, 'gen/json-schema/mine.json'), '{}\n')

    expect(herald(['docs', '--catalog', CATALOG, '--out', 'docs', '--check'], dir).stdout).toBe('docs/categories/old.md: stale\n')
    expect(herald(['generate', '--catalog', CATALOG, '--out', 'gen', '--check'], dir).stdout).toContain(
      'stale: gen/json-schema/old.schema.json (no longer generated; herald generate removes it)',
    )
    expect(herald(['docs', '--catalog', CATALOG, '--out', 'docs'], dir).stdout).toContain('1 stale removed')
    const generate = herald(['generate', '--catalog', CATALOG, '--out', 'gen'], dir)
    expect(generate.stderr).toBe('herald generate: removed gen/json-schema/old.schema.json (no longer generated).\n')
    expect(generate.stdout).toContain('1 removed')
    expect([existsSync(join(dir, 'docs/categories/old.md')), existsSync(join(dir, 'gen/json-schema/old.schema.json'))]).toEqual([false, false])
    expect([existsSync(join(dir, 'docs/notes.md')), existsSync(join(dir, 'gen/json-schema/mine.json'))]).toEqual([true, true])
  })

  it('generate refuses a catalog whose pattern could block dev validation (ReDoS): nothing is generated', () => {
    const dir = project({
      'catalog.json': JSON.stringify({ events: { 'coupon.applied': { properties: { code: { type: 'string', pattern: '^(a+)+$' } } } } }, null, 2),
    })
    const result = herald(['generate', '--catalog', 'catalog.json', '--out', 'gen'], dir)
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/catalog\.json:\d+:\d+: error unsafe-pattern The pattern "\^\(a\+\)\+\$" can take exponential time/)
    expect(existsSync(join(dir, 'gen'))).toBe(false)
  })
})
