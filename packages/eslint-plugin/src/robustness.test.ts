/** Setup problems are reported, never thrown or swallowed; odd files never crash the rules. */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Linter, type Rule } from 'eslint'
import * as tsParser from '@typescript-eslint/parser'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CHECKER_MESSAGES, Extractor, type HeraldSettings, renderMessage, RULE_IDS, type RuleId } from '@herald/core'
import { CATALOG_RECHECK_MS, recordedAnalysis } from './file-analysis.js'
import { plugin } from './plugin.js'
import { CATALOG } from './__fixtures__/rule-tester.js'

const BROKEN = fileURLToPath(new URL('./__fixtures__/broken.catalog.json', import.meta.url))
const ALL_RULES = plugin.configs.strict.rules!
const CATALOG_FREE = {
  'herald/valid-event-name': 'error',
  'herald/no-forbidden-property': 'error',
  'herald/no-pii-distinct-id': 'error',
  'herald/no-dynamic-event-name': 'error',
} as const

const temp = mkdtempSync(join(tmpdir(), 'herald-eslint-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

function lint(
  code: string,
  herald: HeraldSettings | Record<string, unknown> | undefined,
  options: { cwd?: string; rules?: Linter.RulesRecord; filename?: string } = {},
) {
  const linter = new Linter({ cwd: options.cwd ?? process.cwd() })
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.tsx'],
        languageOptions: { parser: tsParser },
        plugins: { herald: plugin },
        settings: herald === undefined ? {} : { herald },
        rules: options.rules ?? ALL_RULES,
      },
    ],
    { filename: join(options.cwd ?? process.cwd(), options.filename ?? 'app.ts') },
  )
  return { messages, recorded: recordedAnalysis(linter.getSourceCode()) }
}

describe('a missing or invalid catalog', () => {
  it('gives one report per file, at line 1, with the catalog diagnostic', () => {
    const missing = join(temp, 'nope', 'events.catalog.json')
    const { messages } = lint("posthog.capture('User Signed Up', { email })", { catalog: missing })
    const setup = messages.filter((m) => m.messageId === 'catalogUnavailable')
    expect(setup).toHaveLength(1)
    expect(setup[0]).toMatchObject({ ruleId: 'herald/no-undeclared-event', line: 1, column: 1, severity: 2 })
    expect(setup[0]!.message).toContain(`nope/events.catalog.json:1:1: error file-not-found No catalog at ${missing}.`)
    // the rules that need no catalog still run, from the defaults
    expect(messages.map((m) => m.ruleId).sort()).toEqual(['herald/no-forbidden-property', 'herald/no-undeclared-event', 'herald/valid-event-name'])
  })

  it('points at the line and column of the catalog error', () => {
    const { messages } = lint('const x = 1', { catalog: BROKEN })
    expect(messages).toHaveLength(1)
    expect(messages[0]!.message).toMatch(/^Herald cannot load the event catalog: .*broken\.catalog\.json:3:\d+: error invalid-json /)
  })

  it('is reported by the first rule that needs it, even when it is not the first rule', () => {
    const rules = { 'herald/valid-event-name': 'error', 'herald/no-deprecated-event': 'warn' } as const
    const { messages } = lint('const x = 1', { catalog: BROKEN }, { rules })
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['herald/no-deprecated-event', 1]])
  })

  it('names the setting when none is configured and the default path has no catalog', () => {
    const { messages } = lint('const x = 1', undefined, { cwd: temp })
    expect(messages).toHaveLength(1)
    expect(messages[0]!.message).toContain('Set settings.herald.catalog to the path of your events catalog (default: schema/events.catalog.json).')
  })

  it('is not needed by the rules that work from the defaults', () => {
    const { messages } = lint(
      "posthog.capture('User Signed Up', { email, hasEmail: true })\nclient.capture({ distinctId: user.email, event: name })",
      undefined,
      {
        cwd: temp,
        rules: CATALOG_FREE,
      },
    )
    expect(messages.map((m) => [m.ruleId, m.messageId])).toEqual([
      ['herald/valid-event-name', 'invalidNameWithSuggestion'],
      ['herald/no-forbidden-property', 'forbiddenKey'],
      ['herald/no-pii-distinct-id', 'emailValue'],
      ['herald/no-dynamic-event-name', 'dynamicName'],
    ])
  })
})

