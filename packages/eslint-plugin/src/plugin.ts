/** The plugin object: rules, `meta` (so `--cache` keys on the version) and the `recommended`/`strict` configs. */
import { createRequire } from 'node:module'
import type { ESLint, Linter, Rule } from 'eslint'
import { RECOMMENDED_SEVERITY, RULES, type RuleId } from '@herald/core'
import { createRule } from './create-rule.js'

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string }

/** One ESLint rule per registry entry (core's `RULES`): the same front-end with a different rule id. */
export const rules: Record<RuleId, Rule.RuleModule> = Object.fromEntries(RULES.map((rule) => [rule.id, createRule(rule)])) as Record<RuleId, Rule.RuleModule>

const ruleEntries = (severity: (id: RuleId) => 'error' | 'warn'): Linter.RulesRecord =>
  Object.fromEntries(Object.keys(rules).map((id) => [`herald/${id}`, severity(id as RuleId)]))

interface HeraldPlugin extends ESLint.Plugin {
  meta: { name: string; version: string }
  rules: Record<RuleId, Rule.RuleModule>
  configs: { recommended: Linter.Config; strict: Linter.Config }
}

export const plugin: HeraldPlugin = {
  meta: { name, version },
  rules,
  configs: {} as HeraldPlugin['configs'],
}

// The configs name the plugin itself, so a flat config needs only `herald.configs.recommended`.
// Complete entries, as `tseslint.configs.*` are: the files they apply to, and TypeScript's parser when the project
// has it (it parses JavaScript too), so that pasting `herald.configs.recommended` lints .ts files at once.
const FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}']
const languageOptions = typescriptParser()
plugin.configs.recommended = {
  name: 'herald/recommended',
  files: FILES,
  ...(languageOptions ? { languageOptions } : {}),
  plugins: { herald: plugin },
  // The same severities as `herald audit` reports (core's RECOMMENDED_SEVERITY).
  rules: ruleEntries((id) => (RECOMMENDED_SEVERITY[id] === 'warning' ? 'warn' : 'error')),
}
plugin.configs.strict = {
  name: 'herald/strict',
  files: FILES,
  ...(languageOptions ? { languageOptions } : {}),
  plugins: { herald: plugin },
  rules: ruleEntries(() => 'error'),
}

/** `@typescript-eslint/parser` (an optional peer) as the parser, when it can be loaded from here; else ESLint's own. */
function typescriptParser(): Linter.LanguageOptions | undefined {
  try {
    const parser = createRequire(import.meta.url)('@typescript-eslint/parser') as Linter.Parser
    return { parser }
  } catch {
    return undefined
  }
}
