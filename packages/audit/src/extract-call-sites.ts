/**
 * The ts-morph front-end of the one checker: capture calls of a parsed file → neutral `CallSite`s.
 * Whether a call is a capture is decided by core's `findMatcher` over a syntax-only `CallShape`, as in the
 * ESLint plugin. Syntax settles most questions; what only types can settle (a name imported from another
 * module, a parameter typed as a union, a capture function passed on as a parameter or prop, the type of a
 * property value) is asked of the optional `SemanticResolver`, and without one the file is flagged for it.
 */
import type { CallShape, CallSite, DistinctIdRef, EventNameRef, Matcher, PropertiesRef, PropertyKeyRef, PropertyValueKind } from '@herald/core'
import { findMatcher } from '@herald/core'
import { ts } from 'ts-morph'
import { surfaceOf } from './surface.js'
import type { ModuleIndex } from './module-index.js'
import { type Binding, findBinding, isAsConst, propertyNameText, skipWrappers } from './syntax-scope.js'

/** What the type checker can tell about an expression; `semantic-resolver.ts` implements it with ts-morph. */
export interface SemanticResolver {
  /** The strings an expression can hold by its type (a literal, or a union or template literal of literals). */
  stringValues(expression: ts.Expression): string[] | undefined
  /** The kind of value an expression's type allows, or `unknown`. */
  valueKind(expression: ts.Expression): PropertyValueKind
  /** The hook (a matcher's `from`) whose return value one of `expressions` is: a capture function passed on. */
  hookOrigin(expressions: readonly ts.Expression[], hooks: readonly string[]): string | undefined
}

/** A property key as the inventory keeps it: with the string values it was seen with, when asked for. */
export interface InventoryKeyRef extends PropertyKeyRef {
  values?: string[]
}

export interface ExtractOptions {
  /** The file as reports name it (relative, `/`-separated). */
  file: string
  matchers: readonly Matcher[]
  resolver?: SemanticResolver
  /** Follows imported constants to the files that export them, without types. */
  modules?: ModuleIndex
  /** Record the literal string values of properties (for `init --from-code`). */
  collectValues?: boolean
}

export interface ExtractedFile {
  sites: CallSite[]
  /** Whether types could settle something syntax left open: a dynamic name or a possible capture function passed on. */
  needsTypes: boolean
}

/** At most this many names from one template literal; more is not a set of event names but a pattern. */
const MAX_TEMPLATE_VALUES = 64
const MAX_ALIAS_DEPTH = 8

