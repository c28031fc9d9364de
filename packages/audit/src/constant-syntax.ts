/**
 * The TypeScript-AST side of core's `BindingSyntax`: how the audit answers the extractor's questions about a
 * node, with syntax-only scope lookup (`findBinding`) and, with `imports`, constants exported by other files of
 * the project (`ModuleIndex`). What follows from the answers (constants, names, properties, call sites, origins)
 * is core's `Extractor` and `Origins`. ESTree has no parenthesized-expression node, so positions and texts are
 * taken inside parentheses.
 *
 * One answer the plugin does not give: a parameter annotated `ReturnType<typeof useX>` is `useX`'s function
 * (`annotatedHook`).
 */
import {
  type Binding,
  type BindingSyntax,
  type ConstantKind,
  type Constants as CoreConstants,
  Extractor,
  type FunctionNaming,
  type FunctionUse,
  Origins,
  type PropertyValueKind,
} from '@herald/core'
import { ts } from './typescript.js'
import type { ModuleIndex } from './module-index.js'
import { bindingNode, findBinding } from './syntax-scope.js'
import {
  findProperty,
  isInitMember,
  isMember,
  keyName,
  keyNode,
  type MemberExpression,
  memberName,
  memberValueNode,
  positionOf,
  unwrap,
  unwrapTypes,
} from './syntax.js'

export type Constants = CoreConstants<ts.Node, ts.ObjectLiteralExpression>
export type TsExtractor = Extractor<ts.Node, ts.ObjectLiteralExpression>
export type TsOrigins = Origins<ts.Node, ts.ObjectLiteralExpression>

/** Calls and JSX elements of other files that call or render a function (the typed pass's answer). */
export type CrossFileUses = (fn: ts.Node) => readonly FunctionUse<ts.Node>[]

export function tsExtractor(modules?: ModuleIndex, crossFileUses?: CrossFileUses): TsExtractor {
  return new Extractor(new TsSyntax(modules, crossFileUses))
}

/** The origins of calls over the same syntax as `extractor` (one file's). */
export function tsOrigins(extractor: TsExtractor): TsOrigins {
  return new Origins(extractor.syntax as TsSyntax, extractor.constants, true)
}

export function isExpression(node: ts.Node): node is ts.Expression {
  return ts.isExpression(node)
}

type FunctionLike = ts.SignatureDeclaration

class TsSyntax implements BindingSyntax<ts.Node, ts.ObjectLiteralExpression> {
  /** Every identifier of a file that is called or rendered, by name: built once, on demand. */
  private references?: { file: ts.SourceFile; index: Map<string, ts.Node[]> }

  constructor(
    private readonly modules?: ModuleIndex,
    /** With types: the calls and elements of other files that call or render a function, after this file's own. */
    private readonly crossFileUses?: CrossFileUses,
  ) {}

  unwrapTypes(node: ts.Node): ts.Node | undefined {
    return ts.isExpression(node) ? unwrapTypes(node) : undefined
  }

  kind(node: ts.Node): ConstantKind {
    if (ts.isObjectLiteralExpression(node)) return 'object'
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return 'string'
    if (ts.isTemplateExpression(node)) return 'template'
    if (ts.isIdentifier(node)) return 'identifier'
    if (isMember(node)) return 'member'
    if (ts.isCallExpression(node) && isObjectFreeze(node)) return 'freeze'
    return 'other'
  }

  asObject(node: ts.Node): ts.ObjectLiteralExpression {
    return node as ts.ObjectLiteralExpression
  }

  stringValue(node: ts.Node): string {
    return (node as ts.LiteralExpression).text
  }

  templateQuasis(node: ts.Node): readonly string[] {
    const template = node as ts.TemplateExpression
    return [template.head.text, ...template.templateSpans.map((span) => span.literal.text)]
  }

  templateExpressions(node: ts.Node): readonly ts.Node[] {
    return (node as ts.TemplateExpression).templateSpans.map((span) => span.expression)
  }

  constInit(node: ts.Node, imports: boolean): ts.Node | undefined {
    const id = node as ts.Identifier
    const binding = findBinding(id.text, id)
    if (binding?.kind === 'variable') {
      return binding.isConst && binding.path === undefined ? binding.declaration.initializer : undefined
    }
    if (imports && binding?.kind === 'import' && binding.importedName !== '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, id.getSourceFile().fileName, binding.importedName)?.expression
    }
    return undefined
  }

