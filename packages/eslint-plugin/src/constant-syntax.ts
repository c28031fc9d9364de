/**
 * The ESTree side of core's `CallSyntax`: how the plugin answers the extractor's questions about a node, using
 * ESLint's scope manager for bindings. What follows from the answers (constants, names, properties, call
 * sites) is core's `Extractor`.
 */
import type { SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import { type CallSyntax, type ConstantKind, type Constants, Extractor, type PropertyValueKind } from '@herald/core'
import { findVariable, soleDefinition } from './scope.js'
import { findProperty, keyName, memberName, type Node, unwrapTypes } from './syntax.js'

export type EstreeConstants = Constants<Node, TSESTree.ObjectExpression>
export type EstreeExtractor = Extractor<Node, TSESTree.ObjectExpression>

export function estreeExtractor(sourceCode: SourceCode): EstreeExtractor {
  return new Extractor(new EstreeSyntax(sourceCode))
}

class EstreeSyntax implements CallSyntax<Node, TSESTree.ObjectExpression> {
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

  position(node: Node): { line: number; column: number } {
    return { line: node.loc.start.line, column: node.loc.start.column + 1 }
  }

  text(node: Node): string {
    return this.sourceCode.getText(node as never)
  }

  callee(call: Node): Node {
    return (call as TSESTree.CallExpression).callee
  }

  callArguments(call: Node): readonly Node[] {
    return (call as TSESTree.CallExpression).arguments
  }

  isSpread(node: Node): boolean {
    return node.type === 'SpreadElement'
  }

  choices(node: Node): readonly [Node, Node] | undefined {
    if (node.type === 'ConditionalExpression') return [node.consequent, node.alternate]
    if (node.type === 'LogicalExpression' && node.operator !== '&&') return [node.left, node.right]
    return undefined
  }

  isOpaqueName(node: Node): boolean {
    return node.type === 'Literal' || (node.type === 'LogicalExpression' && node.operator === '&&')
  }

  identifierName(node: Node): string {
    return (node as TSESTree.Identifier).name
  }

  unwrapValue(node: Node): Node {
    const inner = unwrapTypes(node)
    return inner.type === 'ChainExpression' ? unwrapTypes(inner.expression) : inner
  }

  asCall(node: Node): { callee: Node; args: readonly Node[] } | undefined {
    return node.type === 'CallExpression' ? { callee: node.callee, args: node.arguments } : undefined
  }

  members(object: TSESTree.ObjectExpression): readonly Node[] {
    return object.properties
  }

  spreadArgument(member: Node): Node | undefined {
    return member.type === 'SpreadElement' ? member.argument : undefined
  }

  staticKey(member: Node): string | undefined {
    return keyName(member as TSESTree.Property)
  }

  computedKey(member: Node): Node | undefined {
    const property = member as TSESTree.Property
    return property.computed ? property.key : undefined
  }

  keyNode(member: Node): Node {
    return (member as TSESTree.Property).key
  }

  memberValue(member: Node): Node | undefined {
    return (member as TSESTree.Property).value
  }

  arrayElements(node: Node): readonly Node[] | undefined {
    return node.type === 'ArrayExpression' ? node.elements.filter((element) => element !== null) : undefined
  }

  valueKind(value: Node): PropertyValueKind {
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
}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in', 'instanceof'])

function isObjectFreeze(call: TSESTree.CallExpression): boolean {
  const callee = unwrapTypes(call.callee)
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && memberName(callee) === 'freeze'
}
