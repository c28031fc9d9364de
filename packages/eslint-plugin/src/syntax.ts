/**
 * Small, allocation-free questions about ESTree nodes (TypeScript-ESTree included, since it is a superset),
 * asked on the hot path of every call expression.
 */
import type { TSESTree } from '@typescript-eslint/types'

export type Node = TSESTree.Node
export type Expression = TSESTree.Expression

/** Strips what does not change a value: `as`, `satisfies`, `!`, `<T>x`, `await`, optional chains. */
export function unwrap(node: Node): Node {
  let current = node
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        current = current.expression
        break
      case 'AwaitExpression':
        current = current.argument
        break
      case 'ChainExpression':
        current = current.expression
        break
      default:
        return current
    }
  }
}

/** Like `unwrap`, but keeps `await` and chains: for values whose kind matters, not what they resolve to. */
export function unwrapTypes(node: Node): Node {
  let current = node
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSTypeAssertion'
  ) {
    current = current.expression
  }
  return current
}

/** `b` in `a.b`, `#b` in `a.#b`, `"b"` in `a["b"]`; undefined for a computed name that is not a string literal. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  const property = node.property
  if (!node.computed) return property.type === 'PrivateIdentifier' ? `#${property.name}` : (property as TSESTree.Identifier).name
  if (property.type === 'Literal' && typeof property.value === 'string') return property.value
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return property.quasis[0]?.value.cooked ?? undefined
  return undefined
}

/** The name a call is made by: `capture` for `capture()`, `posthog.capture()` and `(x as Y).capture()`. */
export function calledName(callee: Node): string | undefined {
  const node = unwrapTypes(callee)
  if (node.type === 'Identifier') return node.name
  if (node.type === 'MemberExpression') return memberName(node)
  return undefined
}

/** The static name of an object-literal or pattern key: `a`, `"a"`, `1`, `["a"]`; undefined when computed. */
export function keyName(property: TSESTree.Property): string | undefined {
  const key = property.key
  if (!property.computed) {
    if (key.type === 'Identifier') return key.name
    if (key.type === 'Literal') return String(key.value)
    return undefined
  }
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value)
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined
  return undefined
}

/** The property of an object literal with this static key (the last one wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined
  for (const property of object.properties) {
    if (property.type === 'Property' && keyName(property) === name) found = property
  }
  return found
}