export function extractCallSites(sourceFile: ts.SourceFile, options: ExtractOptions): ExtractedFile {
  const callees = new Set(options.matchers.map((m) => m.callee))
  const travelCallees = new Set(options.matchers.filter((m) => m.from !== undefined).map((m) => m.callee))
  const hooksByCallee = new Map<string, string[]>()
  for (const m of options.matchers) {
    if (m.from === undefined) continue
    const list = hooksByCallee.get(m.callee) ?? []
    if (!list.includes(m.from)) list.push(m.from)
    hooksByCallee.set(m.callee, list)
  }
  const context: Context = { sourceFile, options, needsTypes: false }
  const sites: CallSite[] = []

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression)
      if (name !== undefined && callees.has(name)) {
        const described = describeCall(node, name)
        if (described) {
          const { shape, travel } = described
          let matcher = findMatcher(options.matchers, shape)
          // Not a capture by syntax, but maybe a hook's capture function passed on as a parameter or prop.
          if (!matcher && travel && shape.from === undefined && travelCallees.has(shape.callee)) {
            if (options.resolver) {
              const origin = options.resolver.hookOrigin(travel, hooksByCallee.get(shape.callee) ?? [])
              if (origin) matcher = findMatcher(options.matchers, { ...shape, from: origin })
            } else context.needsTypes = true
          }
          if (matcher) sites.push(buildSite(context, node, matcher))
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return { sites, needsTypes: context.needsTypes }
}

interface Context {
  sourceFile: ts.SourceFile
  options: ExtractOptions
  needsTypes: boolean
}

/** The called name, cheaply, to skip every call whose name no matcher uses. */
function calleeName(expression: ts.Expression): string | undefined {
  const callee = skipWrappers(expression)
  if (ts.isIdentifier(callee)) return callee.text
  if (ts.isPropertyAccessExpression(callee)) return ts.isPrivateIdentifier(callee.name) ? `#${callee.name.text.slice(1)}` : callee.name.text
  return undefined
}

interface Receiver {
  object?: string
  from?: string
  /** Expressions whose type may be a hook's return value (parameters and props not typed in syntax). */
  travel?: ts.Expression[]
}

function describeCall(call: ts.CallExpression, name: string): { shape: CallShape; travel?: ts.Expression[] } | undefined {
  const callee = skipWrappers(call.expression)
  const argumentObjectKeys = call.arguments.map((argument) => objectLiteralKeys(argument))
  if (ts.isIdentifier(callee)) {
    const binding = findBinding(callee.text, call)
    const origin = functionOrigin(binding, callee)
    const shape: CallShape = { callee: origin.callee ?? name, argumentObjectKeys }
    if (origin.from !== undefined) shape.from = origin.from
    return origin.travel ? { shape, travel: origin.travel } : { shape }
  }
  if (ts.isPropertyAccessExpression(callee)) {
    const receiver = describeReceiver(skipWrappers(callee.expression), 0)
    const shape: CallShape = { callee: name, argumentObjectKeys }
    if (receiver.object !== undefined) shape.object = receiver.object
    if (receiver.from !== undefined) shape.from = receiver.from
    return receiver.travel ? { shape, travel: [callee, ...receiver.travel] } : { shape }
  }
  return undefined
}

/** Where a called identifier comes from: `const capture = useX()`, `const { capture } = useX()`, a parameter. */
function functionOrigin(binding: Binding | undefined, callee: ts.Identifier): { callee?: string; from?: string; travel?: ts.Expression[] } {
  if (!binding) return {}
  switch (binding.kind) {
    case 'const': {
      const init = binding.initializer && unwrapAwait(skipWrappers(binding.initializer))
      if (init && ts.isCallExpression(init)) {
        const from = calledFunctionName(init)
        return from !== undefined ? { from } : {}
      }
      if (init && (ts.isPropertyAccessExpression(init) || ts.isIdentifier(init))) return { travel: [callee] }
      return {}
    }
    case 'destructured': {
      const init = binding.initializer && unwrapAwait(skipWrappers(binding.initializer))
      if (init && ts.isCallExpression(init)) {
        const from = calledFunctionName(init)
        return from !== undefined ? { callee: binding.propertyName, from } : { callee: binding.propertyName }
      }
      return { callee: binding.propertyName, travel: [callee] }
    }
    case 'parameter': {
      const from = hookOfType(binding.typeNode)
      if (binding.propertyName !== undefined) return from !== undefined ? { callee: binding.propertyName, from } : { callee: binding.propertyName, travel: [callee] }
      return from !== undefined ? { from } : { travel: [callee] }
    }
    default:
      return {}
  }
}

function describeReceiver(receiver: ts.Expression, depth: number): Receiver {
  if (ts.isIdentifier(receiver)) {
    const binding = findBinding(receiver.text, receiver)
    if (!binding || depth > MAX_ALIAS_DEPTH) return { object: receiver.text }
    switch (binding.kind) {
      case 'const': {
        const init = binding.initializer && unwrapAwait(skipWrappers(binding.initializer))
        if (!init) return { object: receiver.text }
        if (ts.isCallExpression(init)) {
          // `const posthog = usePostHog()`; a dynamic `import()` is not a hook.
          const from = init.expression.kind === ts.SyntaxKind.ImportKeyword ? undefined : calledFunctionName(init)
          return from !== undefined ? { object: receiver.text, from } : { object: receiver.text }
        }
        // `const ph = posthog`, `const ph = window.posthog`: an alias names what it aliases.
        if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) return describeReceiver(init, depth + 1)
        return { object: receiver.text }
      }
      case 'destructured': {
        const init = binding.initializer && unwrapAwait(skipWrappers(binding.initializer))
        if (init && ts.isCallExpression(init) && init.expression.kind !== ts.SyntaxKind.ImportKeyword) {
          const from = calledFunctionName(init)
          return from !== undefined ? { object: receiver.text, from } : { object: receiver.text }
        }
        return { object: receiver.text }
      }
      case 'parameter': {
        const from = hookOfType(binding.typeNode)
        return from !== undefined ? { object: receiver.text, from } : { object: receiver.text, travel: [receiver] }
      }
      default:
        return { object: receiver.text }
    }
  }
  if (ts.isPropertyAccessExpression(receiver)) {
    // `window.posthog.capture`, `this.posthog.capture`, `props.tracker.capture`.
    const name = ts.isPrivateIdentifier(receiver.name) ? receiver.name.text : receiver.name.text
    return { object: name, travel: [receiver] }
  }
  if (receiver.kind === ts.SyntaxKind.ThisKeyword) return { object: 'this' }
  if (ts.isCallExpression(receiver)) {
    const from = calledFunctionName(receiver)
    return from !== undefined ? { from } : {}
  }
  return {}
}

