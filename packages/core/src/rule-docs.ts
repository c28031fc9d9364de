/**
 * What each rule of the checker is about, in one place for every front-end: the ESLint plugin's
 * `meta.docs` and the audit's SARIF rule descriptors read it, so an editor and a code-scanning alert describe
 * a rule in the same words and link the same page. The pages are the ESLint plugin's docs, the one place
 * the rules are documented; each page opens with its rule's description (a test holds them together).
 */
import { RULES, type RuleId } from './rules/index.js'

export const RULE_DOCS_BASE = 'https://github.com/herald-dev/herald/blob/main/packages/eslint-plugin/docs/rules/'

export interface RuleDocs {
  /** One line, in ESLint's style ("Disallow …"), without a final period. */
  description: string
  /** The rule's documentation page. */
  url: string
}

export function ruleDocsUrl(id: RuleId): string {
  return `${RULE_DOCS_BASE}${id}.md`
}

export const RULE_DOCS: Readonly<Record<RuleId, RuleDocs>> = Object.fromEntries(
  RULES.map((rule) => [rule.id, { description: rule.description, url: ruleDocsUrl(rule.id) }]),
) as Record<RuleId, RuleDocs>