  memberName(member: ts.Node): string | undefined {
    return memberName(member as MemberExpression)
  }

  memberObject(member: ts.Node): ts.Node {
    return (member as MemberExpression).expression
  }

  boundMember(node: ts.Node, name: string, imports: boolean): ts.Node | undefined {
    const object = node as ts.Identifier
    const binding = findBinding(object.text, object)
    if (binding?.kind === 'enum') {
      for (const member of binding.declaration.members) if (keyName(member.name) === name) return member.initializer
      return undefined
    }
    // `import * as Events from "./events"; Events.LOGIN`: a member of a namespace is an export of its module.
    if (imports && binding?.kind === 'import' && binding.importedName === '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, object.getSourceFile().fileName, name)?.expression
    }
    return undefined
  }

  freezeArgument(node: ts.Node): ts.Node | undefined {
    return (node as ts.CallExpression).arguments[0]
  }

  propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
    const property = findProperty(object, name)
    return property && isInitMember(property) ? memberValueNode(property) : undefined
  }

  isImportBinding(node: ts.Node): boolean {
    const id = node as ts.Identifier
    return findBinding(id.text, id)?.kind === 'import'
  }

  position(node: ts.Node): { line: number; column: number } {
    return positionOf(unwrapParentheses(node))
  }

  text(node: ts.Node): string {
    return unwrapParentheses(node).getText()
  }

  callee(call: ts.Node): ts.Node {
    return (call as ts.CallExpression).expression
  }

  callArguments(call: ts.Node): readonly ts.Node[] {
    return (call as ts.CallExpression).arguments
  }

  isSpread(node: ts.Node): boolean {
    return ts.isSpreadElement(node)
  }

  choices(node: ts.Node): readonly [ts.Node, ts.Node] | undefined {
    if (ts.isConditionalExpression(node)) return [node.whenTrue, node.whenFalse]
    if (!ts.isBinaryExpression(node)) return undefined
    const operator = node.operatorToken.kind
    return operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken ? [node.left, node.right] : undefined
  }

  isOpaqueName(node: ts.Node): boolean {
    if (ts.isBinaryExpression(node)) return node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
    return (
      ts.isNumericLiteral(node) ||
      ts.isBigIntLiteral(node) ||
      ts.isRegularExpressionLiteral(node) ||
      node.kind === ts.SyntaxKind.TrueKeyword ||
      node.kind === ts.SyntaxKind.FalseKeyword ||
      node.kind === ts.SyntaxKind.NullKeyword
    )
  }

  identifierName(node: ts.Node): string {
    return (node as ts.Identifier).text
  }

  unwrapValue(node: ts.Node): ts.Node {
    return ts.isExpression(node) ? unwrapTypes(node) : node
  }

  asCall(node: ts.Node): { callee: ts.Node; args: readonly ts.Node[] } | undefined {
    return ts.isCallExpression(node) ? { callee: node.expression, args: node.arguments } : undefined
  }

  members(object: ts.ObjectLiteralExpression): readonly ts.Node[] {
    return object.properties
  }

  spreadArgument(member: ts.Node): ts.Node | undefined {
    return ts.isSpreadAssignment(member) || ts.isSpreadElement(member) ? member.expression : undefined
  }

  staticKey(member: ts.Node): string | undefined {
    return keyName((member as ts.ObjectLiteralElementLike).name)
  }

  computedKey(member: ts.Node): ts.Node | undefined {
    const name = (member as ts.ObjectLiteralElementLike).name
    return name && ts.isComputedPropertyName(name) ? name.expression : undefined
  }

  keyNode(member: ts.Node): ts.Node {
    return keyNode((member as ts.ObjectLiteralElementLike).name!)
  }

  memberValue(member: ts.Node): ts.Node | undefined {
    return memberValueNode(member as ts.ObjectLiteralElementLike)
  }

  arrayElements(node: ts.Node): readonly ts.Node[] | undefined {
    return ts.isArrayLiteralExpression(node) ? node.elements : undefined
  }

  valueKind(value: ts.Node): PropertyValueKind {
    return ts.isExpression(value) ? syntacticValueKind(value) : 'unknown'
  }

  binding(node: ts.Node): Binding<ts.Node> | undefined {
    const id = node as ts.Identifier
    const binding = findBinding(id.text, id)
    switch (binding?.kind) {
      case undefined:
        return undefined
      case 'variable':
        return { kind: 'variable', init: binding.declaration.initializer, path: binding.path ?? [] }
      case 'parameter':
        return binding.parameter.dotDotDotToken && binding.path.length === 0
          ? { kind: 'parameter', fn: binding.fn, index: binding.index, path: [], rest: true }
          : { kind: 'parameter', fn: binding.fn, index: binding.index, path: binding.path }
      case 'import':
        return { kind: 'import', module: binding.moduleSpecifier, imported: binding.importedName }
      case 'function':
        return { kind: 'other', fn: binding.node }
      default:
        return { kind: 'other' }
    }
  }

  unwrapAwaited(node: ts.Node): ts.Node | undefined {
    return ts.isExpression(node) ? unwrap(node) : undefined
  }

  importSource(node: ts.Node): string | undefined {
    if (!ts.isCallExpression(node) || node.expression.kind !== ts.SyntaxKind.ImportKeyword) return undefined
    const source = node.arguments[0]
    return source && ts.isStringLiteral(source) ? source.text : undefined
  }

  isThis(node: ts.Node): boolean {
    return node.kind === ts.SyntaxKind.ThisKeyword
  }

  uses(fn: ts.Node): readonly FunctionUse<ts.Node>[] {
    const own = this.usesInFile(fn)
    const other = this.crossFileUses?.(fn)
    return other && other.length > 0 ? [...own, ...other] : own
  }

  private usesInFile(fn: ts.Node): readonly FunctionUse<ts.Node>[] {
    const named = functionVariable(fn as FunctionLike)
    if (!named) return []
    const file = fn.getSourceFile()
    if (this.references?.file !== file) this.references = { file, index: indexReferences(file) }
    const uses: FunctionUse<ts.Node>[] = []
    for (const reference of this.references.index.get(named.name) ?? []) {
      if (bindingNode(findBinding(named.name, reference)) !== named.declaration) continue
      let parent = reference.parent
      while (ts.isParenthesizedExpression(parent)) parent = parent.parent
      if (ts.isCallExpression(parent) && unwrapParentheses(parent.expression) === reference) uses.push({ kind: 'call', args: parent.arguments })
      else if ((ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent)) && parent.tagName === reference) uses.push(elementUse(parent))
    }
    return uses
  }

  functionNaming(node: ts.Node): FunctionNaming<ts.Node> {
    const fn = node as FunctionLike
    const parent = fn.parent
    const named = (name: string | undefined, method = false): FunctionNaming<ts.Node> => (name === undefined ? { method } : { name, method })
    /** `const holder = { … }` around an object literal's member. */
    const held = (naming: FunctionNaming<ts.Node>, member: ts.Node) => {
      const literal = member.parent
      const declaration = literal && ts.isObjectLiteralExpression(literal) ? literal.parent : undefined
      if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer === literal)
        naming.holder = declaration.name.text
      return naming
    }
    if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn))
      return held(named(memberKeyName(fn.name), ts.isMethodDeclaration(fn)), fn)
    if (parent && (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === fn)
      return held(named(memberKeyName(parent.name), ts.isPropertyDeclaration(parent)), parent)
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === fn) return named(parent.name.text)
    const naming = named(
      ts.isConstructorDeclaration(fn) ? 'constructor' : (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name ? fn.name.text : undefined,
    )
    if (parent && ts.isCallExpression(parent) && ts.isVariableDeclaration(parent.parent) && ts.isIdentifier(parent.parent.name)) {
      naming.wrapper = { callee: parent.expression, variable: parent.parent.name.text }
    }
    // `const track = useMemo(() => fn, [])` (or `{ return fn }`): the factory's call names what it returns
    let outer: ts.Node | undefined = parent
    while (outer && ts.isParenthesizedExpression(outer)) outer = outer.parent
    const factory =
      outer && ts.isArrowFunction(outer) && unwrapParentheses(outer.body) === fn
        ? outer
        : outer && ts.isReturnStatement(outer) && ts.isBlock(outer.parent) && this.isFunction(outer.parent.parent)
          ? outer.parent.parent
          : undefined
    const call = factory?.parent
    if (call && ts.isCallExpression(call) && call.arguments[0] === factory && ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name)) {
      naming.wrapper = { callee: call.expression, variable: call.parent.name.text, factory: true }
    }
    return naming
  }

  isFunction(node: ts.Node): boolean {
    return ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)
  }

  callsIn(fn: ts.Node): readonly ts.Node[] {
    const calls: ts.Node[] = []
    const visit = (node: ts.Node): undefined => {
      if (ts.isCallExpression(node)) calls.push(node)
      ts.forEachChild(node, visit)
    }
    const body = (fn as ts.FunctionLikeDeclaration).body
    if (body) visit(body)
    return calls
  }

  enclosingFunction(node: ts.Node): ts.Node | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (ts.isFunctionLike(current)) return current
    }
    return undefined
  }

  /** `capture: ReturnType<typeof useTracking>` on the parameter (or the destructured prop) that binds `id`. */
  annotatedHook(node: ts.Node): string | undefined {
    const id = node as ts.Identifier
    const binding = findBinding(id.text, id)
    if (binding?.kind !== 'parameter') return undefined
    let type = binding.parameter.type
    for (const key of binding.path) {
      if (!type || !ts.isTypeLiteralNode(type)) return undefined
      const member = type.members.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && keyName(m.name) === key)
      type = member?.type
    }
    return hookOfType(type)
  }
}

