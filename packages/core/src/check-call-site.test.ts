import { describe, expect, it } from 'vitest'
import { type CallSite, displayExpression, type EventNameRef, RULE_IDS } from './call-site.js'
import { CHECKER_MESSAGES, checkCallSite, renderMessage } from './check-call-site.js'
import { parseCatalog } from './load-catalog.js'

const loaded = parseCatalog(
  JSON.stringify({
    events: {
      'auth.signup': { kind: 'signal', properties: { user_id: { type: 'string' } } },
      'account.registered': { kind: 'signal', deprecated: { since: '1.3.0', renamedTo: 'auth.signup' } },
      'legacy.ping': { kind: 'signal', deprecated: {} },
    },
  }),
)
const catalog = loaded.catalog!
const at = { line: 1, column: 1 }
const name = (value: string | undefined, extra: Partial<EventNameRef> = {}): EventNameRef => ({
  text: value ?? 'x',
  ...at,
  ...(value === undefined ? {} : { value }),
  ...extra,
})
const site = (eventNames: EventNameRef[], extra: Partial<CallSite> = {}): CallSite => ({ file: 'a.ts', ...at, callee: 'posthog.capture', eventNames, ...extra })

describe('checkCallSite messages', () => {
  it('renders every finding from its template, with a message id and data', () => {
    const findings = [
      ...checkCallSite(catalog, site([name('Auth Signup'), name('auth.sigup'), name('account.registered'), name('legacy.ping'), name(undefined)])),
      ...checkCallSite(
        catalog,
        site([name('auth.signup')], {
          properties: {
            keys: [
              { key: 'email', parents: ['$set'], valueKind: 'string', ...at },
              { key: 'userId', parents: [], valueKind: 'string', ...at },
            ],
            open: false,
            ...at,
          },
          distinctId: { text: 'user.email', name: 'email', ...at },
        }),
      ),
    ]
    expect(findings.map((f) => [f.ruleId, f.messageId])).toEqual([
      ['valid-event-name', 'invalidNameWithSuggestion'],
      ['no-undeclared-event', 'undeclared'],
      ['no-undeclared-event', 'undeclaredWithSuggestions'],
      ['no-deprecated-event', 'deprecatedSinceRenamed'],
      ['no-deprecated-event', 'deprecated'],
      ['no-dynamic-event-name', 'dynamicName'],
      ['no-forbidden-property', 'forbiddenKey'],
      ['no-undeclared-property', 'undeclaredPropertyWithSuggestion'],
      ['no-pii-distinct-id', 'emailValue'],
    ])
    for (const finding of findings) {
      const template = (CHECKER_MESSAGES[finding.ruleId] as Record<string, string>)[finding.messageId!]!
      expect(renderMessage(template, finding.data!)).toBe(finding.message)
      expect(finding.message).not.toMatch(/\{\{/)
    }
    expect(Object.keys(CHECKER_MESSAGES).sort()).toEqual([...RULE_IDS].sort())
  })

  it('renders placeholders once and leaves unknown ones as written, as ESLint does', () => {
    expect(renderMessage('{{ a }} {{b}} {{c}}', { a: '{{b}}', b: 'x' })).toBe('{{b}} x {{c}}')
  })

  it('leaves SDK events and imported constants alone', () => {
    expect(checkCallSite(catalog, site([name('$pageview'), name(undefined, { imported: true, text: 'EVENTS.LOGIN' })]))).toEqual([])
  })

  it('shows a long or multi-line expression on one clipped line', () => {
    expect(displayExpression('a\n  .b(c)')).toBe('a .b(c)')
    expect(displayExpression('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`)
    expect(displayExpression(`f(${' '.repeat(1000)})`)).toBe('f(…')
  })
})

describe('checkCallSite forbidden keys', () => {
  it('does not report a key named as a flag, whatever its value, and still reports the thing itself', () => {
    const keys = ['requireGuestEmail', 'hasApiKey', 'email'].map((key) => ({ key, parents: [], valueKind: 'string' as const, ...at }))
    const findings = checkCallSite(undefined, site([name('auth.signup')], { properties: { keys, open: false, ...at } }))
    expect(findings.map((f) => [f.ruleId, f.data?.key])).toEqual([['no-forbidden-property', 'email']])
  })
})