function unwrapAwait(expression: ts.Expression): ts.Expression {
  return ts.isAwaitExpression(expression) ? skipWrappers(expression.expression) : expression
}

/** `useX()` → `useX`; `hooks.useX()` → `useX`. */
function calledFunctionName(call: ts.CallExpression): string | undefined {
  const callee = skipWrappers(call.expression)
  if (ts.isIdentifier(callee)) return importedName(callee.text, call)
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name.text
  return undefined
}

/** A hook imported under another name (`import { useTracking as useT }`) is still `useTracking`. */
function importedName(local: string, at: ts.Node): string {
  const binding = findBinding(local, at)
  return binding?.kind === 'import' && binding.importedName !== 'default' && binding.importedName !== '*' ? binding.importedName : local
}

/** `ReturnType<typeof useTracking>` → `useTracking`: a capture function typed from the hook, in syntax. */
function hookOfType(typeNode: ts.TypeNode | undefined): string | undefined {
  if (!typeNode || !ts.isTypeReferenceNode(typeNode)) return undefined
  const typeName = ts.isIdentifier(typeNode.typeName) ? typeNode.typeName.text : typeNode.typeName.right.text
  const argument = typeNode.typeArguments?.[0]
  if (typeName !== 'ReturnType' || !argument || !ts.isTypeQueryNode(argument)) return undefined
  const exprName = argument.exprName
  if (ts.isIdentifier(exprName)) return importedName(exprName.text, typeNode)
  return ts.isQualifiedName(exprName) ? exprName.right.text : undefined
}

function objectLiteralKeys(argument: ts.Expression): readonly string[] | undefined {
  const expression = skipWrappers(argument)
  if (!ts.isObjectLiteralExpression(expression)) return undefined
  const keys: string[] = []
  for (const property of expression.properties) {
    if (ts.isSpreadAssignment(property) || !property.name) continue
    const key = propertyNameText(property.name)
    if (key !== undefined) keys.push(key)
  }
  return keys
}

function buildSite(context: Context, call: ts.CallExpression, matcher: Matcher): CallSite {
  const { sourceFile, options } = context
  const site: CallSite = {
    file: options.file,
    ...position(sourceFile, call),
    callee: call.expression.getText(sourceFile).replace(/\s+/g, ''),
    eventNames: [],
  }
  const args = call.arguments
  const nameArg = matcher.nameArg ?? 0
  let nameExpression: ts.Expression | undefined
  let propsExpression: ts.Expression | undefined
  let distinctIdExpression: ts.Expression | undefined
  if (matcher.objectForm) {
    const object = args[nameArg] && skipWrappers(args[nameArg])
    if (object && ts.isObjectLiteralExpression(object)) {
      nameExpression = memberValue(object, matcher.objectForm.nameKey)
      if (matcher.objectForm.propsKey !== undefined) propsExpression = memberValue(object, matcher.objectForm.propsKey)
      if (matcher.objectForm.distinctIdKey !== undefined) distinctIdExpression = memberValue(object, matcher.objectForm.distinctIdKey)
    }
  } else {
    nameExpression = args[nameArg]
    propsExpression = args[matcher.propsArg ?? nameArg + 1]
    if (matcher.distinctIdArg !== undefined) distinctIdExpression = args[matcher.distinctIdArg]
  }
  if (nameExpression) site.eventNames = eventNameRefs(context, nameExpression)
  if (propsExpression) site.properties = propertiesRef(context, propsExpression)
  if (distinctIdExpression) site.distinctId = distinctIdRef(sourceFile, distinctIdExpression)
  const surface = surfaceOf(call)
  if (surface !== undefined) site.surface = surface
  return site
}

/** The value of `key` in an object literal; for shorthand `{ event }`, the identifier itself. */
function memberValue(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const property = object.properties[i]!
    if (!property.name || propertyNameText(property.name) !== key) continue
    if (ts.isPropertyAssignment(property)) return property.initializer
    if (ts.isShorthandPropertyAssignment(property)) return property.name
    return undefined
  }
  return undefined
}

function position(sourceFile: ts.SourceFile, node: ts.Node): { line: number; column: number } {
  const at = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
  return { line: at.line + 1, column: at.character + 1 }
}

// ---- event names ----------------------------------------------------------------------------------------

