/**
 * The lint fixture app migrated end to end, as a team adopting Herald would: audit → init --from-code → generate →
 * migrate --write, then real tsc and ESLint with the plugin's recommended config. The fixture breaks rules on
 * purpose and does not compile on its own (it uses globals and JSX without types), so the bar is: the migration
 * brings in no type error the app did not already have, a second run changes nothing, and ESLint's findings are
 * left only on calls that herald migrate listed as left alone.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tsParser from '@typescript-eslint/parser'
import herald from '@herald/eslint-plugin'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNode } from './support/run-node.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const HERALD = join(ROOT, 'packages/cli/bin/herald.js')
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc')
const FIXTURE = join(ROOT, 'test/fixtures/lint-app')
const artifacts = join(ROOT, 'test/artifacts')

const run = runNode

interface Site {
  file: string
  line: number
  reason?: string
}

/** tsc's errors as "file code message" (no position: the added imports move lines). */
async function typeErrors(dir: string): Promise<string[]> {
  const result = await run(TSC, ['-p', '.', '--pretty', 'false'], dir)
  return result.stdout
    .split('\n')
    .filter((line) => / error TS\d+:/.test(line))
    .map((line) => line.replace(/^(.*?)\(\d+,\d+\): error (TS\d+): /, '$1 $2 '))
    .sort()
}

let work: string
const settings = JSON.parse(readFileSync(join(FIXTURE, 'herald.settings.json'), 'utf8')) as { presets: string[]; matchers: unknown[] }

beforeAll(() => {
  mkdirSync(artifacts, { recursive: true })
  work = mkdtempSync(join(artifacts, 'migrate-lint-app-'))
  cpSync(FIXTURE, work, { recursive: true })
  writeFileSync(join(work, 'package.json'), `${JSON.stringify({ name: 'lint-app-migrated', private: true, type: 'module' })}\n`)
  writeFileSync(
    join(work, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', jsx: 'react-jsx', noEmit: true, skipLibCheck: true }, include: ['src'] }, null, 2)}\n`,
  )
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the lint fixture app, migrated end to end', () => {
  let audited: { callSites: unknown[] }
  let before: string[]
  let migration: { written: boolean; sites: number; migrated: Site[]; left: Site[]; files: string[] }

  it('audit, init --from-code, generate and migrate --write run in turn', async () => {
    const audit = await run(HERALD, ['audit', 'src', '--catalog', 'events.catalog.json', '--format', 'json'], work)
    expect(audit.code, audit.stderr).toBe(1)
    audited = JSON.parse(audit.stdout) as { callSites: unknown[] }

    const init = await run(HERALD, ['init', '--from-code', 'src', '--output', 'schema/events.catalog.json', '--config-format', 'json'], work)
    expect(init.code, init.stderr).toBe(0)
    // The app's own matchers, and the client the emitters get (never a global migrate would invent).
    const config = {
      catalog: 'schema/events.catalog.json',
      outputs: { typescript: { out: 'src/telemetry' } },
      settings: { presets: settings.presets, matchers: settings.matchers },
      migrate: { client: 'telemetry', clientImport: { name: 'telemetry', from: './src/telemetry/client.ts' } },
    }
    writeFileSync(join(work, 'herald.config.json'), `${JSON.stringify(config, null, 2)}\n`)
    const check = await run(HERALD, ['check', 'schema/events.catalog.json'], work)
    expect(check.code, check.stdout + check.stderr).toBe(0)
    const generate = await run(HERALD, ['generate'], work)
    expect(generate.code, generate.stderr).toBe(0)
    writeFileSync(join(work, 'src/telemetry/client.ts'), "import type { Telemetry } from '@herald/runtime'\n\nexport declare const telemetry: Telemetry\n")

    before = await typeErrors(work)
    const migrate = await run(HERALD, ['migrate', 'src', '--write', '--format', 'json'], work)
    expect(migrate.code, migrate.stderr).toBe(0)
    migration = JSON.parse(migrate.stdout) as typeof migration
    expect(migration.written).toBe(true)
    expect(migration.sites).toBe(migration.migrated.length + migration.left.length)
    expect(migration.migrated.length).toBeGreaterThanOrEqual(5)
    expect(migration.files.length).toBeGreaterThanOrEqual(3)
    expect(audited.callSites.length).toBeGreaterThan(0)
  }, 180_000)

  it('brings in no type error that real tsc did not already report, and a second run changes nothing', async () => {
    expect(migration, 'the pipeline ran').toBeDefined()
    const after = await typeErrors(work)
    const remaining = [...before]
    const introduced = after.filter((error) => {
      const i = remaining.indexOf(error)
      if (i === -1) return true
      remaining.splice(i, 1)
      return false
    })
    expect(introduced).toEqual([])
    const again = await run(HERALD, ['migrate', 'src', '--format', 'json'], work)
    expect(again.code, again.stderr).toBe(0)
    expect((JSON.parse(again.stdout) as typeof migration).migrated).toEqual([])
  }, 120_000)

  it('leaves ESLint findings (recommended config) only on the calls herald migrate listed as left alone', async () => {
    expect(migration, 'the pipeline ran').toBeDefined()
    const eslint = new ESLint({
      cwd: work,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,js}'],
          languageOptions: { parser: tsParser },
          plugins: { herald },
          settings: { herald: { ...settings, catalog: 'schema/events.catalog.json' } },
          rules: herald.configs.recommended.rules,
        },
      ],
    })
    const results = await eslint.lintFiles(['src'])
    // The imports the migration adds move lines, so a finding is placed by its line's text: it must be a line of the
    // original file (not one the migration wrote), in a file where a call was left alone.
    const leftFiles = new Set(migration.left.map((site) => site.file))
    const stray: string[] = []
    let findings = 0
    for (const result of results) {
      const file = relative(work, result.filePath)
      expect(result.messages.filter((m) => m.fatal)).toEqual([])
      // The generated emitters and the client are new files, with no raw calls.
      if (file.startsWith('src/telemetry/')) {
        expect(result.messages.filter((m) => m.ruleId?.startsWith('herald/'))).toEqual([])
        continue
      }
      const lines = readFileSync(result.filePath, 'utf8').split('\n')
      const original = new Set(readFileSync(join(FIXTURE, file), 'utf8').split('\n'))
      for (const message of result.messages.filter((m) => m.ruleId?.startsWith('herald/'))) {
        findings++
        const text = lines[message.line - 1]!
        if (!leftFiles.has(file) || !original.has(text)) stray.push(`${file}:${message.line} ${message.ruleId}: ${text.trim()}`)
      }
    }
    expect(findings).toBeGreaterThan(0)
    expect(stray).toEqual([])

    // The raw calls still in the code are exactly the ones listed as left.
    const audit = await run(HERALD, ['audit', 'src', '--format', 'json'], work)
    const raw = (JSON.parse(audit.stdout) as { callSites: Array<{ file: string; emitter?: string }> }).callSites.filter(
      (site) => site.emitter === undefined && !site.file.startsWith('src/telemetry/'),
    )
    expect(raw.map((site) => site.file).sort()).toEqual(migration.left.map((site) => site.file).sort())
  }, 120_000)
})
