/**
 * The ESTree side of core's `ConstantSyntax`: how the plugin answers the extractor's questions about a node,
 * using ESLint's scope manager for bindings. Constant evaluation itself is core's `Constants`.
 */
import type { SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import { type ConstantKind, Constants, type ConstantSyntax } from '@herald/core'
import { findVariable, soleDefinition } from './scope.js'
import { findProperty, memberName, type Node, unwrapTypes } from './syntax.js'

export type EstreeConstants = Constants<Node, TSESTree.ObjectExpression>

export function estreeConstants(sourceCode: SourceCode): EstreeConstants {
  return new Constants(new EstreeConstantSyntax(sourceCode))
}

class EstreeConstantSyntax implements ConstantSyntax<Node, TSESTree.ObjectExpression> {
  constructor(private readonly sourceCode: SourceCode) {}

  unwrapTypes(node: Node): Node {
    return unwrapTypes(node)
  }

  kind(node: Node): ConstantKind {
    switch (node.type) {
      case 'ObjectExpression':
        return 'object'
      case 'Literal':
        return typeof node.value === 'string' ? 'string' : 'other'
      case 'TemplateLiteral':
        return 'template'
      case 'Identifier':
        return 'identifier'
      case 'MemberExpression':
        return 'member'
      case 'CallExpression':
        return isObjectFreeze(node) ? 'freeze' : 'other'
      default:
        return 'other'
    }
  }

  asObject(node: Node): TSESTree.ObjectExpression {
    return node as TSESTree.ObjectExpression
  }

  stringValue(node: Node): string {
    return (node as TSESTree.StringLiteral).value
  }

  templateQuasis(node: Node): readonly string[] {
    return (node as TSESTree.TemplateLiteral).quasis.map((quasi) => quasi.value.cooked ?? '')
  }

  templateExpressions(node: Node): readonly Node[] {
    return (node as TSESTree.TemplateLiteral).expressions
  }

  constInit(id: Node): Node | undefined {
    const def = soleDefinition(findVariable(this.sourceCode, id as TSESTree.Identifier))
    if (!def || def.type !== 'Variable') return undefined
    const declarator = def.node as unknown as TSESTree.VariableDeclarator
    const declaration = def.parent as unknown as TSESTree.VariableDeclaration
    if (declaration.kind !== 'const' || declarator.id.type !== 'Identifier' || !declarator.init) return undefined
    return declarator.init
  }

  memberName(member: Node): string | undefined {
    return memberName(member as TSESTree.MemberExpression)
  }

  memberObject(member: Node): Node {
    return (member as TSESTree.MemberExpression).object
  }

  /** The initializer of `Name.member` when `Name` is a TypeScript enum declared in this file. */
  boundMember(object: Node, name: string): Node | undefined {
    const def = soleDefinition(findVariable(this.sourceCode, object as TSESTree.Identifier))
    if (!def || (def.type as string) !== 'TSEnumName') return undefined
    const declaration = def.node as unknown as TSESTree.TSEnumDeclaration
    const members = declaration.body?.members ?? []
    for (const member of members) {
      const key = member.id.type === 'Identifier' ? member.id.name : member.id.type === 'Literal' ? String(member.id.value) : undefined
      if (key === name) return member.initializer ?? undefined
    }
    return undefined
  }

  freezeArgument(node: Node): Node | undefined {
    return (node as TSESTree.CallExpression).arguments[0]
  }

  propertyValue(object: TSESTree.ObjectExpression, name: string): Node | undefined {
    const property = findProperty(object, name)
    return property && property.kind === 'init' ? property.value : undefined
  }

  isImportBinding(id: Node): boolean {
    return soleDefinition(findVariable(this.sourceCode, id as TSESTree.Identifier))?.type === 'ImportBinding'
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
