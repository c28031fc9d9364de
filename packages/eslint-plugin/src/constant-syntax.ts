/**
 * The ESTree side of core's `BindingSyntax`: how the plugin answers the extractor's questions about a node,
 * using ESLint's scope manager for bindings. What follows from the answers (constants, names, properties, call
 * sites, origins) is core's `Extractor` and `Origins`.
 */
import type { Scope, SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import {
  type Binding,
  type BindingSyntax,
  type ConstantKind,
  Extractor,
  type FunctionNaming,
  type FunctionUse,
  Origins,
  type PropertyValueKind,
} from '@herald/core'
import { findVariable, soleDefinition } from './scope.js'
import { findProperty, keyName, memberName, type Node, unwrap, unwrapTypes } from './syntax.js'

export type EstreeExtractor = Extractor<Node, TSESTree.ObjectExpression>
export type EstreeOrigins = Origins<Node, TSESTree.ObjectExpression>

/**
 * The extractor and the origins of calls over an ESTree. They keep nothing of a file but `syntax.sourceCode`, so
 * one set serves file after file: `syntax.sourceCode` is set to each file's before its calls are read.
 */
export function estreeExtraction(sourceCode: SourceCode): { syntax: EstreeSyntax; extractor: EstreeExtractor; origins: EstreeOrigins } {
  const syntax = new EstreeSyntax(sourceCode)
  const extractor = new Extractor(syntax)
  return { syntax, extractor, origins: new Origins(syntax, extractor.constants) }
}

/** What an import specifier takes from its module: `"default"`, `"*"` (a namespace) or the exported name. */
export function importedName(specifier: TSESTree.ImportClause): string {
  if (specifier.type === 'ImportDefaultSpecifier') return 'default'
  if (specifier.type === 'ImportNamespaceSpecifier') return '*'
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value
}

export class EstreeSyntax implements BindingSyntax<Node, TSESTree.ObjectExpression> {
  constructor(
    /** The file whose nodes are asked about. */
    public sourceCode: SourceCode,
  ) {}

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

  binding(id: Node): Binding<Node> | undefined {
    const def = soleDefinition(findVariable(this.sourceCode, id as TSESTree.Identifier))
    if (!def) return undefined
    const name = def.name as unknown as TSESTree.Identifier
    switch (def.type) {
      case 'ImportBinding': {
        const declaration = def.parent as unknown as TSESTree.ImportDeclaration
        return { kind: 'import', module: declaration.source.value, imported: importedName(def.node as unknown as TSESTree.ImportClause) }
      }
      case 'Variable': {
        const declarator = def.node as unknown as TSESTree.VariableDeclarator
        return { kind: 'variable', init: declarator.init ?? undefined, path: patternPath(declarator.id, name) }
      }
      case 'Parameter': {
        const fn = def.node as unknown as TSESTree.FunctionLike
        const at = parameterPosition(fn, name)
        return at ? { kind: 'parameter', fn, ...at } : { kind: 'other' }
      }
      case 'FunctionName':
        return def.node.type === 'FunctionDeclaration' ? { kind: 'other', fn: def.node as unknown as Node } : { kind: 'other' }
      default:
        return { kind: 'other' }
    }
  }

  unwrapAwaited(node: Node): Node {
    return unwrap(node)
  }

  importSource(node: Node): string | undefined {
    return node.type === 'ImportExpression' && node.source.type === 'Literal' && typeof node.source.value === 'string' ? node.source.value : undefined
  }

  isThis(node: Node): boolean {
    return node.type === 'ThisExpression'
  }

  uses(fn: Node): readonly FunctionUse<Node>[] {
    const variable = this.functionVariable(fn as TSESTree.FunctionLike)
    if (!variable) return []
    const uses: FunctionUse<Node>[] = []
    for (const reference of variable.references) {
      const at = reference.identifier as unknown as TSESTree.Node
      const parent = at.parent
      if (parent?.type === 'CallExpression' && parent.callee === at) uses.push({ kind: 'call', args: parent.arguments })
      else if (parent?.type === 'JSXOpeningElement' && parent.name === at) {
        uses.push({
          kind: 'element',
          attribute: (name) => {
            const attribute = parent.attributes.find(
              (a): a is TSESTree.JSXAttribute => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === name,
            )
            const container = attribute?.value
            return container?.type === 'JSXExpressionContainer' && container.expression.type !== 'JSXEmptyExpression' ? container.expression : undefined
          },
        })
      }
    }
    return uses
  }

  functionNaming(node: Node): FunctionNaming<Node> {
    const fn = node as TSESTree.FunctionLike
    const parent = fn.parent
    if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition' || parent?.type === 'Property') {
      const naming: FunctionNaming<Node> = { method: parent.type !== 'Property' || parent.method }
      if (parent.key.type === 'PrivateIdentifier') naming.name = `#${parent.key.name}`
      else if (!parent.computed && parent.key.type === 'Identifier') naming.name = parent.key.name
      else if (!parent.computed && parent.key.type === 'Literal') naming.name = String(parent.key.value)
      const holder = parent.type === 'Property' ? parent.parent?.parent : undefined
      if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.init === parent.parent) naming.holder = holder.id.name
      return naming
    }
    if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { name: parent.id.name, method: false }
    const naming: FunctionNaming<Node> = { method: false }
    if (fn.id) naming.name = fn.id.name
    if (parent?.type === 'CallExpression' && parent.parent?.type === 'VariableDeclarator' && parent.parent.id.type === 'Identifier') {
      naming.wrapper = { callee: parent.callee, variable: parent.parent.id.name }
    }
    // `const track = useMemo(() => fn, [])` (or `{ return fn }`): the factory's call names what it returns
    const factory =
      parent?.type === 'ArrowFunctionExpression' && parent.body === fn
        ? parent
        : parent?.type === 'ReturnStatement' && parent.parent?.type === 'BlockStatement' && this.isFunction(parent.parent.parent as Node)
          ? (parent.parent.parent as TSESTree.FunctionLike)
          : undefined
    const call = factory?.parent
    if (
      call?.type === 'CallExpression' &&
      call.arguments[0] === factory &&
      call.parent?.type === 'VariableDeclarator' &&
      call.parent.id.type === 'Identifier'
    ) {
      naming.wrapper = { callee: call.callee, variable: call.parent.id.name, factory: true }
    }
    return naming
  }

  isFunction(node: Node): boolean {
    return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression'
  }

  callsIn(fn: Node): readonly Node[] {
    const calls: Node[] = []
    const keys = this.sourceCode.visitorKeys
    const visit = (node: Node) => {
      if (node.type === 'CallExpression') calls.push(node)
      for (const key of keys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key]
        if (Array.isArray(child)) {
          for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as Node)
        } else if (child && typeof child === 'object' && 'type' in child) visit(child as Node)
      }
    }
    const body = (fn as TSESTree.FunctionLike).body
    if (body) visit(body as Node)
    return calls
  }

  enclosingFunction(node: Node): Node | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (this.isFunction(current)) return current
    }
    return undefined
  }

  /** The variable that names a function: `function F`, `const F = () => …`, `const F = memo(() => …)`. */
  private functionVariable(fn: TSESTree.FunctionLike): Scope.Variable | undefined {
    if (fn.type === 'FunctionDeclaration' && fn.id) return findVariable(this.sourceCode, fn.id)
    let holder: Node = fn
    if (holder.parent?.type === 'CallExpression' && holder.parent.arguments.includes(holder as TSESTree.CallExpressionArgument)) holder = holder.parent
    const declarator = holder.parent
    if (declarator?.type === 'VariableDeclarator' && declarator.init === holder && declarator.id.type === 'Identifier') {
      return findVariable(this.sourceCode, declarator.id)
    }
    return undefined
  }
}

