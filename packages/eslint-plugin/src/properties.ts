/**
 * The keys of a properties argument, at any depth: nested objects (`$set: { … }`), objects in arrays,
 * shorthand keys, computed keys with constant values, and spreads of local `const` objects.
 */
import type { TSESTree } from '@typescript-eslint/types'
import type { PropertiesRef, PropertyKeyRef, PropertyValueKind } from '@herald/core'
import { MAX_KEYS, MAX_NESTING, MAX_RESOLVE_DEPTH } from '@herald/core'
import type { EstreeConstants as Constants } from './constant-syntax.js'
import { keyName, type Node, unwrapTypes } from './syntax.js'

export interface KeyTarget {
  ref: PropertyKeyRef
  /** Where the finding is shown: the key in the call, or the expression that brought it in (`...base`, `props`). */
  node: Node
  /** The property that declares the key, which a suggestion may rename. */
  property: TSESTree.Property
}

export function resolveProperties(expression: Node, constants: Constants): { ref: PropertiesRef; keys: KeyTarget[] } {
  const keys: KeyTarget[] = []
  const start = expression.loc.start
  const ref: PropertiesRef = { keys: [], open: false, line: start.line, column: start.column + 1 }
  const node = unwrapTypes(expression)
  const object = node.type === 'ObjectExpression' ? node : constants.constObject(node)
  if (!object) {
    ref.open = true
    return { ref, keys }
  }
  walk(object, [], object === node ? undefined : expression, 0)
  ref.keys = keys.map((key) => key.ref)
  return { ref, keys }

  function walk(object: TSESTree.ObjectExpression, parents: string[], anchor: Node | undefined, depth: number): void {
    for (const member of object.properties) {
      if (keys.length >= MAX_KEYS) {
        ref.open = true
        return
      }
      if (member.type === 'SpreadElement') {
        const spread = depth < MAX_RESOLVE_DEPTH ? constants.constObject(member.argument) : undefined
        if (spread) walk(spread, parents, anchor ?? member.argument, depth + 1)
        else ref.open = true
        continue
      }
      const key = keyName(member) ?? (member.computed ? constants.constantString(member.key) : undefined)
      if (key === undefined) {
        ref.open = true
        continue
      }
      const at = anchor ?? member.key
      const value = member.value
      keys.push({
        ref: { key, parents, valueKind: valueKind(value), line: at.loc.start.line, column: at.loc.start.column + 1 },
        node: at,
        property: member,
      })
      if (depth >= MAX_NESTING) continue
      const inner = unwrapTypes(value)
      const nestedParents = [...parents, key]
      if (inner.type === 'ObjectExpression') walk(inner, nestedParents, anchor, depth + 1)
      else if (inner.type === 'ArrayExpression') {
        for (const element of inner.elements) {
          const item = element && unwrapTypes(element)
          if (item?.type === 'ObjectExpression') walk(item, nestedParents, anchor, depth + 1)
        }
      } else if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
        const nested = constants.constObject(inner)
        if (nested) walk(nested, nestedParents, anchor ?? value, depth + 1)
      }
    }
  }
}

/** What a value is, from its syntax alone: literals and operators whose result type is certain. */
export function valueKind(value: Node): PropertyValueKind {
  const node = unwrapTypes(value)
  switch (node.type) {
    case 'Literal':
      if (node.value === null) return node.raw === 'null' ? 'null' : 'unknown'
      if (typeof node.value === 'boolean') return 'boolean'
      if (typeof node.value === 'number' || typeof node.value === 'bigint') return 'number'
      if (typeof node.value === 'string') return 'string'
      return 'unknown'
    case 'TemplateLiteral':
      return 'string'
    case 'ObjectExpression':
      return 'object'
    case 'ArrayExpression':
      return 'array'
    case 'UnaryExpression':
      if (node.operator === '!') return 'boolean'
      if (node.operator === 'typeof') return 'string'
      if (node.operator === '-' || node.operator === '+' || node.operator === '~') return 'number'
      return 'unknown'
    case 'BinaryExpression':
      return COMPARISONS.has(node.operator) ? 'boolean' : 'unknown'
    default:
      return 'unknown'
  }
}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in', 'instanceof'])
