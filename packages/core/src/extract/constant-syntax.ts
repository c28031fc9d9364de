/**
 * The small syntax interface the extractor is written against. Each front-end implements it once over its own
 * tree (ESTree in the ESLint plugin, the TypeScript AST in the audit); what follows from the answers — which
 * expressions are constants and what they evaluate to — is decided here, once.
 */

/** What an expression is, as far as constant evaluation cares (type-only wrappers already stripped). */
export type ConstantKind = 'object' | 'string' | 'template' | 'identifier' | 'member' | 'freeze' | 'other'

export interface ConstantSyntax<N, O extends N = N> {
  /** The node without `as`, `satisfies`, `!`, `<T>x` (and parentheses); undefined when it is not an expression. */
  unwrapTypes(node: N): N | undefined
  kind(node: N): ConstantKind
  /** The object literal itself, for a node of kind `object`. */
  asObject(node: N): O
  /** The text of a node of kind `string`. */
  stringValue(node: N): string
  /** A template literal's pieces: `quasis.length === expressions.length + 1`. */
  templateQuasis(node: N): readonly string[]
  templateExpressions(node: N): readonly N[]
  /**
   * The initializer of the `const` declaration an identifier refers to, when it declares that name alone;
   * with `imports`, a front-end that can follow imports (the audit) also returns an imported `const`.
   */
  constInit(id: N, imports: boolean): N | undefined
  /** A member's static name (`#x` for private names); undefined when computed from a non-literal. */
  memberName(member: N): string | undefined
  memberObject(member: N): N
  /** `Name.member` when `Name` is bound to an enum (or, with `imports`, to `import * as Name`). */
  boundMember(object: N, name: string, imports: boolean): N | undefined
  /** The argument of `Object.freeze(x)`, for a node of kind `freeze`. */
  freezeArgument(node: N): N | undefined
  /** The value of the `init` member (plain, shorthand or method) with this static key; the last one wins. */
  propertyValue(object: O, name: string): N | undefined
  /** Whether an identifier is bound by an `import`. */
  isImportBinding(id: N): boolean
}
