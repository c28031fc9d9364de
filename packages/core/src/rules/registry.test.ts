/**
 * Adding a rule touches its own file, its test, its docs page and the registry's list, nothing else. Here every
 * other place that knows the rules is shown to be derived from the registry (the checker, its messages, the
 * docs, the severities, the catalog rules), or held to it when it cannot be (the audit report schema's rule
 * enum, the ESLint plugin’s README table — written from it by `pnpm -s gen:readme-rules` —, each rule’s docs page); and no source outside the registry names a
 * rule, so no switch or list elsewhere waits for a new one. The ESLint plugin's rules and configs
 * (`plugin.test.ts`) and the audit's SARIF descriptors (`format-sarif.test.ts`) are held to it in their packages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CallSite } from '../call-site.js'
import { CHECKER_MESSAGES, checkCallSite } from '../check-call-site.js'
import { parseCatalog } from '../load-catalog.js'
import { RULE_DOCS, ruleDocsUrl, ruleTableMarkdown, withRuleTable } from '../rule-docs.js'
import type { RuleDefinition } from './define-rule.js'
import { CATALOG_RULES, PEOPLE_RULES, RECOMMENDED_SEVERITY, RULE_BY_ID, RULE_IDS, RULES, type RuleId } from './index.js'

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')

describe('the rule registry', () => {
  it('lists each rule once, with an id that names its file', () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length)
    for (const rule of RULES) expect(existsSync(new URL(`./${rule.id}.ts`, import.meta.url)), rule.id).toBe(true)
  })

  it('is where every per-rule table of core comes from', () => {
    expect(RULE_IDS).toEqual(RULES.map((rule) => rule.id))
    for (const rule of RULES) {
      expect(RULE_BY_ID[rule.id]).toBe(rule)
      expect(CHECKER_MESSAGES[rule.id]).toBe(rule.messages)
      expect(RULE_DOCS[rule.id]).toEqual({ description: rule.description, url: ruleDocsUrl(rule.id) })
      expect(RECOMMENDED_SEVERITY[rule.id]).toBe(rule.recommended)
      expect(CATALOG_RULES.has(rule.id)).toBe(rule.needsCatalog)
    }
    expect(Object.keys(CHECKER_MESSAGES)).toEqual([...RULE_IDS])
    expect(Object.keys(RULE_DOCS)).toEqual([...RULE_IDS])
    expect(Object.keys(RECOMMENDED_SEVERITY)).toEqual([...RULE_IDS])
  })

  it('is the checker: checkCallSite runs each enabled rule’s own check, in the registry’s order', () => {
    const catalog = parseCatalog(JSON.stringify({ events: { 'a.b': { kind: 'signal' } } })).catalog!
    const site: CallSite = { file: 'a.ts', line: 1, column: 1, callee: 'capture', eventNames: [] }
    const calls: Array<[string, boolean]> = []
    const saved = RULES.map((rule) => rule.check)
    try {
      for (const rule of RULES as readonly RuleDefinition[]) {
        rule.check = (context) => {
          calls.push([rule.id, context.catalog === catalog])
          expect(context.site.file).toBe(site.file)
          context.report({ line: 2, column: 3 }, Object.keys(rule.messages)[0]!, {})
        }
      }
      // a people call: every rule; a capture: all but the rules of people calls only
      const people: CallSite = { ...site, kind: 'group' }
      const findings = checkCallSite(catalog, people)
      expect(calls).toEqual(RULES.map((rule) => [rule.id, true]))
      expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.line, f.column])).toEqual(
        RULES.map((rule) => [rule.id, Object.keys(rule.messages)[0], rule.recommended, 2, 3]),
      )
      calls.length = 0
      checkCallSite(catalog, site)
      expect(PEOPLE_RULES).toEqual(new Set(['no-undeclared-group-type', 'no-undeclared-trait']))
      expect(calls).toEqual(RULES.filter((rule) => !PEOPLE_RULES.has(rule.id)).map((rule) => [rule.id, true]))
      // without a catalog, the rules that need one do not run; `rules` and `severity` apply to every rule
      calls.length = 0
      checkCallSite(undefined, people)
      expect(calls).toEqual(RULES.filter((rule) => !rule.needsCatalog).map((rule) => [rule.id, false]))
      const last = RULE_IDS[RULE_IDS.length - 1]!
      expect(checkCallSite(catalog, people, { rules: [last], severity: { [last]: 'error' } }).map((f) => [f.ruleId, f.severity])).toEqual([[last, 'error']])
    } finally {
      RULES.forEach((rule, i) => {
        ;(rule as RuleDefinition).check = saved[i]! as RuleDefinition['check']
      })
    }
  })

  it('is the only source that names a rule: no front-end keeps a switch or list of them', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url))
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '__fixtures__' ? [] : sources(path)
        return /\.(ts|tsx|js|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : []
      })
    const named: Record<string, string[]> = {}
    for (const base of ['packages', 'generators']) {
      for (const dir of readdirSync(join(root, base))) {
        const src = join(root, base, dir, 'src')
        if (!existsSync(src)) continue
        for (const file of sources(src)) {
          const path = relative(root, file)
          // the registry itself; `herald verify` checks traffic, with rule ids of its own (`invalid-property-value`…)
          if (path.startsWith('packages/core/src/rules/') || path.startsWith('packages/verify/')) continue
          const text = readFileSync(file, 'utf8')
          const ids = RULE_IDS.filter((id) => new RegExp(`['"\`]${id}['"\`]`).test(text))
          if (ids.length > 0) named[path] = ids
        }
      }
    }
    // uses of one rule's check, and examples in help texts: none of them a place a new rule must be added to
    expect(named).toEqual({
      'packages/audit/src/audit-repo.ts': ['no-forbidden-property'],
      'packages/audit/src/draft-catalog.ts': ['no-pii-distinct-id'],
      'packages/cli/src/commands/audit.ts': ['no-dynamic-event-name'],
      'packages/core/src/matchers.ts': ['no-dynamic-event-name'],
      // the rule about names Herald cannot resolve also reports the imports it cannot resolve
      'packages/eslint-plugin/src/file-analysis.ts': ['no-dynamic-event-name'],
    })
  })

  it('agrees with the audit report schema’s rule enum', () => {
    const schema = read('audit/schema/audit-report.schema.json')
    const enums = [...schema.matchAll(/"enum": (\[[^\]]*"no-undeclared-event"[^\]]*\])/g)].map((m) => JSON.parse(m[1]!) as string[])
    expect(enums.length).toBeGreaterThan(0)
    for (const list of enums) expect(list).toEqual([...RULE_IDS])
  })

  it('is the ESLint plugin’s README table, written from it by `pnpm -s gen:readme-rules`', () => {
    const readme = read('eslint-plugin/README.md')
    expect(readme, 'the README’s rule table is not the registry’s: run `pnpm build && pnpm -s gen:readme-rules`').toBe(withRuleTable(readme))
    const rows = ruleTableMarkdown()
      .split('\n')
      .filter((line) => line.startsWith('| [`herald/'))
    expect(rows.map((row) => /herald\/([a-z-]+)/.exec(row)![1])).toEqual([...RULE_IDS])
    for (const rule of RULES as readonly RuleDefinition[]) {
      const cells = rows
        .find((row) => row.includes(`herald/${rule.id}\``))!
        .split('|')
        .map((cell) => cell.trim())
      expect(cells.slice(2), rule.id).toEqual([
        rule.description,
        rule.peopleOnly ? 'people calls' : 'all calls',
        rule.hasSuggestions ? 'yes' : '—',
        rule.recommended === 'warning' ? 'warn' : 'error',
        'error',
        CATALOG_RULES.has(rule.id as RuleId) ? 'needed' : 'optional',
        '',
      ])
    }
  })

  it('has a docs page per rule that opens with its description', () => {
    for (const rule of RULES) {
      const page = read(`eslint-plugin/docs/rules/${rule.id}.md`)
      expect(page.split('\n\n')[1], rule.id).toBe(`${rule.description}.`)
    }
  })
})
