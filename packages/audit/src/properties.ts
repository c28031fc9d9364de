/**
 * The keys of a properties argument, at any depth, as the ESLint plugin reads them
 * (`packages/eslint-plugin/src/properties.ts`): nested objects (`$set: { … }`), objects in arrays, shorthand
 * keys, computed keys with constant values, spreads of local `const` objects. The audit adds what types know
 * of a value syntax cannot tell (`hasEmail: user.hasEmail` is a boolean), and, for drafts, literal values.
 */
import { MAX_KEYS, MAX_NESTING, MAX_RESOLVE_DEPTH, type PropertiesRef, type PropertyValueKind } from '@herald/core'
import { ts } from './typescript.js'
import { type Constants, isExpression } from './constant-syntax.js'
import type { InventoryKeyRef } from './inventory-key.js'
import { isMember, keyName, keyNode, memberValueNode, positionOf, unwrapTypes } from './syntax.js'

export interface PropertyTools {
  constants: Constants
  /** The kind of a value by its type; absent on the syntax pass. */
  typedKind?: (value: ts.Expression) => PropertyValueKind
  /** The string values a value can hold (literals, or a union of literal types), for drafts. */
  literalValues?: (value: ts.Expression) => string[] | undefined
}

export function resolveProperties(expression: ts.Expression, tools: PropertyTools): PropertiesRef {
  const { constants } = tools
  const ref: PropertiesRef = { keys: [], open: false, ...positionOf(unwrapParentheses(expression)) }
  const node = unwrapTypes(expression)
  const object = ts.isObjectLiteralExpression(node) ? node : constants.constObject(node)
  if (!object) {
    ref.open = true
    return ref
  }
  walk(object, [], object === node ? undefined : unwrapParentheses(expression), 0)
  return ref

  function walk(object: ts.ObjectLiteralExpression, parents: string[], anchor: ts.Node | undefined, depth: number): void {
    for (const member of object.properties) {
      if (ref.keys.length >= MAX_KEYS) {
        ref.open = true
        return
      }
      if (ts.isSpreadAssignment(member)) {
        const spread = depth < MAX_RESOLVE_DEPTH ? constants.constObject(member.expression) : undefined
        if (spread) walk(spread, parents, anchor ?? unwrapParentheses(member.expression), depth + 1)
        else ref.open = true
        continue
      }
      const name = member.name
      const key = keyName(name) ?? (name && ts.isComputedPropertyName(name) ? constants.constantString(name.expression) : undefined)
      if (key === undefined || !name) {
        ref.open = true
        continue
      }
      const at = anchor ?? keyNode(name)
      const value = memberValueNode(member)
      const keyRef: InventoryKeyRef = { key, parents, valueKind: value && isExpression(value) ? valueKind(value, tools) : 'unknown', ...positionOf(at) }
      if (tools.literalValues && value && isExpression(value)) {
        const values = tools.literalValues(value)
        if (values) keyRef.values = values
      }
      ref.keys.push(keyRef)
      if (depth >= MAX_NESTING || !value || !isExpression(value)) continue
      const inner = unwrapTypes(value)
      const nestedParents = [...parents, key]
      if (ts.isObjectLiteralExpression(inner)) walk(inner, nestedParents, anchor, depth + 1)
      else if (ts.isArrayLiteralExpression(inner)) {
        for (const element of inner.elements) {
          const item = unwrapTypes(element)
          if (ts.isObjectLiteralExpression(item)) walk(item, nestedParents, anchor, depth + 1)
        }
      } else if (ts.isIdentifier(inner) || isMember(inner)) {
        const nested = constants.constObject(inner)
        if (nested) walk(nested, nestedParents, anchor ?? unwrapParentheses(value), depth + 1)
      }
    }
  }
}

/** What a value is: from its syntax, as the plugin decides, and else from its type where the audit typed the file. */
function valueKind(value: ts.Expression, tools: PropertyTools): PropertyValueKind {
  const kind = syntacticValueKind(value)
  return kind === 'unknown' && tools.typedKind ? tools.typedKind(unwrapTypes(value)) : kind
}

/** Literals and operators whose result type is certain (the plugin's `valueKind`). */
export function syntacticValueKind(value: ts.Expression): PropertyValueKind {
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
export function unwrapParentheses(node: ts.Expression): ts.Expression {
  let current = node
  while (ts.isParenthesizedExpression(current)) current = current.expression
  return current
}
