/**
 * Every file under test/fixtures/bad-catalogs/ is a catalog with one mistake a user makes; expected.json beside
 * them lists the diagnostics each must produce (code, line, column, and where it matters a hint or message part).
 * Each is loaded in-process, and run through the built `herald check` binary as a user would.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Diagnostic, type DiagnosticCode, loadCatalogSync, parseCatalog } from '@herald/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const FIXTURES = join(ROOT, 'test/fixtures/bad-catalogs')
const HERALD = join(ROOT, 'packages/cli/bin/herald.js')
const MAX_CATALOG_BYTES = 64 * 1024 * 1024

interface Expected {
  code: DiagnosticCode
  line: number
  column: number
  hint?: string
  message?: string
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Expected[]>
const fixtures = readdirSync(FIXTURES)
  .filter((file) => file !== 'expected.json')
  .sort()

/** The codes of the DiagnosticCode union, read from its source so that a new code without a fixture fails here. */
function declaredCodes(): string[] {
  const source = readFileSync(join(ROOT, 'packages/core/src/diagnostics.ts'), 'utf8')
  const union = /export type DiagnosticCode =([^]*?)\n\n/.exec(source)?.[1] ?? ''
  return [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!)
}

/** Codes no catalog file can produce by its content: they are about the path, or kept for future keywords. */
const CODES_NOT_FROM_CONTENT: Record<string, string> = {
  'file-not-found': 'tested below with a missing path',
  'file-unreadable': 'tested below with a directory',
  'file-too-large': 'tested below with a sparse file',
  'base-not-a-catalog': 'needs a second file: tested in packages/core/src/extend-catalog.test.ts',
  'extends-conflict': 'needs a second file: tested in packages/core/src/extend-catalog.test.ts',
  'schema-violation': 'fallback for meta-schema keywords that have no sentence of their own; the meta-schema uses none',
}

function located(d: Diagnostic): Pick<Diagnostic, 'code' | 'line' | 'column'> {
  return { code: d.code, line: d.line, column: d.column }
}

function expectNoStackTrace(output: string): void {
  expect(output).not.toMatch(/^\s{4}at /m)
  expect(output).not.toMatch(/internal error/)
}

describe('bad catalog fixtures: the manifest', () => {
  it('holds at least 45 fixtures, each listed in expected.json, and no entry without a file', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(45)
    expect(Object.keys(manifest).sort()).toEqual(fixtures)
    for (const file of fixtures) expect(manifest[file]!.length, file).toBeGreaterThan(0)
  })

  it('covers every diagnostic code that a catalog file can produce', () => {
    const covered = new Set(Object.values(manifest).flatMap((entries) => entries.map((e) => e.code)))
    const codes = declaredCodes()
    expect(codes.length).toBeGreaterThan(20)
    const uncovered = codes.filter((code) => !covered.has(code as DiagnosticCode) && !(code in CODES_NOT_FROM_CONTENT))
    expect(uncovered).toEqual([])
  })

  it('includes JSON and YAML, CRLF and BOM files', () => {
    expect(fixtures.filter((f) => f.endsWith('.yaml')).length).toBeGreaterThanOrEqual(10)
    const crlf = fixtures.filter((f) => readFileSync(join(FIXTURES, f), 'utf8').includes('\r\n'))
    const bom = fixtures.filter((f) => readFileSync(join(FIXTURES, f), 'utf8').charCodeAt(0) === 0xfeff)
    expect(crlf.length).toBeGreaterThanOrEqual(2)
    expect(bom.length).toBeGreaterThanOrEqual(2)
  })
})

