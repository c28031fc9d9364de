/** What each rule of the checker is about, for report formats that describe their rules (SARIF's `tool.driver.rules`). */
import type { RuleId } from '@herald/core'

/** Where each rule's page lives: the ESLint plugin's docs pages, the one place the rules are documented. */
export const RULE_DOCS_BASE = 'https://herald.dev/rules/'

export const RULE_DESCRIPTIONS: Readonly<Record<RuleId, string>> = {
  'no-undeclared-event': 'Capture only events that the catalog declares.',
  'valid-event-name': "Event names follow the catalog's naming style and never contain spaces.",
  'no-forbidden-property': 'Never send a forbidden key (password, token, email…), at any depth of the properties.',
  'no-undeclared-property': 'Send only the properties the event declares.',
  'no-pii-distinct-id': 'The distinct id is an opaque id, never an email or a secret.',
  'no-dynamic-event-name': 'Event names are string literals or constants Herald can resolve.',
  'no-deprecated-event': 'Do not capture deprecated events; use the event they were renamed to.',
}

export function ruleHelpUri(ruleId: RuleId): string {
  return `${RULE_DOCS_BASE}${ruleId}`
}
