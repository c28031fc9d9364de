/**
 * Every value an event-name expression can take: literals, constants, and each branch of `?:`, `??` and `||`.
 * A value reached through a constant is reported where the call site names it (the identifier or member
 * in the call), so the finding lands on the call.
 */
import type { SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import type { EventNameRef } from '@herald/core'
import { MAX_NAMES, MAX_RESOLVE_DEPTH } from '@herald/core'
import type { EstreeConstants as Constants } from './constant-syntax.js'
import { type Node, unwrapTypes } from './syntax.js'

export interface NameTarget {
  ref: EventNameRef
  /** Where the finding is shown: the expression in the call's arguments. */
  node: Node
  /** The string literal the value comes from, which a suggestion may replace. */
  literal?: TSESTree.StringLiteral | TSESTree.TemplateLiteral
}

/**
 * `forwarded` says whether an unresolved expression is a parameter that a matched wrapper passes on; such a name
 * is checked at the wrapper's calls, so it is left out here.
 */
export function resolveEventNames(expression: Node, sourceCode: SourceCode, constants: Constants, forwarded: (node: Node) => boolean): NameTarget[] {
  const out: NameTarget[] = []
  collect(expression, undefined, 0)
  return out

  function push(at: Node, value: string | undefined, literal?: NameTarget['literal'], imported = false) {
    const ref: EventNameRef = { text: sourceCode.getText(at as never), line: at.loc.start.line, column: at.loc.start.column + 1 }
    if (value !== undefined) ref.value = value
    if (imported) ref.imported = true
    out.push(literal ? { ref, node: at, literal } : { ref, node: at })
  }

  /** `anchor` is set once resolution has left the call's own text (through a constant). */
  function collect(expression: Node, anchor: Node | undefined, depth: number): void {
    if (out.length >= MAX_NAMES) return
    const node = unwrapTypes(expression)
    const at = anchor ?? node
    const deeper = depth < MAX_RESOLVE_DEPTH
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? push(at, node.value, node as TSESTree.StringLiteral) : push(at, undefined)
      case 'TemplateLiteral':
        if (node.expressions.length === 0) return push(at, node.quasis[0]?.value.cooked ?? undefined, node)
        return push(at, constants.constantString(node))
      case 'ConditionalExpression':
        if (!deeper) return push(at, undefined)
        collect(node.consequent, anchor, depth + 1)
        return collect(node.alternate, anchor, depth + 1)
      case 'LogicalExpression':
        if (node.operator === '&&' || !deeper) return push(at, undefined)
        collect(node.left, anchor, depth + 1)
        return collect(node.right, anchor, depth + 1)
      case 'Identifier': {
        const init = deeper ? constants.constInit(node) : undefined
        if (init) return collect(init, at, depth + 1)
        return forwarded(node) ? undefined : push(at, undefined, undefined, constants.isImported(node))
      }
      case 'MemberExpression': {
        const value = deeper ? constants.memberValue(node) : undefined
        if (value) return collect(value, at, depth + 1)
        return forwarded(node) ? undefined : push(at, undefined, undefined, constants.isImported(node))
      }
      default:
        return push(at, undefined)
    }
  }
}
