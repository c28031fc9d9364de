import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CommandIO } from '../io.js'
import { main } from '../main.js'

const EXAMPLE = fileURLToPath(new URL('../../../../schema/events.catalog.json', import.meta.url))

let cwd: string

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'herald-docs-'))
  mkdirSync(join(cwd, 'schema'))
  cpSync(EXAMPLE, join(cwd, 'schema/events.catalog.json'))
})
afterEach(() => rmSync(cwd, { recursive: true, force: true }))

async function herald(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CommandIO = { cwd, env: {}, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdoutIsTTY: false, stderrIsTTY: false }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

describe('herald docs', () => {
  it('writes the pages to docs/telemetry by default, then finds them up to date', async () => {
    const first = await herald('docs')
    expect(first).toMatchObject({ code: 0, stdout: 'docs/telemetry: 15 written, 0 unchanged\n', stderr: '' })
    expect(readFileSync(join(cwd, 'docs/telemetry/categories/auth.md'), 'utf8')).toContain('authLogin(t, { method: ')
    expect(existsSync(join(cwd, 'docs/telemetry/.vitepress'))).toBe(false)
    expect(await herald('docs')).toMatchObject({ code: 0, stdout: 'docs/telemetry: 0 written, 15 unchanged\n' })
  })

  it('adds the VitePress config with --site and says how to build it', async () => {
    const { code, stdout } = await herald('docs', '--catalog', 'schema/events.catalog.json', '--out', 'site', '--site')
    expect(code).toBe(0)
    expect(stdout).toContain('site: 16 written')
    expect(stdout).toContain('npx vitepress build site')
    expect(readFileSync(join(cwd, 'site/.vitepress/config.mts'), 'utf8')).toContain('provider": "local"')
  })

  it('--check writes nothing and exits 1 on a stale or missing file', async () => {
    const missing = await herald('docs', '--out', 'out', '--check')
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('out/index.md: stale')
    expect(existsSync(join(cwd, 'out'))).toBe(false)

    await herald('docs', '--out', 'out')
    expect(await herald('docs', '--out', 'out', '--check')).toMatchObject({ code: 0, stdout: 'out: up to date (15 files)\n' })
    writeFileSync(join(cwd, 'out/privacy.md'), 'edited by hand\n')
    const stale = await herald('docs', '--out', 'out', '--check')
    expect(stale).toMatchObject({ code: 1, stdout: 'out/privacy.md: stale\n' })
    expect(stale.stderr).toContain('1 file in out is not up to date. Run herald docs without --check')
  })

  it('removes pages it generated that the catalog no longer produces, and nothing else', async () => {
    await herald('docs', '--out', 'out')
    const catalog = JSON.parse(readFileSync(join(cwd, 'schema/events.catalog.json'), 'utf8'))
    catalog.categories.signin = catalog.categories.auth
    delete catalog.categories.auth
    for (const event of Object.values<{ category?: string }>(catalog.events)) if (event.category === 'auth') event.category = 'signin'
    writeFileSync(join(cwd, 'schema/events.catalog.json'), JSON.stringify(catalog))
    writeFileSync(join(cwd, 'out/categories/notes.md'), '# Our own notes\n')

    expect((await herald('docs', '--out', 'out', '--check')).stdout).toContain('out/categories/auth.md: stale')
    const { code, stdout } = await herald('docs', '--out', 'out')
    expect(code).toBe(0)
    expect(stdout).toContain('1 stale removed')
    expect(existsSync(join(cwd, 'out/categories/auth.md'))).toBe(false)
    expect(existsSync(join(cwd, 'out/categories/signin.md'))).toBe(true)
    expect(existsSync(join(cwd, 'out/categories/notes.md'))).toBe(true)
  })

  it('reports catalog errors with their location and writes nothing', async () => {
    writeFileSync(join(cwd, 'bad.json'), '{\n  "events": { "Bad Name": {} }\n}\n')
    const { code, stdout, stderr } = await herald('docs', '--catalog', 'bad.json', '--out', 'out')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^bad\.json:2:\d+: error /m)
    expect(stderr).toBe('herald docs: bad.json has errors; no docs were written. Run herald check bad.json for details.\n')
    expect(existsSync(join(cwd, 'out'))).toBe(false)
  })

  it('exits 2 on usage mistakes, with a hint and no stack trace', async () => {
    const missing = await herald('docs', '--catalog', 'nope.json')
    expect(missing).toMatchObject({ code: 2, stderr: 'herald docs: no catalog at nope.json.\nRun herald docs --help for usage.\n' })
    const unknown = await herald('docs', '--sight')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('herald docs: unknown option --sight. Did you mean --site?')
    const positional = await herald('docs', 'schema/events.catalog.json')
    expect(positional).toMatchObject({ code: 2 })
    expect(positional.stderr).toContain('pass the catalog with --catalog')
  })

  it('says what went wrong when the output cannot be written', async () => {
    writeFileSync(join(cwd, 'taken'), 'a file, not a directory\n')
    const { code, stderr } = await herald('docs', '--out', 'taken')
    expect(code).toBe(1)
    expect(stderr).toBe('herald docs: cannot write taken: a file is in the way where a directory should be. Check that taken is a writable directory.\n')
  })

  it('is listed in herald --help and has its own help', async () => {
    expect((await herald('--help')).stdout).toMatch(/^ {2}docs +Write markdown docs of the catalog/m)
    expect((await herald('docs', '--help')).stdout).toContain('Usage: herald docs [options]')
  })
})

