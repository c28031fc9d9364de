/**
 * What each rule of the checker is about, in one place for every front-end: the ESLint plugin's
 * `meta.docs` and the audit's SARIF rule descriptors read it, so an editor and a code-scanning alert describe
 * a rule in the same words and link the same page. The pages are the ESLint plugin's docs, the one place
 * the rules are documented; each page opens with its rule's description (a test holds them together).
 */
import type { RuleId } from './call-site.js'

export const RULE_DOCS_BASE = 'https://github.com/herald-dev/herald/blob/main/packages/eslint-plugin/docs/rules/'

export interface RuleDocs {
  /** One line, in ESLint's style ("Disallow …"), without a final period. */
  description: string
  /** The rule's documentation page. */
  url: string
}

const DESCRIPTIONS: Readonly<Record<RuleId, string>> = {
  'no-undeclared-event': 'Disallow capturing events the catalog does not declare',
  'valid-event-name': "Require event names that follow the catalog's naming style",
  'no-forbidden-property': 'Disallow forbidden keys — secrets and personal data — in event properties',
  'no-undeclared-property': 'Disallow properties the event does not declare',
  'no-pii-distinct-id': 'Disallow emails and forbidden values as the distinct id',
  'no-dynamic-event-name': 'Disallow event names that cannot be resolved to constants',
  'no-deprecated-event': 'Disallow deprecated events',
}

export function ruleDocsUrl(id: RuleId): string {
  return `${RULE_DOCS_BASE}${id}.md`
}

export const RULE_DOCS: Readonly<Record<RuleId, RuleDocs>> = Object.fromEntries(
  Object.entries(DESCRIPTIONS).map(([id, description]) => [id, { description, url: ruleDocsUrl(id as RuleId) }]),
) as Record<RuleId, RuleDocs>