/** `ReturnType<typeof useTracking>` → `useTracking` (an import under another name is followed to its own). */
function hookOfType(type: ts.TypeNode | undefined): string | undefined {
  if (!type || !ts.isTypeReferenceNode(type)) return undefined
  const typeName = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text
  const argument = type.typeArguments?.[0]
  if (typeName !== 'ReturnType' || !argument || !ts.isTypeQueryNode(argument)) return undefined
  const exprName = argument.exprName
  if (ts.isQualifiedName(exprName)) return exprName.right.text
  const binding = findBinding(exprName.text, type)
  return binding?.kind === 'import' && binding.importedName !== 'default' && binding.importedName !== '*' ? binding.importedName : exprName.text
}

/** Every identifier that is called (`f(…)`) or rendered (`<F …>`), by name. */
function indexReferences(sourceFile: ts.SourceFile): Map<string, ts.Node[]> {
  const index = new Map<string, ts.Node[]>()
  const add = (id: ts.Identifier) => {
    const list = index.get(id.text)
    if (list) list.push(id)
    else index.set(id.text, [id])
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapParentheses(node.expression)
      if (ts.isIdentifier(callee)) add(callee)
    } else if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName)) add(node.tagName)
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return index
}

/** The name that refers to a function, and its declaration: `function F`, `const F = () => …`, `const F = memo(() => …)`. */
/** A JSX element as a use of the component it renders: its attributes by name. */
export function elementUse(element: ts.JsxOpeningElement | ts.JsxSelfClosingElement): FunctionUse<ts.Node> {
  const attributes = element.attributes.properties
  return {
    kind: 'element',
    attribute: (name) => {
      const attribute = attributes.find((a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && ts.isIdentifier(a.name) && a.name.text === name)
      const container = attribute?.initializer
      return container && ts.isJsxExpression(container) ? container.expression : undefined
    },
  }
}

/** The name a function is declared by: `function f`, `const f = () => …`, `const f = memo(() => …)`. */
export function functionDeclarationName(fn: ts.Node): ts.Identifier | undefined {
  const named = functionVariable(fn as FunctionLike)
  if (!named) return undefined
  return ts.isFunctionDeclaration(named.declaration) ? named.declaration.name : ((named.declaration as ts.VariableDeclaration).name as ts.Identifier)
}

function functionVariable(fn: FunctionLike): { name: string; declaration: ts.Node } | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return { name: fn.name.text, declaration: fn }
  let holder: ts.Node = fn
  while (holder.parent && ts.isParenthesizedExpression(holder.parent)) holder = holder.parent
  if (holder.parent && ts.isCallExpression(holder.parent) && holder.parent.arguments.includes(holder as ts.Expression)) holder = holder.parent
  const declaration = holder.parent
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer === holder && ts.isIdentifier(declaration.name)) {
    return { name: declaration.name.text, declaration }
  }
  return undefined
}

function memberKeyName(name: ts.PropertyName): string | undefined {
  if (ts.isPrivateIdentifier(name)) return name.text
  if (ts.isComputedPropertyName(name)) return undefined
  return keyName(name)
}

/** Literals and operators whose result type is certain. */
function syntacticValueKind(value: ts.Expression): PropertyValueKind {
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
function unwrapParentheses(node: ts.Node): ts.Node {
  let current = node
  while (ts.isParenthesizedExpression(current)) current = current.expression
  return current
}

function isObjectFreeze(call: ts.CallExpression): boolean {
  const callee = unwrapTypes(call.expression)
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze'
}
