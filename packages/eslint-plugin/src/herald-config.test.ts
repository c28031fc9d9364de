/**
 * The plugin reads what `settings.herald` leaves out (catalog, presets, matchers) from the nearest herald.config.*
 * above ESLint's working folder, loaded by core as the CLI loads it: real ESLint, real temporary projects.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Linter } from 'eslint'
import { afterAll, describe, expect, it } from 'vitest'
import herald from './index.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

const CATALOG = JSON.stringify({
  events: {
    'order.placed': { properties: { total: { type: 'number' } } },
    $pageview: { properties: { path: { type: 'string' } } },
  },
})

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-eslint-config-'))
  made.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

function lint(cwd: string, code: string, settings: Record<string, unknown> = {}) {
  const linter = new Linter({ cwd })
  return linter
    .verify(code, [{ files: ['**/*.js'], plugins: { herald }, rules: herald.configs.recommended.rules, settings }], { filename: join(cwd, 'src/deep/app.js') })
    .map((m) => `${m.ruleId ?? ''} ${m.message}`)
}

const CODE = [
  "tracker.track('order.placd', { total: 1 })",
  "tracker.track('$pageview', { pth: '/' })",
  "tracker.track('$groupidentify', { anything: 1 })",
  "posthog.capture('Not Declared')",
].join('\n')

describe('settings from herald.config', () => {
  it('takes the catalog and the matchers from a herald.config.ts that imports a sibling file', () => {
    const cwd = project({
      'matchers.ts': "export const tracker = { callee: 'track', object: 'tracker' } as const\n",
      'herald.config.ts':
        "import { tracker } from './matchers.ts'\nexport default { catalog: 'schema/events.catalog.json', outputs: {}, settings: { presets: [], matchers: [tracker] } }\n",
      'schema/events.catalog.json': CATALOG,
    })
    // presets: [] in the config: posthog.capture is no capture; tracker.track is, against the config's catalog
    expect(lint(join(cwd, 'src'), CODE)).toEqual([
      'herald/no-undeclared-event The event "order.placd" is not declared in the catalog. Did you mean "order.placed"?',
      'herald/no-undeclared-property The event "$pageview" does not declare the property "pth". Did you mean "path"?',
    ])
  })

  it("settings.herald wins where it speaks: its own catalog, with the config's matchers", () => {
    const cwd = project({
      'herald.config.json': JSON.stringify({
        catalog: 'schema/events.catalog.json',
        settings: { presets: [], matchers: [{ callee: 'track', object: 'tracker' }] },
      }),
      'schema/events.catalog.json': CATALOG,
      'other.catalog.json': JSON.stringify({ events: { 'order.placd': { properties: { total: { type: 'number' } } } } }),
    })
    const messages = lint(cwd, `${CODE}\ntracker.track('order.placed')`, { herald: { catalog: join(cwd, 'other.catalog.json') } })
    expect(messages).toEqual([expect.stringMatching(/^herald\/no-undeclared-event The event "order\.placed" is not declared in the catalog\./)])
  })

  it('a config that throws is a setup problem naming the file', () => {
    const cwd = project({ 'herald.config.mjs': "throw new Error('no catalog for you')\n" })
    const messages = lint(cwd, CODE)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^herald\/\S+ Herald cannot check capture calls: .*herald\.config\.mjs: Loading the config failed: no catalog for you/)
  })

  it('without a config, every preset applies, against the schema/events.catalog.json found upward', () => {
    const cwd = project({ 'schema/events.catalog.json': CATALOG })
    expect(lint(join(cwd, 'src/deep'), CODE)).toEqual([
      'herald/valid-event-name The event name "Not Declared" contains a space. Use "not_declared".',
      'herald/no-undeclared-event The event "Not Declared" is not declared in the catalog.',
    ])
    expect(lint(project({}), CODE)[0]).toMatch(/Herald cannot load the event catalog: .*file-not-found/)
  })
})