describe('the catalog path and cache', () => {
  it('resolves a relative path against ESLint’s working directory and sees edits', async () => {
    const dir = mkdtempSync(join(temp, 'cwd-'))
    const file = join(dir, 'events.catalog.json')
    const write = (events: string[], mtime: number) => {
      writeFileSync(file, JSON.stringify({ events: Object.fromEntries(events.map((e) => [e, { kind: 'signal' }])) }))
      utimesSync(file, mtime, mtime)
    }
    write(['auth.login'], 1_700_000_000)
    const code = "posthog.capture('auth.signup')"
    const first = lint(code, { catalog: 'events.catalog.json' }, { cwd: dir })
    expect(first.messages.map((m) => m.messageId)).toEqual(['undeclared'])
    write(['auth.login', 'auth.signup'], 1_700_000_100)
    // within the recheck interval the last lookup is reused; after it, the edit is seen
    expect(lint(code, { catalog: 'events.catalog.json' }, { cwd: dir }).messages.map((m) => m.messageId)).toEqual(['undeclared'])
    await new Promise((resolve) => setTimeout(resolve, CATALOG_RECHECK_MS + 20))
    expect(lint(code, { catalog: 'events.catalog.json' }, { cwd: dir }).messages).toEqual([])
  })
})

describe('settings', () => {
  it('reports bad settings once per file instead of throwing', () => {
    const { messages } = lint("posthog.capture('nope.event')", { catalog: CATALOG, presets: ['posthog-js', 'plausible'], matchers: [{ callee: 7 }] })
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ messageId: 'invalidSettings', line: 1, column: 1 })
    expect(messages[0]!.message).toBe(
      'Herald cannot check capture calls: settings.herald.presets: unknown preset "plausible"; known presets: posthog-js, posthog-node, segment, mixpanel, amplitude, rudderstack, segment-node, openpanel. settings.herald.matchers[0].callee must be the called name, such as "capture".',
    )
  })
})

