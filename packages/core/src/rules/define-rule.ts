/** What a rule is, as the registry lists it. */
export interface RuleDefinition<Id extends string = string, Messages extends Readonly<Record<string, string>> = Readonly<Record<string, string>>> {
  id: Id
  /** One line, in ESLint's style ("Disallow …"), without a final period; its docs page opens with it. */
  description: string
  /** ESLint's `meta.type`. */
  type: 'problem' | 'suggestion'
  /** Whether its findings carry suggestions (replacement names or keys). */
  hasSuggestions: boolean
  /** Whether it needs the catalog; the others run without one. */
  needsCatalog: boolean
  /** Its severity in ESLint's `recommended` config and in `herald audit` by default. */
  recommended: 'error' | 'warning'
  /** Message templates with `{{placeholders}}`, shown word for word by ESLint, the audit and `herald check`. */
  messages: Messages
}

/** Keeps the literal types of a rule's id and messages, so ids and message ids are checked at compile time. */
export function defineRule<const Id extends string, const Messages extends Readonly<Record<string, string>>>(
  rule: RuleDefinition<Id, Messages>,
): RuleDefinition<Id, Messages> {
  return rule
}
