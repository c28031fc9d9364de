/**
 * Every value an event-name expression can take: literals, constants, and each branch of `?:`, `??` and `||`,
 * exactly as the ESLint plugin resolves them (`packages/eslint-plugin/src/event-names.ts`). Where the plugin
 * stops at "dynamic", the audit goes on: constants imported from other files, then the types — a parameter
 * typed as a union of string literals, a template literal over one. A value reached through a constant is
 * reported where the call names it, so the finding lands on the call.
 */
import { type EventNameRef, MAX_NAMES, MAX_RESOLVE_DEPTH } from '@herald/core'
import { ts } from './typescript.js'
import { type Constants, isExpression } from './constant-syntax.js'
import { isMember, positionOf, unwrapTypes } from './syntax.js'

export interface NameTools {
  constants: Constants
  /** Whether an unresolved name is a parameter a matched wrapper passes on (then it is checked at the wrapper's calls). */
  forwarded: (node: ts.Expression) => boolean
  /** The strings an expression can hold by its type; absent on the syntax pass. */
  typedStrings?: (node: ts.Expression) => string[] | undefined
  /** Called when a name stays dynamic that types might settle. */
  onOpenQuestion: () => void
}

export function resolveEventNames(expression: ts.Expression, tools: NameTools): EventNameRef[] {
  const { constants } = tools
  const out: EventNameRef[] = []
  collect(expression, undefined, 0)
  return out

  function push(at: ts.Node, value: string | undefined, imported = false): void {
    const ref: EventNameRef = { text: at.getText(), ...positionOf(at) }
    if (value !== undefined) ref.value = value
    // An import neither the audit nor the types could follow (a package's constant): not a dynamic name.
    if (imported) ref.imported = true
    out.push(ref)
  }

  /** Dynamic to syntax: try the types, else a dynamic ref (and, on the syntax pass, a question for the typed pass). */
  function unresolved(node: ts.Expression, at: ts.Node, imported = false): void {
    const typed = tools.typedStrings?.(node)
    if (typed) {
      for (const value of typed) if (out.length < MAX_NAMES) push(at, value)
      return
    }
    if (!tools.typedStrings) tools.onOpenQuestion()
    push(at, undefined, imported)
  }

  /** `anchor` is set once resolution has left the call's own text (through a constant). */
  function collect(expression: ts.Node, anchor: ts.Node | undefined, depth: number): void {
    if (out.length >= MAX_NAMES) return
    if (!isExpression(expression)) return push(anchor ?? expression, undefined)
    const node = unwrapTypes(expression)
    const at = anchor ?? node
    const deeper = depth < MAX_RESOLVE_DEPTH
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return push(at, node.text)
    if (ts.isTemplateExpression(node)) {
      const value = constants.constantString(node, true)
      if (value !== undefined) return push(at, value)
      return unresolvedTemplate(node, at)
    }
    if (ts.isConditionalExpression(node)) {
      if (!deeper) return push(at, undefined)
      collect(node.whenTrue, anchor, depth + 1)
      return collect(node.whenFalse, anchor, depth + 1)
    }
    if (ts.isBinaryExpression(node) && isLogical(node.operatorToken.kind)) {
      if (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || !deeper) return push(at, undefined)
      collect(node.left, anchor, depth + 1)
      return collect(node.right, anchor, depth + 1)
    }
    if (ts.isIdentifier(node)) {
      const init = deeper ? constants.constInit(node, true) : undefined
      if (init) return collect(init, at, depth + 1)
      return tools.forwarded(node) ? undefined : unresolved(node, at, constants.isImported(node))
    }
    if (isMember(node)) {
      const value = deeper ? constants.memberValue(node, true) : undefined
      if (value) return collect(value, at, depth + 1)
      return tools.forwarded(node) ? undefined : unresolved(node, at, constants.isImported(node))
    }
    if (isLiteralOtherThanString(node)) return push(at, undefined)
    return unresolved(node, at)
  }

  /** `` `auth.${action}` `` with `action: "login" | "logout"`: every combination, when types tell each part. */
  function unresolvedTemplate(node: ts.TemplateExpression, at: ts.Node): void {
    if (tools.typedStrings) {
      let combos = [node.head.text]
      for (const span of node.templateSpans) {
        const part = constants.constantString(span.expression, true)
        const values = part !== undefined ? [part] : tools.typedStrings(span.expression)
        if (!values || combos.length * values.length > MAX_NAMES) return unresolved(node, at)
        combos = combos.flatMap((prefix) => values.map((value) => prefix + value + span.literal.text))
      }
      for (const value of combos) if (out.length < MAX_NAMES) push(at, value)
      return
    }
    unresolved(node, at)
  }
}

function isLogical(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.AmpersandAmpersandToken
}

function isLiteralOtherThanString(node: ts.Expression): boolean {
  return (
    ts.isNumericLiteral(node) ||
    ts.isBigIntLiteral(node) ||
    ts.isRegularExpressionLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  )
}
