/**
 * What cannot be derived from the registry is held to it here: the audit report schema's rule enum, the ESLint
 * plugin's README table (recommended severity and whether the catalog is needed) and each rule's docs page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CATALOG_RULES, RULE_IDS, RULES } from './index.js'

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')

describe('the rule registry', () => {
  it('lists each rule once, with an id that names its file', () => {
    expect(new Set(RULE_IDS).size).toBe(RULES.length)
    for (const rule of RULES) expect(existsSync(new URL(`./${rule.id}.ts`, import.meta.url)), rule.id).toBe(true)
  })

  it('agrees with the audit report schema’s rule enum', () => {
    const schema = read('audit/schema/audit-report.schema.json')
    const enums = [...schema.matchAll(/"enum": (\[[^\]]*"no-undeclared-event"[^\]]*\])/g)].map((m) => JSON.parse(m[1]!) as string[])
    expect(enums.length).toBeGreaterThan(0)
    for (const list of enums) expect(list).toEqual([...RULE_IDS])
  })

  it('agrees with the ESLint plugin’s README table, row by row', () => {
    const rows = read('eslint-plugin/README.md')
      .split('\n')
      .filter((line) => line.startsWith('| [`herald/'))
    expect(rows.map((row) => /herald\/([a-z-]+)/.exec(row)![1])).toEqual([...RULE_IDS])
    for (const rule of RULES) {
      const cells = rows
        .find((row) => row.includes(`herald/${rule.id}\``))!
        .split('|')
        .map((cell) => cell.trim())
      expect(cells[3], rule.id).toBe(rule.recommended === 'warning' ? 'warn' : 'error')
      expect(cells[5], rule.id).toBe(CATALOG_RULES.has(rule.id) ? 'needed' : 'optional')
    }
  })

  it('has a docs page per rule that opens with its description', () => {
    for (const rule of RULES) {
      const page = read(`eslint-plugin/docs/rules/${rule.id}.md`)
      expect(page.split('\n\n')[1], rule.id).toBe(`${rule.description}.`)
    }
  })
})
