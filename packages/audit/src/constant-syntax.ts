/**
 * The TypeScript-AST side of core's `CallSyntax`: how the audit answers the extractor's questions about a node,
 * with syntax-only scope lookup (`findBinding`) and, with `imports`, constants exported by other files of the
 * project (`ModuleIndex`). What follows from the answers (constants, names, properties, call sites) is core's
 * `Extractor`. ESTree has no parenthesized-expression node, so positions and texts are taken inside parentheses.
 */
import { type CallSyntax, type ConstantKind, type Constants as CoreConstants, Extractor, type PropertyValueKind } from '@herald/core'
import { ts } from './typescript.js'
import type { ModuleIndex } from './module-index.js'
import { findBinding } from './syntax-scope.js'
import {
  findProperty,
  isInitMember,
  isMember,
  keyName,
  keyNode,
  type MemberExpression,
  memberName,
  memberValueNode,
  positionOf,
  unwrapTypes,
} from './syntax.js'

export type Constants = CoreConstants<ts.Node, ts.ObjectLiteralExpression>
export type TsExtractor = Extractor<ts.Node, ts.ObjectLiteralExpression>

export function tsExtractor(modules?: ModuleIndex): TsExtractor {
  return new Extractor(new TsSyntax(modules))
}

export function isExpression(node: ts.Node): node is ts.Expression {
  return ts.isExpression(node)
}

class TsSyntax implements CallSyntax<ts.Node, ts.ObjectLiteralExpression> {
  constructor(private readonly modules?: ModuleIndex) {}

  unwrapTypes(node: ts.Node): ts.Node | undefined {
    return ts.isExpression(node) ? unwrapTypes(node) : undefined
  }

  kind(node: ts.Node): ConstantKind {
    if (ts.isObjectLiteralExpression(node)) return 'object'
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return 'string'
    if (ts.isTemplateExpression(node)) return 'template'
    if (ts.isIdentifier(node)) return 'identifier'
    if (isMember(node)) return 'member'
    if (ts.isCallExpression(node) && isObjectFreeze(node)) return 'freeze'
    return 'other'
  }

  asObject(node: ts.Node): ts.ObjectLiteralExpression {
    return node as ts.ObjectLiteralExpression
  }

  stringValue(node: ts.Node): string {
    return (node as ts.LiteralExpression).text
  }

  templateQuasis(node: ts.Node): readonly string[] {
    const template = node as ts.TemplateExpression
    return [template.head.text, ...template.templateSpans.map((span) => span.literal.text)]
  }

  templateExpressions(node: ts.Node): readonly ts.Node[] {
    return (node as ts.TemplateExpression).templateSpans.map((span) => span.expression)
  }

  constInit(node: ts.Node, imports: boolean): ts.Node | undefined {
    const id = node as ts.Identifier
    const binding = findBinding(id.text, id)
    if (binding?.kind === 'variable') {
      return binding.isConst && binding.path === undefined ? binding.declaration.initializer : undefined
    }
    if (imports && binding?.kind === 'import' && binding.importedName !== '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, id.getSourceFile().fileName, binding.importedName)?.expression
    }
    return undefined
  }

  memberName(member: ts.Node): string | undefined {
    return memberName(member as MemberExpression)
  }

  memberObject(member: ts.Node): ts.Node {
    return (member as MemberExpression).expression
  }

  boundMember(node: ts.Node, name: string, imports: boolean): ts.Node | undefined {
    const object = node as ts.Identifier
    const binding = findBinding(object.text, object)
    if (binding?.kind === 'enum') {
      for (const member of binding.declaration.members) if (keyName(member.name) === name) return member.initializer
      return undefined
    }
    // `import * as Events from "./events"; Events.LOGIN`: a member of a namespace is an export of its module.
    if (imports && binding?.kind === 'import' && binding.importedName === '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, object.getSourceFile().fileName, name)?.expression
    }
    return undefined
  }

  freezeArgument(node: ts.Node): ts.Node | undefined {
    return (node as ts.CallExpression).arguments[0]
  }

  propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
    const property = findProperty(object, name)
    return property && isInitMember(property) ? memberValueNode(property) : undefined
  }

  isImportBinding(node: ts.Node): boolean {
    const id = node as ts.Identifier
    return findBinding(id.text, id)?.kind === 'import'
  }

  position(node: ts.Node): { line: number; column: number } {
    return positionOf(unwrapParentheses(node))
  }

  text(node: ts.Node): string {
    return unwrapParentheses(node).getText()
  }

  callee(call: ts.Node): ts.Node {
    return (call as ts.CallExpression).expression
  }

  callArguments(call: ts.Node): readonly ts.Node[] {
    return (call as ts.CallExpression).arguments
  }

  isSpread(node: ts.Node): boolean {
    return ts.isSpreadElement(node)
  }

  choices(node: ts.Node): readonly [ts.Node, ts.Node] | undefined {
    if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse]
    if (!ts.isBinaryExpression(node)) return undefined
    const operator = node.operatorToken.kind
    return operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken ? [node.left, node.right] : undefined
  }

  isOpaqueName(node: ts.Node): boolean {
    if (ts.isBinaryExpression(node)) return node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
    return (
      ts.isNumericLiteral(node) ||
      ts.isBigIntLiteral(node) ||
      ts.isRegularExpressionLiteral(node) ||
      node.kind === ts.SyntaxKind.TrueKeyword ||
      node.kind === ts.SyntaxKind.FalseKeyword ||
      node.kind === ts.SyntaxKind.NullKeyword
    )
  }

  identifierName(node: ts.Node): string {
    return (node as ts.Identifier).text
  }

  unwrapValue(node: ts.Node): ts.Node {
    return ts.isExpression(node) ? unwrapTypes(node) : node
  }

  asCall(node: ts.Node): { callee: ts.Node; args: readonly ts.Node[] } | undefined {
    return ts.isCallExpression(node) ? { callee: node.expression, args: node.arguments } : undefined
  }

  members(object: ts.ObjectLiteralExpression): readonly ts.Node[] {
    return object.properties
  }

  spreadArgument(member: ts.Node): ts.Node | undefined {
    return ts.isSpreadAssignment(member) ? member.expression : undefined
  }

  staticKey(member: ts.Node): string | undefined {
    return keyName((member as ts.ObjectLiteralElementLike).name)
  }

  computedKey(member: ts.Node): ts.Node | undefined {
    const name = (member as ts.ObjectLiteralElementLike).name
    return name && ts.isComputedPropertyName(name) ? name.expression : undefined
  }

  keyNode(member: ts.Node): ts.Node {
    return keyNode((member as ts.ObjectLiteralElementLike).name!)
  }

  memberValue(member: ts.Node): ts.Node | undefined {
    return memberValueNode(member as ts.ObjectLiteralElementLike)
  }

  arrayElements(node: ts.Node): readonly ts.Node[] | undefined {
    return ts.isArrayLiteralExpression(node) ? node.elements : undefined
  }

  valueKind(value: ts.Node): PropertyValueKind {
    return ts.isExpression(value) ? syntacticValueKind(value) : 'unknown'
  }
}

/** Literals and operators whose result type is certain. */
function syntacticValueKind(value: ts.Expression): PropertyValueKind {
  const node = unwrapTypes(value)
  switch (node.kind) {
    case ts.SyntaxKind.NullKeyword:
      return 'null'
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
      return 'boolean'
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
      return 'number'
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
      return 'string'
    case ts.SyntaxKind.ObjectLiteralExpression:
      return 'object'
    case ts.SyntaxKind.ArrayLiteralExpression:
      return 'array'
  }
  if (ts.isPrefixUnaryExpression(node)) {
    if (node.operator === ts.SyntaxKind.ExclamationToken) return 'boolean'
    if (node.operator === ts.SyntaxKind.MinusToken || node.operator === ts.SyntaxKind.PlusToken || node.operator === ts.SyntaxKind.TildeToken) return 'number'
    return 'unknown'
  }
  if (ts.isTypeOfExpression(node)) return 'string'
  if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) return 'boolean'
  return 'unknown'
}

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.InKeyword,
  ts.SyntaxKind.InstanceOfKeyword,
])

/** ESTree has no parenthesized node: `(x)` starts where `x` does. */
function unwrapParentheses(node: ts.Node): ts.Node {
  let current = node
  while (ts.isParenthesizedExpression(current)) current = current.expression
  return current
}

function isObjectFreeze(call: ts.CallExpression): boolean {
  const callee = unwrapTypes(call.expression)
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze'
}
