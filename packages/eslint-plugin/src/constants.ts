/**
 * Syntax-only constant resolution within one file: `const` bindings, members of `const` objects (with or
 * without `as const`, or `Object.freeze`), TypeScript enum members and templates built from them.
 * Anything else (imports, parameters, `let`, calls) is not a constant.
 */
import type { Scope, SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import { findProperty, memberName, type Node, unwrapTypes } from './syntax.js'

/** How far a chain of constants is followed; deeper chains (or cycles) count as unresolved. */
export const MAX_RESOLVE_DEPTH = 12

export function findVariable(sourceCode: SourceCode, id: TSESTree.Identifier | TSESTree.JSXIdentifier): Scope.Variable | undefined {
  let scope: Scope.Scope | null = sourceCode.getScope(id as never)
  while (scope) {
    const variable = scope.set.get(id.name)
    if (variable) return variable
    scope = scope.upper
  }
  return undefined
}

/** The single definition of a variable, or undefined when it has none or several (`var x; var x`). */
export function soleDefinition(variable: Scope.Variable | undefined): Scope.Definition | undefined {
  return variable?.defs.length === 1 ? variable.defs[0] : undefined
}

export class Constants {
  constructor(private readonly sourceCode: SourceCode) {}

  /** The initializer of the `const` declaration `id` refers to, when it declares `id` alone (no pattern). */
  constInit(id: TSESTree.Identifier): Node | undefined {
    const def = soleDefinition(findVariable(this.sourceCode, id))
    if (!def || def.type !== 'Variable') return undefined
    const declarator = def.node as unknown as TSESTree.VariableDeclarator
    const declaration = def.parent as unknown as TSESTree.VariableDeclaration
    if (declaration.kind !== 'const' || declarator.id.type !== 'Identifier' || !declarator.init) return undefined
    return declarator.init
  }

  /** Whether `id` (or the object at the root of a member chain) is bound by an `import`. */
  isImported(expression: Node): boolean {
    let node = unwrapTypes(expression)
    while (node.type === 'MemberExpression') node = unwrapTypes(node.object)
    return node.type === 'Identifier' && soleDefinition(findVariable(this.sourceCode, node))?.type === 'ImportBinding'
  }

  /** The object literal an expression denotes: a literal, a `const` holding one, or a member of one. */
  constObject(expression: Node, depth = 0): TSESTree.ObjectExpression | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const node = unwrapTypes(expression)
    switch (node.type) {
      case 'ObjectExpression':
        return node
      case 'Identifier': {
        const init = this.constInit(node)
        return init ? this.constObject(init, depth + 1) : undefined
      }
      case 'MemberExpression': {
        const value = this.memberValue(node, depth + 1)
        return value ? this.constObject(value, depth + 1) : undefined
      }
      case 'CallExpression':
        // Object.freeze({ … }) is how plain JavaScript writes `as const`
        if (isObjectFreeze(node) && node.arguments[0]) return this.constObject(node.arguments[0], depth + 1)
        return undefined
      default:
        return undefined
    }
  }

  /** The expression a member of a constant object or enum holds: `EVENTS.LOGIN`, `EVENTS.auth.LOGIN`, `Events.Login`. */
  memberValue(member: TSESTree.MemberExpression, depth = 0): Node | undefined {
    const name = memberName(member)
    if (name === undefined || name.startsWith('#')) return undefined
    const object = unwrapTypes(member.object)
    if (object.type === 'Identifier') {
      const enumValue = this.enumMember(object, name)
      if (enumValue) return enumValue
    }
    const container = this.constObject(object, depth + 1)
    const property = container && findProperty(container, name)
    if (!property || property.kind !== 'init') return undefined
    return property.value
  }

  /** A string a constant expression evaluates to, when it evaluates to exactly one. */
  constantString(expression: Node, depth = 0): string | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const node = unwrapTypes(expression)
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? node.value : undefined
      case 'TemplateLiteral': {
        let text = node.quasis[0]?.value.cooked ?? ''
        for (let i = 0; i < node.expressions.length; i++) {
          const part = this.constantString(node.expressions[i]!, depth + 1)
          if (part === undefined) return undefined
          text += part + (node.quasis[i + 1]?.value.cooked ?? '')
        }
        return text
      }
      case 'Identifier': {
        const init = this.constInit(node)
        return init ? this.constantString(init, depth + 1) : undefined
      }
      case 'MemberExpression': {
        const value = this.memberValue(node, depth + 1)
        return value ? this.constantString(value, depth + 1) : undefined
      }
      default:
        return undefined
    }
  }

  /** The initializer of `Name.member` when `Name` is a TypeScript enum declared in this file. */
  private enumMember(id: TSESTree.Identifier, name: string): Node | undefined {
    const def = soleDefinition(findVariable(this.sourceCode, id))
    if (!def || (def.type as string) !== 'TSEnumName') return undefined
    const declaration = def.node as unknown as TSESTree.TSEnumDeclaration
    const members = declaration.body?.members ?? []
    for (const member of members) {
      const key = member.id.type === 'Identifier' ? member.id.name : member.id.type === 'Literal' ? String(member.id.value) : undefined
      if (key === name) return member.initializer ?? undefined
    }
    return undefined
  }
}

function isObjectFreeze(call: TSESTree.CallExpression): boolean {
  const callee = unwrapTypes(call.callee)
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Object' &&
    memberName(callee) === 'freeze'
  )
}