/** Which parameter of `fn` binds `name`, and where in it: `{ index: 0, path: ['capture'] }` for `({ capture })`. */
function parameterPosition(fn: TSESTree.FunctionLike, name: TSESTree.Identifier): { index: number; path: string[]; rest?: boolean } | undefined {
  for (let index = 0; index < fn.params.length; index++) {
    const param = fn.params[index]!
    // `...args`: the arguments from `index` on
    if (param.type === 'RestElement' && param.argument === name) return { index, path: [], rest: true }
    const path = patternPath(param, name)
    if (path !== undefined) return { index, path }
  }
  return undefined
}

/** The keys from a binding pattern down to `target`: `["capture"]` for `{ capture }`, `["0"]` for `[track]`. */
function patternPath(pattern: Node, target: TSESTree.Identifier): string[] | undefined {
  switch (pattern.type) {
    case 'Identifier':
      return pattern === target ? [] : undefined
    case 'AssignmentPattern':
      return patternPath(pattern.left, target)
    case 'TSParameterProperty':
      return patternPath(pattern.parameter, target)
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        if (property.type !== 'Property') continue
        const inner = patternPath(property.value, target)
        if (inner === undefined) continue
        const key = keyName(property as unknown as TSESTree.Property)
        return key === undefined ? undefined : [key, ...inner]
      }
      return undefined
    case 'ArrayPattern':
      for (let i = 0; i < pattern.elements.length; i++) {
        const element = pattern.elements[i]
        const inner = element ? patternPath(element, target) : undefined
        if (inner !== undefined) return [String(i), ...inner]
      }
      return undefined
    default:
      return undefined
  }
}

const COMPARISONS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=', 'in', 'instanceof'])

function isObjectFreeze(call: TSESTree.CallExpression): boolean {
  const callee = unwrapTypes(call.callee)
  return callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'Object' && memberName(callee) === 'freeze'
}
