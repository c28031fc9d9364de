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

/** Where the ESLint plugin's README holds the rule table, which `pnpm -s gen:readme-rules` writes from the registry. */
export const RULE_TABLE_MARKERS = { start: '<!-- rules: generated from the rule registry by `pnpm -s gen:readme-rules` -->', end: '<!-- /rules -->' }

/** The ESLint plugin README's rule table: one row per rule, in the registry's order, from the registry alone. */
export function ruleTableMarkdown(): string {
  const rows = RULES.map((rule) => {
    const severity = rule.recommended === 'warning' ? 'warn' : 'error'
    const calls = rule.peopleOnly ? 'people calls' : 'all calls'
    return `| [\`herald/${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.description} | ${calls} | ${rule.hasSuggestions ? 'yes' : '—'} | ${severity} | error | ${rule.needsCatalog ? 'needed' : 'optional'} |`
  })
  return ['| Rule | What it does | Checks | Suggestions | recommended | strict | Catalog |', '|---|---|---|---|---|---|---|', ...rows].join('\n')
}

/** `readme` with its rule table (between `RULE_TABLE_MARKERS`) replaced by `ruleTableMarkdown()`; throws when the markers are missing. */
export function withRuleTable(readme: string): string {
  const start = readme.indexOf(RULE_TABLE_MARKERS.start)
  const end = readme.indexOf(RULE_TABLE_MARKERS.end)
  if (start < 0 || end < start) throw new Error(`The README has no rule table markers (${RULE_TABLE_MARKERS.start} … ${RULE_TABLE_MARKERS.end}).`)
  return `${readme.slice(0, start + RULE_TABLE_MARKERS.start.length)}\n${ruleTableMarkdown()}\n${readme.slice(end)}`
}
