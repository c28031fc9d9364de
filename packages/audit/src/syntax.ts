/**
 * Small questions about TypeScript syntax nodes, answered as the ESLint plugin answers them about ESTree nodes
 * (`packages/eslint-plugin/src/syntax.ts`), so that both front-ends build the same `CallSite` from the same
 * code. ESTree has no parenthesized-expression node, so stripping parentheses here is what keeps positions equal.
 */
import { ts } from './typescript.js'

/** Strips what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x` (ESLint's `unwrapTypes`). */
export function unwrapTypes(node: ts.Expression): ts.Expression {
  let current = node
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression
  }
  return current
}

/** `unwrapTypes`, and also `await` and instantiation expressions (`f<T>`): what a receiver resolves to. */
export function unwrap(node: ts.Expression): ts.Expression {
  let current = unwrapTypes(node)
  while (ts.isAwaitExpression(current) || ts.isExpressionWithTypeArguments(current)) current = unwrapTypes(current.expression)
  return current
}

export type MemberExpression = ts.PropertyAccessExpression | ts.ElementAccessExpression

export function isMember(node: ts.Node): node is MemberExpression {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)
}

/** `b` in `a.b`, `#b` in `a.#b`, `"b"` in `a["b"]`; undefined for a computed name that is not a string literal. */
export function memberName(node: MemberExpression): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text
  const argument = node.argumentExpression
  if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) return argument.text
  return undefined
}

/** The name a call is made by: `capture` for `capture()`, `posthog.capture()` and `(x as Y).capture()`. */
export function calledName(callee: ts.Expression): string | undefined {
  const node = unwrapTypes(callee)
  if (ts.isIdentifier(node)) return node.text
  if (isMember(node)) return memberName(node)
  return undefined
}

/** Whether a call is `import("m")`, ESTree's `ImportExpression`. */
export function isDynamicImport(node: ts.CallExpression): boolean {
  return node.expression.kind === ts.SyntaxKind.ImportKeyword
}

export type ObjectMember = ts.ObjectLiteralElementLike

/** The static name of an object-literal or binding-pattern key: `a`, `"a"`, `1`, `["a"]`; undefined when computed. */
export function keyName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text
  if (ts.isNumericLiteral(name)) return String(Number(name.text))
  if (ts.isComputedPropertyName(name)) {
    let key = name.expression
    while (ts.isParenthesizedExpression(key)) key = key.expression
    if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return key.text
    if (ts.isNumericLiteral(key)) return String(Number(key.text))
  }
  return undefined
}

/** The key node a finding about a member points at: inside the brackets for `["email"]`, where ESTree's key is. */
export function keyNode(name: ts.PropertyName): ts.Node {
  if (!ts.isComputedPropertyName(name)) return name
  let key = name.expression
  while (ts.isParenthesizedExpression(key)) key = key.expression
  return key
}

/** The value of a member as ESTree's `Property.value` is: the initializer, the shorthand identifier, the method. */
export function memberValueNode(member: ObjectMember): ts.Expression | ts.Node | undefined {
  if (ts.isPropertyAssignment(member)) return member.initializer
  if (ts.isShorthandPropertyAssignment(member)) return member.name
  if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) return member
  return undefined
}

/** An ESTree `Property` of kind `init` (a plain, shorthand or method member), not a getter or setter. */
export function isInitMember(member: ObjectMember): boolean {
  return ts.isPropertyAssignment(member) || ts.isShorthandPropertyAssignment(member) || ts.isMethodDeclaration(member)
}

/** The member of an object literal with this static key (the last one wins, as at run time). */
export function findProperty(object: ts.ObjectLiteralExpression, name: string): ObjectMember | undefined {
  let found: ObjectMember | undefined
  for (const member of object.properties) {
    if (!ts.isSpreadAssignment(member) && keyName(member.name) === name) found = member
  }
  return found
}

/** 1-based line and column of a node's first token, as ESLint reports them. */
export function positionOf(node: ts.Node): { line: number; column: number } {
  const sourceFile = node.getSourceFile()
  const at = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
  return { line: at.line + 1, column: at.character + 1 }
}