/** Every name the expression can take; a conditional or a `??`/`||` fallback gives one ref per branch. */
function eventNameRefs(context: Context, expression: ts.Expression): EventNameRef[] {
  const e = skipWrappers(expression)
  if (ts.isConditionalExpression(e)) return [...eventNameRefs(context, e.whenTrue), ...eventNameRefs(context, e.whenFalse)]
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return [...eventNameRefs(context, e.left), ...eventNameRefs(context, e.right)]
  }
  const text = e.getText(context.sourceFile)
  const at = position(context.sourceFile, e)
  const values = stringValues(context, e, 0)
  if (values) return values.map((value) => ({ value, text, ...at }))
  return [{ text, ...at }]
}

/** The strings an expression can be: literals, local `const`s, `as const` members, templates over those. */
function stringValues(context: Context, expression: ts.Expression, depth: number): string[] | undefined {
  const e = skipWrappers(expression)
  const syntactic = depth > MAX_ALIAS_DEPTH ? undefined : syntacticStringValues(context, e, depth)
  if (syntactic) return syntactic
  const resolver = context.options.resolver
  if (resolver) return resolver.stringValues(e)
  if (couldTypesResolve(e)) context.needsTypes = true
  return undefined
}

function syntacticStringValues(context: Context, e: ts.Expression, depth: number): string[] | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text]
  if (ts.isTemplateExpression(e)) {
    let combos: string[] = [e.head.text]
    for (const span of e.templateSpans) {
      const values = stringValues(context, span.expression, depth + 1)
      if (!values || combos.length * values.length > MAX_TEMPLATE_VALUES) return undefined
      combos = combos.flatMap((prefix) => values.map((value) => prefix + value + span.literal.text))
    }
    return combos
  }
  if (ts.isConditionalExpression(e)) return union(stringValues(context, e.whenTrue, depth + 1), stringValues(context, e.whenFalse, depth + 1))
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return union(stringValues(context, e.left, depth + 1), stringValues(context, e.right, depth + 1))
  }
  if (ts.isIdentifier(e)) {
    const binding = findBinding(e.text, e)
    if (binding?.kind === 'const' && binding.initializer) return syntacticStringValues(context, skipWrappers(binding.initializer), depth + 1)
    const imported = binding?.kind === 'import' ? importedValue(context, binding, e) : undefined
    return imported && syntacticStringValues(context, skipWrappers(imported), depth + 1)
  }
  const member = constMember(context, e, depth)
  if (member) return syntacticStringValues(context, skipWrappers(member), depth + 1)
  return undefined
}

/** The initializer behind an imported name, in the file that exports it (`import { LOGIN } from "./events"`). */
function importedValue(context: Context, binding: Extract<Binding, { kind: 'import' }>, at: ts.Node, name = binding.importedName): ts.Expression | undefined {
  if (binding.typeOnly || name === '*' || !context.options.modules) return undefined
  return context.options.modules.exportedValue(binding.moduleSpecifier, at.getSourceFile().fileName, name)?.expression
}

function union(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  return a && b ? [...new Set([...a, ...b])] : undefined
}

/** `EVENTS.LOGIN` or `EVENTS["LOGIN"]` where `EVENTS` is an `as const` object, here or imported: the member's expression. */
function constMember(context: Context, e: ts.Expression, depth: number): ts.Expression | undefined {
  let key: string | undefined
  let base: ts.Expression
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name)) {
    key = e.name.text
    base = e.expression
  } else if (ts.isElementAccessExpression(e)) {
    const argument = skipWrappers(e.argumentExpression)
    if (!ts.isStringLiteral(argument) && !ts.isNoSubstitutionTemplateLiteral(argument)) return undefined
    key = argument.text
    base = e.expression
  } else return undefined
  base = skipWrappers(base)
  // `import * as Events from "./events"; Events.LOGIN`: a member of a namespace is an export of its module.
  if (ts.isIdentifier(base)) {
    const binding = findBinding(base.text, base)
    if (binding?.kind === 'import' && binding.importedName === '*') return importedValue(context, binding, base, key)
  }
  const object = constObject(context, base, depth + 1)
  return object && memberValue(object, key)
}

