/**
 * The lint fixture app: every rule violated on purpose, every matched form used cleanly, lookalikes left alone.
 * Its findings are asserted exactly, through ESLint (as a user runs it) and through `analyzeFiles` (as the
 * parity test with `herald audit` runs it).
 */
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
// The lowest ESLint the plugin's peer range allows (`^9.15 || ^10`), installed under another name.
import { ESLint as ESLint9 } from 'eslint9'
import * as tsParser from '@typescript-eslint/parser'
import { describe, expect, it } from 'vitest'
import { PEOPLE_RULES, RULE_IDS } from '@herald/core'
import herald, { analyzeFiles } from '@herald/eslint-plugin'

const APP = fileURLToPath(new URL('./fixtures/lint-app/', import.meta.url))
const settings = JSON.parse(readFileSync(`${APP}herald.settings.json`, 'utf8'))
const expected = JSON.parse(readFileSync(`${APP}expected-findings.json`, 'utf8')) as Array<Record<string, unknown>>

describe('lint fixture app', () => {
  it.each([
    ['10.', ESLint],
    ['9.15.', ESLint9 as unknown as typeof ESLint],
  ])('gives exactly the expected findings through ESLint %s', async (version, ESLintClass) => {
    expect(ESLintClass.version.startsWith(version)).toBe(true)
    const eslint = new ESLintClass({
      cwd: APP,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx,js}'],
          languageOptions: { parser: tsParser },
          plugins: { herald },
          settings: { herald: settings },
          rules: herald.configs.strict.rules,
        },
      ],
    })
    const results = await eslint.lintFiles(['src'])
    const rows = results.flatMap((result) =>
      result.messages.map((m) => ({
        file: relative(APP, result.filePath),
        line: m.line,
        column: m.column,
        ruleId: m.ruleId,
        messageId: m.messageId,
        message: m.message,
        ...(m.suggestions?.length ? { suggestions: m.suggestions.map((s) => s.desc) } : {}),
      })),
    )
    // ESLint orders messages by position; at one position, by the order the checker found them
    expect(rows).toEqual(expected)
    // Every capture rule; the rules of people calls only (the registry's) have their own fixture (audit-parity's people.ts) and RuleTester cases.
    expect(new Set(rows.map((r) => r.ruleId))).toEqual(new Set(RULE_IDS.filter((id) => !PEOPLE_RULES.has(id)).map((id) => `herald/${id}`)))
  })

  it('gives the same findings through analyzeFiles', async () => {
    const files = [...new Set(expected.map((row) => row.file as string))]
    const { findings, problems } = await analyzeFiles([...files, 'src/lookalikes.ts', 'src/timing.ts', 'src/errors.ts'], { cwd: APP, settings })
    expect(problems).toEqual([])
    const rows = findings.map((f) => ({
      file: relative(APP, f.file),
      line: f.line,
      column: f.column,
      ruleId: `herald/${f.ruleId}`,
      messageId: f.messageId,
      message: f.message,
    }))
    const sort = (list: Array<Record<string, unknown>>) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    expect(sort(rows)).toEqual(sort(expected.map(({ suggestions: _, ...row }) => row)))
  })
})
