import type { ForbiddenKeyMatcher } from '@herald/runtime'
import type { CallSite, Finding } from '../call-site.js'
import type { Catalog } from '../catalog.js'
import type { NamingPolicy } from '../naming.js'

/**
 * What a rule's findings point at, so that a front-end finds the node to report and to fix without knowing the
 * rule: one of the call's event names, one of its group types, a property key, or the distinct id (or alias).
 */
export type RuleSubject = 'event-name' | 'group-type' | 'property' | 'distinct-id'

/**
 * What `checkCallSite` hands a rule's `check`, once per call site: the site, the catalog (always there for a
 * rule that needs it), the policy the catalog sets (or the defaults), the checker's caches, and `report`.
 */
export interface RuleContext<MessageId extends string = string, CatalogType extends Catalog | undefined = Catalog | undefined> {
  site: CallSite
  catalog: CatalogType
  naming: NamingPolicy
  isForbiddenKey: ForbiddenKeyMatcher
  /** `name` in the naming style's normal form (cached across call sites). */
  normalize(name: string): string
  /** The declared names nearest to an undeclared event name, best first (cached across call sites). */
  undeclaredSuggestions(name: string): string[]
  /**
   * One finding of this rule at `at`: `messageId`'s template rendered with `data`; `extra` adds the event and
   * suggestions. Its severity is the caller's for this rule, else the rule's `recommended`.
   */
  report(at: { line: number; column: number }, messageId: MessageId, data: Record<string, string>, extra?: Pick<Finding, 'event' | 'suggestions'>): void
}

/** What a rule is, as the registry lists it. */
export interface RuleDefinition<
  Id extends string = string,
  Messages extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
  NeedsCatalog extends boolean = boolean,
> {
  id: Id
  /** One line, in ESLint's style ("Disallow …"), without a final period; its docs page opens with it. */
  description: string
  /** ESLint's `meta.type`. */
  type: 'problem' | 'suggestion'
  /** Whether its findings carry suggestions (replacement names or keys). */
  hasSuggestions: boolean
  /** Whether it needs the catalog; the others run without one. */
  needsCatalog: NeedsCatalog
  /** Its severity in ESLint's `recommended` config and in `herald audit` by default. */
  recommended: 'error' | 'warning'
  /** What its findings point at. */
  subject: RuleSubject
  /** Whether it checks only people calls (identify, group, alias); `checkCallSite` runs it on no capture. */
  peopleOnly?: boolean
  /** Message templates with `{{placeholders}}`, shown word for word by ESLint, the audit and `herald check`. */
  messages: Messages
  /**
   * Its check of one call site. Rules run in the registry's order, so at one position findings come in that
   * order; a rule that needs the catalog runs only with one.
   */
  check(context: RuleContext<keyof Messages & string, NeedsCatalog extends true ? Catalog : Catalog | undefined>): void
}

/** Keeps the literal types of a rule's id and messages, so ids and message ids are checked at compile time. */
export function defineRule<const Id extends string, const Messages extends Readonly<Record<string, string>>, const NeedsCatalog extends boolean>(
  rule: RuleDefinition<Id, Messages, NeedsCatalog>,
): RuleDefinition<Id, Messages, NeedsCatalog> {
  return rule
}
