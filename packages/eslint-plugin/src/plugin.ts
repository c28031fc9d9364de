/** The plugin object: rules, `meta` (so `--cache` keys on the version) and the `recommended`/`strict` configs. */
import { createRequire } from 'node:module'
import type { ESLint, Linter, Rule } from 'eslint'
import type { RuleId } from '@herald/core'
import noDeprecatedEvent from './rules/no-deprecated-event.js'
import noDynamicEventName from './rules/no-dynamic-event-name.js'
import noForbiddenProperty from './rules/no-forbidden-property.js'
import noPiiDistinctId from './rules/no-pii-distinct-id.js'
import noUndeclaredEvent from './rules/no-undeclared-event.js'
import noUndeclaredProperty from './rules/no-undeclared-property.js'
import validEventName from './rules/valid-event-name.js'

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string }

export const rules: Record<RuleId, Rule.RuleModule> = {
  'no-undeclared-event': noUndeclaredEvent,
  'valid-event-name': validEventName,
  'no-forbidden-property': noForbiddenProperty,
  'no-undeclared-property': noUndeclaredProperty,
  'no-pii-distinct-id': noPiiDistinctId,
  'no-dynamic-event-name': noDynamicEventName,
  'no-deprecated-event': noDeprecatedEvent,
}

/** Severities of `recommended`: wrong names and leaks are errors; drift that needs a decision warns. */
const RECOMMENDED: Record<RuleId, 'error' | 'warn'> = {
  'no-undeclared-event': 'error',
  'valid-event-name': 'error',
  'no-forbidden-property': 'error',
  'no-undeclared-property': 'warn',
  'no-pii-distinct-id': 'error',
  'no-dynamic-event-name': 'warn',
  'no-deprecated-event': 'warn',
}

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
plugin.configs.recommended = {
  name: 'herald/recommended',
  plugins: { herald: plugin },
  rules: ruleEntries((id) => RECOMMENDED[id]),
}
plugin.configs.strict = {
  name: 'herald/strict',
  plugins: { herald: plugin },
  rules: ruleEntries(() => 'error'),
}