describe('bad catalog fixtures: loadCatalogSync', () => {
  it.each(fixtures)('%s', (file) => {
    const path = join(FIXTURES, file)
    const result = loadCatalogSync(path)
    const expected = manifest[file]!
    expect(result.ok).toBe(false)
    expect(result.diagnostics.map(located)).toEqual(expected.map(({ code, line, column }) => ({ code, line, column })))
    result.diagnostics.forEach((diagnostic, i) => {
      expect(diagnostic.file).toBe(path)
      expect(diagnostic.severity).toBe('error')
      // A sentence: starts with a capital or a quoted name, ends with a full stop.
      expect(diagnostic.message).toMatch(/^[A-Z`"].*\.$/s)
      if (expected[i]!.hint !== undefined) expect(diagnostic.hint).toContain(expected[i]!.hint)
      if (expected[i]!.message !== undefined) expect(diagnostic.message).toContain(expected[i]!.message)
    })
  })
})

describe('path problems', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'herald-bad-catalogs-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reports a missing file as file-not-found with a hint', () => {
    const result = loadCatalogSync(join(dir, 'events.catalog.json'))
    expect(result.diagnostics.map(located)).toEqual([{ code: 'file-not-found', line: 1, column: 1 }])
    expect(result.diagnostics[0]!.hint).toMatch(/events catalog/)
  })

  it('reports a directory as file-unreadable', () => {
    expect(loadCatalogSync(dir).diagnostics.map(located)).toEqual([{ code: 'file-unreadable', line: 1, column: 1 }])
  })

  it('refuses a file over the size limit', () => {
    const path = join(dir, 'huge.catalog.json')
    writeFileSync(path, '')
    // Sparse: the file takes no disk space.
    truncateSync(path, MAX_CATALOG_BYTES + 1)
    const result = loadCatalogSync(path)
    expect(result.diagnostics.map(located)).toEqual([{ code: 'file-too-large', line: 1, column: 1 }])
    expect(result.diagnostics[0]!.message).toMatch(/64 MiB/)
  })

  it('refuses text over the size limit in parseCatalog too', () => {
    const result = parseCatalog(' '.repeat(MAX_CATALOG_BYTES + 1), 'big.json')
    expect(result.diagnostics.map(located)).toEqual([{ code: 'file-too-large', line: 1, column: 1 }])
  })
})

/**
 * A process costs ~0.2 s of CPU, so the binary runs one fixture per kind of parse error (each has its own
 * message code path in the CLI's output) and a spread of the semantic ones; loadCatalogSync covers the rest.
 */
const CLI_SAMPLE = [
  ...fixtures.filter((file) => /^(invalid-json|invalid-yaml|empty-file)-?/.test(file)),
  'bom-one-line.json',
  'crlf-line-endings.json',
  'duplicate-event-name.yaml',
  'forbidden-key-nested.json',
  'huge-catalog.json',
  'identifier-collision-spaced.json',
  'nesting-too-deep.yaml',
  'ref-cycle-indirect.yaml',
  'stamp-versions-posthog-name.yaml',
  'stamp-versions-segment-name.json',
  'unknown-field-did-you-mean.json',
  'unresolved-ref.json',
]

describe('bad catalog fixtures: herald check (built binary)', () => {
  it('runs a sample that has every parse-error kind and at least 10 others', () => {
    expect(new Set(CLI_SAMPLE).size).toBe(CLI_SAMPLE.length)
    for (const file of CLI_SAMPLE) expect(fixtures).toContain(file)
    const kinds = CLI_SAMPLE.filter((file) => /^(invalid-json|invalid-yaml|empty-file)/.test(file))
    expect(kinds.length).toBeGreaterThanOrEqual(16)
    expect(CLI_SAMPLE.length - kinds.length).toBeGreaterThanOrEqual(10)
  })

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) throw new Error('packages/cli is not built: run `pnpm build` before these tests')
  })

  const herald = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [HERALD, ...args], { cwd: ROOT, encoding: 'utf8' })
      return { status: 0, stdout, stderr }
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string }
      if (typeof failed.code !== 'number') throw error
      return { status: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
    }
  }

  it.concurrent.for(CLI_SAMPLE)('%s exits 1 with its located diagnostics and no stack trace', async (file, { expect }) => {
    const path = relative(ROOT, join(FIXTURES, file))
    const { status, stdout, stderr } = await herald(['check', path])
    expect(status).toBe(1)
    const lines = stdout.trimEnd().split('\n')
    expect(lines.map((line) => /^(.+?):(\d+):(\d+): error ([a-z-]+) /.exec(line)?.slice(1))).toEqual(
      manifest[file]!.map((e) => [path, String(e.line), String(e.column), e.code]),
    )
    expect(stderr).toMatch(new RegExp(`^${manifest[file]!.length} errors? in ${path.replace(/[.]/g, '\\.')}\\n$`))
    expectNoStackTrace(stdout)
    expectNoStackTrace(stderr)
  })

  it('prints --format json as { diagnostics: [...] } with the documented fields', async () => {
    const path = 'test/fixtures/bad-catalogs/identifier-collision-spaced.json'
    const { status, stdout } = await herald(['check', path, '--format', 'json'])
    expect(status).toBe(1)
    const output = JSON.parse(stdout) as { diagnostics: Array<Record<string, unknown>> }
    expect(Object.keys(output)).toEqual(['diagnostics'])
    expect(output.diagnostics).toHaveLength(manifest['identifier-collision-spaced.json']!.length)
    for (const d of output.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(expect.arrayContaining(['code', 'column', 'file', 'line', 'message', 'severity']))
      expect(Object.keys(d).every((key) => ['code', 'severity', 'message', 'file', 'line', 'column', 'hint'].includes(key))).toBe(true)
      expect(d.file).toBe(path)
      expect(d.severity).toBe('error')
      expect(typeof d.line).toBe('number')
      expect(typeof d.column).toBe('number')
    }
    expect(output.diagnostics.map((d) => d.code)).toEqual(['event-name-has-space', 'identifier-collision'])
  })

  it('prints an empty diagnostics list as JSON for a valid catalog, and exits 0', async () => {
    const { status, stdout } = await herald(['check', 'schema/events.catalog.json', '--format', 'json'])
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toEqual({ diagnostics: [] })
  })

  it('exits 2 for a missing file, naming it, without a stack trace', async () => {
    const { status, stdout, stderr } = await herald(['check', 'test/fixtures/bad-catalogs/no-such.catalog.json'])
    expect(status).toBe(2)
    expect(stderr).toContain('no-such.catalog.json')
    expectNoStackTrace(stdout + stderr)
  })

  it('exits 2 for an unknown flag, pointing at --help', async () => {
    const { status, stderr } = await herald(['check', 'schema/events.catalog.json', '--strictest'])
    expect(status).toBe(2)
    expect(stderr).toContain('--strictest')
    expect(stderr).toContain('herald check --help')
    expectNoStackTrace(stderr)
  })

  it('exits 2 for an unknown --format', async () => {
    const { status, stderr } = await herald(['check', 'schema/events.catalog.json', '--format', 'sarif'])
    expect(status).toBe(2)
    expect(stderr).toMatch(/--format/)
  })

  it('shows help with --help and exits 0', async () => {
    const { status, stdout } = await herald(['check', '--help'])
    expect(status).toBe(0)
    expect(stdout).toMatch(/^Usage: herald check/)
    expect(stdout).toMatch(/--format/)
    expect(stdout).toMatch(/Exit codes/)
  })
})
