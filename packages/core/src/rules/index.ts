/**
 * The rule registry: every rule of the checker, one file each (its id, description, messages, whether it needs
 * the catalog, its recommended severity, what its findings point at, and its check). `RuleId`, the checker
 * (`checkCallSite` runs each rule's `check`), its messages, `RULE_DOCS`, the recommended severities (ESLint's
 * configs and the audit's defaults), the ESLint plugin's rules and how it reports each finding, and
 * `CATALOG_RULES` are derived from this list; the report schema's enum, the README's table and the docs pages
 * are held to it by `registry.test.ts` (the README's table is written from it: `pnpm -s gen:readme-rules`). Adding a rule: its file here, its entry below, its test and its docs page.
 */
import { validEventName } from './valid-event-name.js'
import { noUndeclaredEvent } from './no-undeclared-event.js'
import { noDeprecatedEvent } from './no-deprecated-event.js'
import { noDynamicEventName } from './no-dynamic-event-name.js'
import { noForbiddenProperty } from './no-forbidden-property.js'
import { noUndeclaredProperty } from './no-undeclared-property.js'
import { noPiiDistinctId } from './no-pii-distinct-id.js'
import { noUndeclaredGroupType } from './no-undeclared-group-type.js'
import { noUndeclaredTrait } from './no-undeclared-trait.js'
import type { RuleDefinition } from './define-rule.js'

/**
 * In the order the checker runs them, so at one position findings come in this order (a name's style before
 * its declaration; a key's deny list before its declaration). The ESLint configs, the README's table, the
 * report schema's enum and SARIF's rule list follow it too.
 */
export const RULES = [
  validEventName,
  noUndeclaredEvent,
  noDeprecatedEvent,
  noDynamicEventName,
  noForbiddenProperty,
  noUndeclaredProperty,
  noPiiDistinctId,
  noUndeclaredGroupType,
  noUndeclaredTrait,
] as const

type Rules = (typeof RULES)[number]
export type RuleId = Rules['id']
export type { RuleContext, RuleDefinition, RuleSubject } from './define-rule.js'

/** Each rule's message templates, by rule id. */
export type RuleMessages = { [R in Rules as R['id']]: R['messages'] }

export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id)

export const RULE_BY_ID: Readonly<Record<RuleId, RuleDefinition>> = Object.fromEntries(RULES.map((rule) => [rule.id, rule as RuleDefinition])) as Record<
  RuleId,
  RuleDefinition
>

/** The rules that need the catalog (the others run from the defaults: naming style, built-in deny list). */
export const CATALOG_RULES: ReadonlySet<RuleId> = new Set(RULES.filter((rule) => rule.needsCatalog).map((rule) => rule.id))

/** The rules of people calls only (identify, group, alias), which no capture is checked by. */
export const PEOPLE_RULES: ReadonlySet<RuleId> = new Set(RULES.filter((rule) => (rule as RuleDefinition).peopleOnly).map((rule) => rule.id))

/**
 * Each rule's severity in the ESLint plugin's `recommended` config and, by default, in `herald audit`, so both report
 * a finding alike: wrong names and leaks are errors; drift that needs a decision warns.
 */
export const RECOMMENDED_SEVERITY: Readonly<Record<RuleId, 'error' | 'warning'>> = Object.fromEntries(
  RULES.map((rule) => [rule.id, rule.recommended]),
) as Record<RuleId, 'error' | 'warning'>
