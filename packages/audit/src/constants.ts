/**
 * Syntax-only constant resolution, as the ESLint plugin does it (`packages/eslint-plugin/src/constants.ts`):
 * `const` bindings, members of `const` objects (with or without `as const`, or `Object.freeze`), TypeScript
 * enum members and templates built from them. With `imports`, the audit goes one step further for event
 * names: a constant imported from another file of the project is followed there (`ModuleIndex`).
 */
import { ts } from './typescript.js'
import type { ModuleIndex } from './module-index.js'
import { findBinding } from './syntax-scope.js'
import { findProperty, isInitMember, isMember, keyName, type MemberExpression, memberName, memberValueNode, unwrapTypes } from './syntax.js'

/** How far a chain of constants is followed; deeper chains (or cycles) count as unresolved. */
export const MAX_RESOLVE_DEPTH = 12

export class Constants {
  constructor(private readonly modules?: ModuleIndex) {}

  /**
   * The initializer of the `const` declaration `id` refers to, when it declares `id` alone (no pattern);
   * with `imports`, also the exported `const` an imported name refers to.
   */
  constInit(id: ts.Identifier, imports = false): ts.Expression | undefined {
    const binding = findBinding(id.text, id)
    if (binding?.kind === 'variable') {
      return binding.isConst && binding.path === undefined ? binding.declaration.initializer : undefined
    }
    if (imports && binding?.kind === 'import' && binding.importedName !== '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, id.getSourceFile().fileName, binding.importedName)?.expression
    }
    return undefined
  }

  /** Whether `id` (or the object at the root of a member chain) is bound by an `import` (the plugin's `isImported`). */
  isImported(expression: ts.Expression): boolean {
    let node = unwrapTypes(expression)
    while (isMember(node)) node = unwrapTypes(node.expression)
    return ts.isIdentifier(node) && findBinding(node.text, node)?.kind === 'import'
  }

  /** The object literal an expression denotes: a literal, a `const` holding one, or a member of one. */
  constObject(expression: ts.Node, imports = false, depth = 0): ts.ObjectLiteralExpression | undefined {
    if (depth > MAX_RESOLVE_DEPTH || !isExpression(expression)) return undefined
    const node = unwrapTypes(expression)
    if (ts.isObjectLiteralExpression(node)) return node
    if (ts.isIdentifier(node)) {
      const init = this.constInit(node, imports)
      return init ? this.constObject(init, imports, depth + 1) : undefined
    }
    if (isMember(node)) {
      const value = this.memberValue(node, imports, depth + 1)
      return value ? this.constObject(value, imports, depth + 1) : undefined
    }
    // Object.freeze({ … }) is how plain JavaScript writes `as const`
    if (ts.isCallExpression(node) && isObjectFreeze(node) && node.arguments[0]) return this.constObject(node.arguments[0], imports, depth + 1)
    return undefined
  }

  /** What a member of a constant object or enum holds: `EVENTS.LOGIN`, `EVENTS.auth.LOGIN`, `Events.Login`. */
  memberValue(member: MemberExpression, imports = false, depth = 0): ts.Expression | ts.Node | undefined {
    const name = memberName(member)
    if (name === undefined || name.startsWith('#')) return undefined
    const object = unwrapTypes(member.expression)
    if (ts.isIdentifier(object)) {
      const binding = findBinding(object.text, object)
      if (binding?.kind === 'enum') return enumMember(binding.declaration, name)
      // `import * as Events from "./events"; Events.LOGIN`: a member of a namespace is an export of its module.
      if (imports && binding?.kind === 'import' && binding.importedName === '*') {
        return this.modules?.exportedValue(binding.moduleSpecifier, object.getSourceFile().fileName, name)?.expression
      }
    }
    const container = this.constObject(object, imports, depth + 1)
    const property = container && findProperty(container, name)
    if (!property || !isInitMember(property)) return undefined
    return memberValueNode(property)
  }

  /** A string a constant expression evaluates to, when it evaluates to exactly one. */
  constantString(expression: ts.Node, imports = false, depth = 0): string | undefined {
    if (depth > MAX_RESOLVE_DEPTH || !isExpression(expression)) return undefined
    const node = unwrapTypes(expression)
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text
      for (const span of node.templateSpans) {
        const part = this.constantString(span.expression, imports, depth + 1)
        if (part === undefined) return undefined
        text += part + span.literal.text
      }
      return text
    }
    if (ts.isIdentifier(node)) {
      const init = this.constInit(node, imports)
      return init ? this.constantString(init, imports, depth + 1) : undefined
    }
    if (isMember(node)) {
      const value = this.memberValue(node, imports, depth + 1)
      return value ? this.constantString(value, imports, depth + 1) : undefined
    }
    return undefined
  }
}

function enumMember(declaration: ts.EnumDeclaration, name: string): ts.Expression | undefined {
  for (const member of declaration.members) {
    if (keyName(member.name) === name) return member.initializer
  }
  return undefined
}

function isObjectFreeze(call: ts.CallExpression): boolean {
  const callee = unwrapTypes(call.expression)
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze'
}

export function isExpression(node: ts.Node): node is ts.Expression {
  return ts.isExpression(node)
}
