import { type Matcher, resolveMatchers } from '@herald/core'
import { describe, expect, it } from 'vitest'
import { extractCallSites } from './extract-call-sites.js'
import { ts } from './typescript.js'

function sitesOf(text: string, matchers: Matcher[]): string[] {
  const sourceFile = ts.createSourceFile('/repo/src/a.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const { sites } = extractCallSites(sourceFile, { file: 'src/a.ts', matchers: resolveMatchers({ presets: ['posthog-js'], matchers }) })
  return sites.map((s) => `${s.line} ${s.callee} ${s.eventNames.map((e) => e.value ?? `dynamic(${e.text})`).join('|') || '(forwarded)'}`)
}

describe('names a wrapper passes on', () => {
  it('are forwarded by wrappers that `from` and `object` matchers name, and when destructured or aliased in the body', () => {
    const text = [
      'export function useAnalytics() { const track = (name: string) => posthog.capture(name); return { track } }',
      'export const metrics = { send(name: string) { posthog.capture(name) } }',
      'function report(message: Message) { const { event } = message; posthog.capture(event) }',
      'function trackAlias(name: string) { const eventName = name; posthog.capture(eventName) }',
      'function other(name: string) { const { title } = { title: name }; posthog.capture(title) }',
    ].join('\n')
    const matchers: Matcher[] = [
      { callee: 'track', from: 'useAnalytics' },
      { callee: 'send', object: 'metrics' },
      { callee: 'report', objectForm: { nameKey: 'event' } },
      { callee: 'trackAlias' },
    ]
    expect(sitesOf(text, matchers)).toEqual([
      '1 posthog.capture (forwarded)',
      '2 posthog.capture (forwarded)',
      '3 posthog.capture (forwarded)',
      '4 posthog.capture (forwarded)',
      '5 posthog.capture dynamic(title)',
    ])
    // without the matchers, every one of them is dynamic
    expect(sitesOf(text, []).filter((line) => line.includes('dynamic'))).toHaveLength(5)
  })
})