describe('one analysis per file', () => {
  it('walks the calls once, in one rule, whichever rules run', () => {
    const listenerCounts: number[] = []
    const counted = Object.fromEntries(
      Object.entries(plugin.rules).map(([id, rule]) => [
        id,
        {
          ...rule,
          create(context: Rule.RuleContext) {
            const listeners = rule.create(context)
            listenerCounts.push(Object.keys(listeners).length)
            return listeners
          },
        },
      ]),
    )
    const code = "posthog.capture('nope.event', { email })\nanalytics.track('Bad Name')\nlogger.capture('x')"
    const linter = new Linter()
    const messages = linter.verify(code, [{ plugins: { herald: { rules: counted } }, settings: { herald: { catalog: CATALOG } }, rules: ALL_RULES }], 'app.js')
    // the first rule drives (one CallExpression listener: the catalog loads, so no setup problem waits for Program:exit);
    // the others register nothing
    expect(listenerCounts).toEqual([1, ...RULE_IDS.slice(1).map(() => 0)])
    expect(recordedAnalysis(linter.getSourceCode())?.sites.map((s) => s.callee)).toEqual(['posthog.capture', 'analytics.track'])
    expect(messages.map((m) => m.ruleId)).toEqual([
      'herald/no-undeclared-event',
      'herald/no-forbidden-property',
      'herald/valid-event-name',
      'herald/no-undeclared-event',
    ])
  })

  const driverListeners = (code: string, catalog: string) => {
    const create = plugin.rules['no-undeclared-event'].create
    let listeners: Rule.RuleListener = {}
    const linter = new Linter()
    const messages = linter.verify(
      code,
      [
        {
          plugins: {
            herald: { rules: { 'no-undeclared-event': { ...plugin.rules['no-undeclared-event'], create: (c: Rule.RuleContext) => (listeners = create(c)) } } },
          },
          settings: { herald: { catalog } },
          rules: { 'herald/no-undeclared-event': 'error' },
        },
      ],
      'app.js',
    )
    return { listeners: Object.keys(listeners), messages }
  }

  it('registers no listener at all in a file without a capture word when the setup is sound', () => {
    expect(driverListeners('const loaded = load()', CATALOG)).toEqual({ listeners: [], messages: [] })
  })

  it('visits every call a matcher may name, once, through renames, wrappers and computed members', () => {
    // a callee no plain identifier can spell, and a call renamed from a callee: visited once
    const once = lint("const { capture: send } = usePostHog()\nsend('nope.event')", {
      catalog: CATALOG,
      matchers: [{ callee: 'captüre' }],
    })
    expect(once.recorded?.sites.map((s) => s.callee)).toEqual(['send'])
    expect(once.messages.map((m) => m.messageId)).toEqual(['undeclared'])
    const code = [
      'foo()',
      'bar.baz()',
      "posthog.capture('nope.one')",
      ";(posthog as any).capture('nope.two')",
      "posthog['capture']('nope.three')",
      "posthog?.capture('nope.four')",
      ";(posthog.capture as any)('nope.five')",
      "posthog.capture!('nope.six')",
    ].join('\n')
    const { recorded } = lint(code, { catalog: CATALOG })
    expect(recorded?.sites.map((s) => s.eventNames[0]?.value)).toEqual(['nope.one', 'nope.two', 'nope.three', 'nope.four', 'nope.five', 'nope.six'])
  })

  it('waits for Program:exit when the setup has a problem to report', () => {
    const withoutCapture = driverListeners('const loaded = load()', BROKEN)
    expect(withoutCapture.listeners).toEqual(['Program:exit'])
    expect(withoutCapture.messages.map((m) => m.messageId)).toEqual(['catalogUnavailable'])
    const withCapture = driverListeners("posthog.capture('nope.event')", BROKEN)
    expect(withCapture.listeners).toEqual(['Program:exit', 'CallExpression'])
    // without a catalog there is nothing to declare the name against: only the setup problem
    expect(withCapture.messages.map((m) => [m.messageId, m.line, m.column])).toEqual([['catalogUnavailable', 1, 1]])
  })

  it('shows the checker’s own message text', () => {
    const { messages, recorded } = lint("posthog.capture('account.registered', { email, plan: 1 })\nclient.capture({ distinctId: 'a@b.c', event: `x.${y}` })", {
      catalog: CATALOG,
    })
    const findings = recorded!.findings
    expect(findings.length).toBeGreaterThan(3)
    for (const finding of findings) {
      const template = (CHECKER_MESSAGES[finding.ruleId as RuleId] as Record<string, string>)[finding.messageId!]!
      expect(renderMessage(template, finding.data!)).toBe(finding.message)
    }
    expect(messages.map((m) => m.message).sort()).toEqual(findings.map((f) => f.message).sort())
  })

  it('starts over when the same source is linted again', () => {
    const linter = new Linter()
    const config: Linter.Config[] = [{ plugins: { herald: plugin }, settings: { herald: { catalog: CATALOG } }, rules: ALL_RULES }]
    const first = linter.verify("posthog.capture('nope.event')", config, 'a.js')
    const sourceCode = linter.getSourceCode()
    expect(linter.verify(sourceCode, config, 'a.js')).toEqual(first)
  })

  it('reads the settings again when the same source is linted with other settings', () => {
    const linter = new Linter()
    const configWith = (herald: Record<string, unknown>): Linter.Config[] => [{ plugins: { herald: plugin }, settings: { herald }, rules: ALL_RULES }]
    expect(linter.verify("posthog.capture('nope.event')", configWith({ catalog: CATALOG }), 'a.js').map((m) => m.messageId)).toEqual(['undeclared'])
    const sourceCode = linter.getSourceCode()
    const again = linter.verify(sourceCode, configWith({ catalog: join(temp, 'missing.json') }), 'a.js')
    expect(again.map((m) => m.messageId)).toEqual(['catalogUnavailable'])
  })

  it('gives each file its own driver when files enable different rules', () => {
    const linter = new Linter()
    const config: Linter.Config[] = [
      { plugins: { herald: plugin }, settings: { herald: { catalog: CATALOG } } },
      { files: ['**/*.js'], rules: { 'herald/no-undeclared-event': 'error' } },
      { files: ['**/*.mjs'], rules: { 'herald/valid-event-name': 'error' } },
    ]
    expect(linter.verify("posthog.capture('nope.event')", config, 'a.js').map((m) => m.ruleId)).toEqual(['herald/no-undeclared-event'])
    expect(linter.verify("posthog.capture('Nope Event')", config, 'b.mjs').map((m) => m.ruleId)).toEqual(['herald/valid-event-name'])
  })
})

