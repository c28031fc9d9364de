/** SDK events (`$pageview`) are recognised by one predicate: the catalog check and the call-site checker agree. */
import { describe, expect, it } from 'vitest'
import type { CallSite, EventNameRef } from './call-site.js'
import { checkCallSite } from './check-call-site.js'
import { parseCatalog } from './load-catalog.js'
import { isSdkEventName, NAMING_STYLES, SDK_EVENT_NAMES } from './naming.js'

const at = { line: 1, column: 1 }
const name = (value: string): EventNameRef => ({ text: `'${value}'`, value, ...at })
const site = (value: string, keys: string[] = []): CallSite => ({
  file: 'a.ts',
  ...at,
  callee: 'posthog.capture',
  eventNames: [name(value)],
  properties: { keys: keys.map((key) => ({ key, parents: [], valueKind: 'string' as const, ...at })), open: false, ...at },
})

describe('isSdkEventName', () => {
  it('holds for every listed SDK event and for $ and a word, never for app names', () => {
    for (const sdk of SDK_EVENT_NAMES) expect(isSdkEventName(sdk)).toBe(true)
    expect(isSdkEventName('$ai_generation')).toBe(true)
    for (const app of ['pageview', 'auth.login', '$', '$ page', '$page.view', 'a$pageview', '']) expect(isSdkEventName(app)).toBe(false)
  })
})

describe('SDK events in a catalog', () => {
  it.each(NAMING_STYLES)('are declared verbatim under the %s style, with no naming diagnostic', (style) => {
    const text = JSON.stringify({
      naming: { style },
      events: Object.fromEntries(SDK_EVENT_NAMES.map((n) => [n, { properties: { path: { type: 'string' } } }])),
    })
    const result = parseCatalog(text)
    expect(result.diagnostics).toEqual([])
    expect(result.catalog!.wireEvents.map((w) => w.name).sort()).toEqual([...SDK_EVENT_NAMES].sort())
  })

  it('a custom naming pattern does not apply to them either', () => {
    expect(parseCatalog(JSON.stringify({ naming: { pattern: '[a-z]+' }, events: { $pageview: {}, signup: {} } })).diagnostics).toEqual([])
    expect(parseCatalog(JSON.stringify({ naming: { pattern: '[a-z]+' }, events: { 'sign-up': {} } })).diagnostics.map((d) => d.code)).toEqual([
      'invalid-event-name',
    ])
  })
})

describe('SDK events at call sites', () => {
  const catalog = parseCatalog(JSON.stringify({ events: { $pageview: { properties: { path: { type: 'string' } } }, 'auth.login': {} } })).catalog!

  it('an undeclared one is neither a naming violation nor undeclared, with or without a catalog', () => {
    expect(checkCallSite(undefined, site('$identify'))).toEqual([])
    expect(checkCallSite(catalog, site('$identify', ['anything']))).toEqual([])
  })

  it('a declared one is held to its declared properties', () => {
    expect(checkCallSite(catalog, site('$pageview', ['path']))).toEqual([])
    expect(checkCallSite(catalog, site('$pageview', ['pth'])).map((f) => [f.ruleId, f.event])).toEqual([['no-undeclared-property', '$pageview']])
  })

  it('a $ name that is not a word is still checked for naming', () => {
    expect(checkCallSite(undefined, site('$page view')).map((f) => f.ruleId)).toEqual(['valid-event-name'])
  })
})