function constObject(context: Context, e: ts.Expression, depth: number): ts.ObjectLiteralExpression | undefined {
  if (depth > MAX_ALIAS_DEPTH) return undefined
  let initializer: ts.Expression | undefined
  if (ts.isIdentifier(e)) {
    const binding = findBinding(e.text, e)
    if (binding?.kind === 'const') initializer = binding.initializer
    else if (binding?.kind === 'import') initializer = importedValue(context, binding, e)
  } else {
    const member = constMember(context, e, depth)
    // A nested member of an `as const` object is itself constant: `EVENTS.auth.login`.
    if (member && !(ts.isPropertyAccessExpression(e) && isNamespaceMember(e))) {
      const object = skipWrappers(member)
      return ts.isObjectLiteralExpression(object) ? object : undefined
    }
    initializer = member
  }
  if (!initializer || !isAsConst(initializer)) return undefined
  const object = skipWrappers(initializer)
  return ts.isObjectLiteralExpression(object) ? object : undefined
}

/** `Events.EVENTS` where `Events` is `import * as Events`: an export, whose own `as const` decides. */
function isNamespaceMember(e: ts.PropertyAccessExpression): boolean {
  const base = skipWrappers(e.expression)
  if (!ts.isIdentifier(base)) return false
  const binding = findBinding(base.text, base)
  return binding?.kind === 'import' && binding.importedName === '*'
}

/** Names types might settle: identifiers and members (imports, parameters), calls, templates over them. */
function couldTypesResolve(e: ts.Expression): boolean {
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e) || ts.isTemplateExpression(e)
}

// ---- properties -----------------------------------------------------------------------------------------

function propertiesRef(context: Context, expression: ts.Expression): PropertiesRef {
  const at = position(context.sourceFile, expression)
  const ref: PropertiesRef = { keys: [], open: false, ...at }
  const object = localObject(skipWrappers(expression))
  if (!object) {
    ref.open = true
    return ref
  }
  collectKeys(context, object, [], ref, 0)
  return ref
}

/** An object literal, or a local `const` holding one (`const props = {…}; capture("x", props)`). */
function localObject(e: ts.Expression): ts.ObjectLiteralExpression | undefined {
  if (ts.isObjectLiteralExpression(e)) return e
  if (ts.isIdentifier(e)) {
    const binding = findBinding(e.text, e)
    if (binding?.kind === 'const' && binding.initializer) {
      const init = skipWrappers(binding.initializer)
      if (ts.isObjectLiteralExpression(init)) return init
    }
  }
  return undefined
}

function collectKeys(context: Context, object: ts.ObjectLiteralExpression, parents: string[], ref: PropertiesRef, depth: number): void {
  const { sourceFile } = context
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = depth < MAX_ALIAS_DEPTH ? localObject(skipWrappers(property.expression)) : undefined
      if (spread) collectKeys(context, spread, parents, ref, depth + 1)
      else ref.open = true
      continue
    }
    const name = property.name
    const key = propertyNameText(name)
    if (key === undefined) {
      ref.open = true
      continue
    }
    // A computed key is reported at the expression inside the brackets, where ESLint's key node starts.
    const keyNode = ts.isComputedPropertyName(name) ? skipWrappers(name.expression) : name
    const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined
    const keyRef: InventoryKeyRef = { key, parents, valueKind: 'unknown', ...position(sourceFile, keyNode) }
    if (value) {
      keyRef.valueKind = valueKind(context, value)
      if (context.options.collectValues) {
        const values = literalValues(context, value)
        if (values) keyRef.values = values
      }
    } else if (ts.isMethodDeclaration(property)) keyRef.valueKind = 'object'
    ref.keys.push(keyRef)
    const nested = value && skipWrappers(value)
    if (nested && ts.isObjectLiteralExpression(nested)) collectKeys(context, nested, [...parents, key], ref, depth + 1)
  }
}

function valueKind(context: Context, value: ts.Expression): PropertyValueKind {
  const e = skipWrappers(value)
  switch (e.kind) {
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
    case ts.SyntaxKind.NullKeyword:
      return 'null'
  }
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand)) return 'number'
  return context.options.resolver?.valueKind(e) ?? 'unknown'
}

function literalValues(context: Context, value: ts.Expression): string[] | undefined {
  const e = skipWrappers(value)
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text]
  return context.options.resolver?.stringValues(e)
}

// ---- distinct id ----------------------------------------------------------------------------------------

function distinctIdRef(sourceFile: ts.SourceFile, expression: ts.Expression): DistinctIdRef {
  const e = skipWrappers(expression)
  const ref: DistinctIdRef = { text: expression.getText(sourceFile), ...position(sourceFile, expression) }
  if (ts.isIdentifier(e)) ref.name = e.text
  else if (ts.isPropertyAccessExpression(e)) ref.name = e.name.text
  else if (ts.isElementAccessExpression(e)) {
    const argument = skipWrappers(e.argumentExpression)
    if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) ref.name = argument.text
  } else if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ref.literal = e.text
  return ref
}
