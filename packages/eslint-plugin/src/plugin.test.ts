import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Linter } from 'eslint'
import { describe, expect, it } from 'vitest'
import { CHECKER_MESSAGES, RULE_BY_ID, RULE_DOCS, RULE_IDS, RULES } from '@herald/core'
import herald, { configs, docsUrl, meta, rules } from './index.js'
import { CATALOG } from './__fixtures__/rule-tester.js'

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

describe('@herald/eslint-plugin', () => {
  it('names itself and its version, so --cache keys on them', () => {
    expect(meta).toEqual({ name: '@herald/eslint-plugin', version: packageJson.version })
    expect(herald.meta).toBe(meta)
  })

  it('has the registry’s rules, each documented, with core’s messages and no options', () => {
    expect(Object.keys(rules).sort()).toEqual([...RULE_IDS].sort())
    for (const id of RULE_IDS) {
      const rule = rules[id]
      expect(rule.meta?.docs?.url).toBe(`https://github.com/herald-dev/herald/blob/main/packages/eslint-plugin/docs/rules/${id}.md`)
      expect(docsUrl(id)).toBe(rule.meta?.docs?.url)
      // core's RULE_DOCS is the one source; the audit's SARIF descriptors read it too (format-sarif.test.ts).
      expect(rule.meta?.docs?.description).toBe(RULE_DOCS[id].description)
      const page = fileURLToPath(new URL(`../docs/rules/${id}.md`, import.meta.url))
      expect(existsSync(page), id).toBe(true)
      // Each page opens with its rule's description, so the page and the editor's tooltip say the same.
      expect(readFileSync(page, 'utf8').split('\n\n')[1], id).toBe(`${RULE_DOCS[id].description}.`)
      expect(rule.meta?.messages).toMatchObject(CHECKER_MESSAGES[id])
      expect(rule.meta?.schema).toEqual([])
      expect(rule.meta?.defaultOptions).toEqual([])
      expect(rule.meta?.hasSuggestions ?? false).toBe(RULE_BY_ID[id].hasSuggestions)
    }
  })

  it('gives recommended and strict configs that carry the plugin, so one entry is enough', () => {
    expect(configs.recommended.plugins?.herald).toBe(herald)
    // the registry's recommended severities, in its order (the order ESLint creates the rules in; the first drives)
    expect(Object.entries(configs.recommended.rules ?? {})).toEqual(
      RULES.map((rule) => [`herald/${rule.id}`, rule.recommended === 'warning' ? 'warn' : 'error']),
    )
    expect(Object.values(configs.strict.rules ?? {})).toEqual(RULE_IDS.map(() => 'error'))
    const messages = new Linter().verify("posthog.capture('User Signed Up')", [configs.recommended, { settings: { herald: { catalog: CATALOG } } }], 'a.js')
    expect(messages.map((m) => m.ruleId)).toEqual(['herald/valid-event-name', 'herald/no-undeclared-event'])
  })
})
