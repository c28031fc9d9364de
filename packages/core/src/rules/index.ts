/**
 * The rule registry: every rule of the checker, one file each (its id, description, messages, whether it needs
 * the catalog, its recommended severity). `RuleId`, the checker's messages, `RULE_DOCS`, the recommended
 * severities (ESLint's configs and the audit's defaults), the ESLint plugin's rules and `CATALOG_RULES` are
 * derived from this list; the report schema's enum, the README's table and the docs pages are held to it by
 * `registry.test.ts`. Adding a rule: its file here, its check in `checkCallSite`, its test and its docs page.
 */
import { noUndeclaredEvent } from './no-undeclared-event.js'
import { validEventName } from './valid-event-name.js'
import { noForbiddenProperty } from './no-forbidden-property.js'
import { noUndeclaredProperty } from './no-undeclared-property.js'
import { noPiiDistinctId } from './no-pii-distinct-id.js'
import { noDynamicEventName } from './no-dynamic-event-name.js'
import { noDeprecatedEvent } from './no-deprecated-event.js'
import { noUndeclaredTrait } from './no-undeclared-trait.js'
import { noUndeclaredGroupType } from './no-undeclared-group-type.js'
import type { RuleDefinition } from './define-rule.js'

export const RULES = [
  noUndeclaredEvent,
  validEventName,
  noForbiddenProperty,
  noUndeclaredProperty,
  noPiiDistinctId,
  noDynamicEventName,
  noDeprecatedEvent,
  noUndeclaredTrait,
  noUndeclaredGroupType,
] as const

type Rules = (typeof RULES)[number]
export type RuleId = Rules['id']
export type { RuleDefinition } from './define-rule.js'

/** Each rule's message templates, by rule id. */
export type RuleMessages = { [R in Rules as R['id']]: R['messages'] }

export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id)

export const RULE_BY_ID: Readonly<Record<RuleId, RuleDefinition>> = Object.fromEntries(RULES.map((rule) => [rule.id, rule as RuleDefinition])) as Record<
  RuleId,
  RuleDefinition
>

/** The rules that need the catalog (the others run from the defaults: naming style, built-in deny list). */
export const CATALOG_RULES: ReadonlySet<RuleId> = new Set(RULES.filter((rule) => rule.needsCatalog).map((rule) => rule.id))