describe('odd files', () => {
  it('reports a parse error as ESLint does and never reaches the rules', () => {
    const { messages } = lint("posthog.capture('a.b', {", { catalog: CATALOG })
    expect(messages).toHaveLength(1)
    expect(messages[0]!.fatal).toBe(true)
  })

  it('checks a minified file with thousands of calls and deep nesting', () => {
    const calls = Array.from({ length: 3000 }, (_, i) => `posthog.capture(${i % 2 ? "'nope.event'" : "'auth.signup'"},{user_id:u${i}})`).join(';')
    let nested = "'nope.deep'"
    for (let i = 0; i < 400; i++) nested = `c${i}?${nested}:'auth.signup'`
    let object = '{user_id:1}'
    for (let i = 0; i < 200; i++) object = `{k${i}:${object}}`
    const code = `${calls};posthog.capture(${nested});posthog.capture('auth.signup',${object});posthog.capture(${'('.repeat(300)}'nope.paren'${')'.repeat(300)})`
    const { messages, recorded } = lint(code, { catalog: CATALOG })
    expect(recorded?.sites).toHaveLength(3003)
    const undeclared = messages.filter((m) => m.messageId === 'undeclared')
    // 1500 calls and the parenthesized name; the conditional nested past the resolution depth is dynamic
    expect(undeclared.length).toBe(1501)
    expect(messages.filter((m) => m.messageId === 'dynamicName')).toHaveLength(1)
    expect(messages.every((m) => m.line === 1)).toBe(true)
  })

  it('reports a call it cannot analyse once, with the reason, and checks the rest of the file', () => {
    // The parser itself refuses what would overflow the extractor (a 1,000-term concatenation is a parsing
    // error), so the extractor is made to throw here, for the first call only, as any unforeseen input might.
    const spy = vi.spyOn(Extractor.prototype, 'callSite').mockImplementationOnce(() => {
      throw new RangeError('Maximum call stack size exceeded')
    })
    try {
      const { messages } = lint("posthog.capture('auth.signup')\nposthog.capture('nope.event')", { catalog: CATALOG })
      const failed = messages.filter((m) => m.messageId === 'analysisFailed')
      expect(failed.map((m) => m.line)).toEqual([1])
      expect(failed[0]!.message).toBe('Herald could not analyse this call (RangeError: Maximum call stack size exceeded); the rest of the file was checked.')
      expect(messages.filter((m) => m.messageId === 'undeclared').map((m) => m.line)).toEqual([2])
    } finally {
      spy.mockRestore()
    }
  })

  it('shows a direction override in a name as an escape in the message, never raw (Trojan Source)', () => {
    const { messages } = lint("posthog.capture('user \u202Enimda')", { catalog: CATALOG })
    const invalid = messages.find((m) => m.ruleId === 'herald/valid-event-name')!
    expect(invalid.message).toContain('"user \\u202Enimda"')
    expect(messages.every((m) => !m.message.includes('\u202E'))).toBe(true)
  })
})