describe("herald docs --base: each event's history from git", () => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
  const commit = (catalog: unknown, message: string) => {
    writeFileSync(join(cwd, 'schema/events.catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`)
    git('add', '-A')
    git('commit', '-q', '-m', message)
    return git('rev-parse', '--short=7', 'HEAD')
  }
  const catalog = (version: string, events: Record<string, unknown>) => ({ title: 'Shop', version, events })
  const login = { since: '1.0.0', properties: { method: { enum: ['password'] } } }
  const section = (page: string, event: string) => page.slice(page.indexOf(`## ${event}`)).split('\n## ')[0]!
  const historyOf = (page: string, event: string) => {
    const text = section(page, event)
    if (!text.includes('**History**')) return []
    return text.split('**History**\n\n')[1]!.split('\n\n')[0]!.split('\n')
  }

  beforeEach(() => {
    git('init', '-q')
    git('config', 'user.email', 'test@example.com')
    git('config', 'user.name', 'test')
    git('config', 'commit.gpgsign', 'false')
  })

  it('shows the base, then added, changed and deprecated in the version and commit they happened in', async () => {
    const base = commit(catalog('1.0.0', { 'auth.login': login }), 'base')
    git('tag', 'v1.0.0')
    const added = commit(catalog('1.1.0', { 'auth.login': login, 'cart.viewed': { since: '1.1.0', properties: { items: { type: 'integer' } } } }), 'add')
    // A change made on a branch and merged: first-parent history sees it at the merge, once.
    git('checkout', '-q', '-b', 'feature')
    commit(catalog('1.2.0', { 'auth.login': login, 'cart.viewed': { since: '1.1.0', properties: { items: { type: 'number' } } } }), 'widen on a branch')
    git('checkout', '-q', '-')
    git('merge', '-q', '--no-ff', '-m', 'merge feature', 'feature')
    const merged = git('rev-parse', '--short=7', 'HEAD')
    const deprecated = commit(
      catalog('1.3.0', {
        'auth.login': login,
        'cart.viewed': { since: '1.1.0', deprecated: { since: '1.3.0' }, properties: { items: { type: 'number' } } },
      }),
      'deprecate',
    )

    const { code, stderr } = await herald('docs', '--base', 'v1.0.0', '--out', 'out')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const page = readFileSync(join(cwd, 'out/categories/uncategorized.md'), 'utf8')
    expect(historyOf(page, 'auth.login')).toEqual([`- Declared at the base 1.0.0 (commit <code>${base}</code>)`])
    expect(historyOf(page, 'cart.viewed')).toEqual([
      `- Added in 1.1.0 (commit <code>${added}</code>)`,
      `- Changed in 1.2.0 (commit <code>${merged}</code>): The property "items" now accepts number (was integer) in "cart.viewed".`,
      `- Deprecated in 1.3.0 (commit <code>${deprecated}</code>)`,
    ])

    // An edit not committed yet is the last version; without --base there is no history at all.
    writeFileSync(
      join(cwd, 'schema/events.catalog.json'),
      JSON.stringify(
        catalog('1.3.1', {
          'auth.login': { ...login, owner: 'identity' },
          'cart.viewed': { since: '1.1.0', deprecated: { since: '1.3.0' }, properties: { items: { type: 'number' } } },
        }),
      ),
    )
    await herald('docs', '--base', 'v1.0.0', '--out', 'out')
    const edited = readFileSync(join(cwd, 'out/categories/uncategorized.md'), 'utf8')
    expect(historyOf(edited, 'auth.login').at(-1)).toBe(
      '- Changed in 1.3.1 (not committed yet): The event "auth.login" has a new owner: "identity" (was none).',
    )
    await herald('docs', '--out', 'plain')
    expect(readFileSync(join(cwd, 'plain/categories/uncategorized.md'), 'utf8')).not.toContain('**History**')
  })

  it('exits 2 for a --base that is not a ref, or a catalog outside git', async () => {
    commit(catalog('1.0.0', { 'auth.login': login }), 'base')
    const missing = await herald('docs', '--base', 'no-such-ref', '--out', 'out')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('herald docs: --base no-such-ref is not a git ref')
    expect(existsSync(join(cwd, 'out'))).toBe(false)
    expect((await herald('docs', '--base', '', '--out', 'out')).code).toBe(2)
    rmSync(join(cwd, '.git'), { recursive: true, force: true })
    const outside = await herald('docs', '--base', 'HEAD', '--out', 'out')
    expect(outside.code).toBe(2)
    expect(outside.stderr).toContain('is not in a git repository')
  })
})
