/**
 * Where a called function or its receiver comes from, syntax only, within one file — the ESLint plugin's
 * answer (`packages/eslint-plugin/src/origins.ts`) on TypeScript's AST: aliases (`const ph = posthog`), hook
 * results (`const c = useX()`, `const { capture } = useX()`, `useX().capture`), imports (`import ph from
 * 'posthog-js'`, `await import('posthog-js')`), and parameters or JSX props that the file's own callers fill
 * (`<Child capture={capture} />`). The result is a `CallShape` for core's `findMatcher`.
 *
 * The audit adds one thing syntax can see that the plugin does not look at: a parameter annotated
 * `ReturnType<typeof useX>` is `useX`'s function. What needs types (a prop typed in another file) is asked
 * of the semantic pass, through `travel`.
 */
import { type CallShape, FUNCTION_HOOKS, isForwardedName, MAX_RESOLVE_DEPTH, type Matcher } from '@herald/core'
import { ts } from './typescript.js'
import { type Constants, isExpression } from './constant-syntax.js'
import { type Binding, bindingNode, findBinding } from './syntax-scope.js'
import { calledName, findProperty, isDynamicImport, isMember, keyName, memberName, memberValueNode, unwrap, unwrapTypes } from './syntax.js'

interface Origin {
  /** The receiver's name: the last identifier or member name reached while following aliases. */
  object?: string
  /** The function whose call produced the value. */
  from?: string
  /** The package whose default export or namespace the value is. */
  module?: string
}

type Mode = 'receiver' | 'function'
type FunctionLike = ts.SignatureDeclaration

const NONE: Origin = {}
const hasOrigin = (o: Origin | undefined) => o !== undefined && (o.object !== undefined || o.from !== undefined || o.module !== undefined)

export interface DescribedCall {
  shape: CallShape
  /** Expressions whose type may be a hook's return value: a capture function passed on, for the typed pass. */
  travel?: ts.Expression[]
}

export class Origins {
  private references?: Map<string, ts.Node[]>

  constructor(
    private readonly sourceFile: ts.SourceFile,
    private readonly constants: Constants,
  ) {}

  /** The shape of `call`, whose called name (already known to be a matcher's) is `callee`. */
  describe(call: ts.CallExpression, callee: string): DescribedCall {
    const target = unwrapTypes(call.expression)
    let origin: Origin = NONE
    let travel: ts.Expression[] | undefined
    if (ts.isIdentifier(target)) {
      origin = this.functionBinding(target, 0)
      if (!hasOrigin(origin)) {
        const annotated = this.annotatedHook(target)
        if (annotated !== undefined) origin = { from: annotated }
        else if (isPassedOn(findBinding(target.text, target))) travel = [target]
      }
    } else if (isMember(target)) {
      origin = this.receiver(target.expression, 0)
      if (origin.from === undefined && origin.module === undefined) {
        // `props.capture(…)` in a component rendered as `<Child capture={capture} />`
        const receiver = unwrap(target.expression)
        if (ts.isIdentifier(receiver)) {
          const binding = findBinding(receiver.text, receiver)
          const passed = binding?.kind === 'parameter' ? this.parameter(binding, [callee], 'function', 1) : undefined
          if (passed && (passed.from !== undefined || passed.module !== undefined)) origin = passed
          else if (isPassedOn(binding)) travel = [target, receiver]
        } else if (isMember(receiver)) travel = [target, receiver]
      }
    }
    const shape: CallShape = { callee, argumentObjectKeys: call.arguments.map(objectKeys) }
    if (origin.object !== undefined) shape.object = origin.object
    if (origin.from !== undefined) shape.from = origin.from
    if (origin.module !== undefined) shape.module = origin.module
    return travel ? { shape, travel } : { shape }
  }

  /**
   * The key a plain call's function was destructured from, one level deep, when it is one of `callees`:
   * `capture` for `send(…)` after `const { capture: send } = usePostHog()` or in `function f({ capture: send })`.
   */
  renamedCallee(call: ts.CallExpression, callees: ReadonlySet<string>): string | undefined {
    const target = unwrapTypes(call.expression)
    if (!ts.isIdentifier(target)) return undefined
    const binding = findBinding(target.text, target)
    const path = binding?.kind === 'variable' || binding?.kind === 'parameter' ? binding.path : undefined
    return path?.length === 1 && callees.has(path[0]!) ? path[0] : undefined
  }

  /** What a receiver expression is: `posthog`, `window.posthog`, `ph` (an alias), `useX()`, `(await import('m')).default`. */
  private receiver(expression: ts.Node, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH || !isExpression(expression)) return NONE
    const node = unwrap(expression)
    if (ts.isIdentifier(node)) return this.receiverBinding(node, depth)
    if (isMember(node)) {
      const name = memberName(node)
      if (name === 'default') {
        const inner = this.receiver(node.expression, depth + 1)
        if (inner.module !== undefined) return { module: inner.module }
      }
      return name === undefined ? NONE : { object: name }
    }
    if (ts.isCallExpression(node) && isDynamicImport(node)) {
      const source = node.arguments[0]
      return source && ts.isStringLiteral(source) ? { module: source.text } : NONE
    }
    if (ts.isCallExpression(node)) {
      const from = calledName(node.expression)
      return from === undefined ? NONE : { from }
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) return { object: 'this' }
    return NONE
  }

  private receiverBinding(id: ts.Identifier, depth: number): Origin {
    const named: Origin = { object: id.text }
    const binding = findBinding(id.text, id)
    if (!binding) return named // a global such as `posthog` from a script tag
    switch (binding.kind) {
      case 'import': {
        const isDefault = binding.importedName === 'default' || binding.importedName === '*'
        return isDefault ? { object: id.text, module: binding.moduleSpecifier } : named
      }
      case 'variable': {
        const init = binding.declaration.initializer
        if (!init) return named
        if (binding.path === undefined) {
          const inner = this.receiver(init, depth + 1)
          return { ...inner, object: inner.object ?? id.text }
        }
        const source = this.receiver(init, depth + 1)
        if (binding.path.length === 1 && binding.path[0] === 'default' && source.module !== undefined) return { object: id.text, module: source.module }
        return source.from !== undefined ? { object: id.text, from: source.from } : named
      }
      case 'parameter': {
        const passed = this.parameter(binding, [], 'receiver', depth + 1)
        if (passed) return { ...passed, object: passed.object ?? id.text }
        const annotated = this.annotatedHook(id)
        return annotated !== undefined ? { object: id.text, from: annotated } : named
      }
      default:
        return named
    }
  }

  /** Where the function a plain call calls comes from: `const capture = useX()`, `const { capture } = posthog`. */
  private functionBinding(id: ts.Identifier, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const binding = findBinding(id.text, id)
    if (!binding) return NONE
    if (binding.kind === 'parameter') return this.parameter(binding, [], 'function', depth + 1) ?? NONE
    if (binding.kind !== 'variable') return NONE // an import, a local function, a class: not from a hook
    const init = binding.declaration.initializer
    if (!init) return NONE
    if (binding.path === undefined) return this.functionValue(init, depth + 1)
    if (binding.path.length !== 1) return NONE
    // `const { capture: later } = { capture }`: the function is the literal's member
    const literal = unwrap(init)
    if (ts.isObjectLiteralExpression(literal)) {
      const member = findProperty(literal, binding.path[0]!)
      const value = member && memberValueNode(member)
      return value ? this.functionValue(value, depth + 1) : NONE
    }
    // `const { capture } = useX()`: the function is a member of what the initializer is
    return this.receiver(init, depth + 1)
  }

  /** Where a function value comes from: an alias, `posthog.capture`, `useX()`, `f.bind(x)`. */
  private functionValue(expression: ts.Node, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH || !isExpression(expression)) return NONE
    const node = unwrap(expression)
    if (ts.isIdentifier(node)) return this.functionBinding(node, depth + 1)
    if (isMember(node)) {
      // `useRef(fn).current`: the project's own function
      const inner = unwrap(node.expression)
      if (memberName(node) === 'current' && ts.isCallExpression(inner) && calledName(inner.expression) === 'useRef') return NONE
      return this.receiver(node.expression, depth + 1)
    }
    if (ts.isCallExpression(node) && !isDynamicImport(node)) {
      const callee = unwrapTypes(node.expression)
      if (isMember(callee) && memberName(callee) === 'bind') return this.functionValue(callee.expression, depth + 1)
      const from = calledName(node.expression)
      return from === undefined || FUNCTION_HOOKS.has(from) ? NONE : { from }
    }
    return NONE
  }

  /**
   * Whether a name expression only passes on a parameter of a wrapper that a matcher names (core's
   * `isForwardedName`): `name` in `function capturePostHogEvent(client, name) { posthog.capture(name) }`,
   * `message.event` in `#capture(message) { client.capture({ event: message.event }) }`.
   */
  isForwardedName(expression: ts.Expression, matchers: readonly Matcher[]): boolean {
    let node = unwrapTypes(expression)
    const tail: string[] = []
    if (isMember(node)) {
      const name = memberName(node)
      if (name === undefined) return false
      tail.push(name)
      node = unwrapTypes(node.expression)
    }
    if (!ts.isIdentifier(node)) return false
    const binding = findBinding(node.text, node)
    if (binding?.kind !== 'parameter') return false
    const wrapper = functionName(binding.fn)
    const method = ts.isMethodDeclaration(binding.fn) || (binding.fn.parent !== undefined && ts.isPropertyDeclaration(binding.fn.parent))
    return wrapper !== undefined && isForwardedName(matchers, wrapper, binding.index, [...binding.path, ...tail], method)
  }

  /**
   * What the callers in this file pass for a parameter (or a key under it, for `{ capture }` and `props.capture`):
   * `f(capture)` and `<Child capture={capture} />`. The first caller that tells something wins.
   */
  private parameter(binding: Extract<Binding, { kind: 'parameter' }>, extraPath: string[], mode: Mode, depth: number): Origin | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const { index } = binding
    const fullPath = [...binding.path, ...extraPath]
    const named = functionVariable(binding.fn)
    if (!named) return undefined
    for (const reference of this.referencesTo(named.name, named.declaration)) {
      let value: ts.Node | undefined
      let parent = reference.parent
      while (ts.isParenthesizedExpression(parent)) parent = parent.parent
      if (ts.isCallExpression(parent) && unwrapParens(parent.expression) === reference) {
        const argument = parent.arguments[index]
        if (argument && !ts.isSpreadElement(argument)) value = this.valueAt(argument, fullPath)
      } else if ((ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent)) && parent.tagName === reference && index === 0 && fullPath.length > 0) {
        const attribute = parent.attributes.properties.find(
          (a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && ts.isIdentifier(a.name) && a.name.text === fullPath[0],
        )
        const container = attribute?.initializer
        if (container && ts.isJsxExpression(container) && container.expression) value = this.valueAt(container.expression, fullPath.slice(1))
      }
      if (!value) continue
      const origin = mode === 'function' ? this.functionValue(value, depth + 1) : this.receiver(value, depth + 1)
      if (hasOrigin(origin)) return origin
    }
    return undefined
  }

  /** The expression at `path` inside an object literal (or a constant holding one). */
  private valueAt(expression: ts.Node, path: readonly string[]): ts.Node | undefined {
    let current: ts.Node = expression
    for (const key of path) {
      const object = this.constants.constObject(current)
      const property = object && findProperty(object, key)
      const value = property && memberValueNode(property)
      if (!value) return undefined
      current = value
    }
    return current
  }

  /** The identifiers in this file that call or render `name` and are bound to `declaration`. */
  private referencesTo(name: string, declaration: ts.Node): ts.Node[] {
    this.references ??= indexReferences(this.sourceFile)
    return (this.references.get(name) ?? []).filter((reference) => bindingNode(findBinding(name, reference)) === declaration)
  }

  /** `capture: ReturnType<typeof useTracking>` on the parameter (or the destructured prop) that binds `id`. */
  private annotatedHook(id: ts.Identifier): string | undefined {
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

/** A binding through which a capture function can arrive from elsewhere: a parameter or a prop. */
function isPassedOn(binding: Binding | undefined): boolean {
  return (
    binding?.kind === 'parameter' ||
    (binding?.kind === 'variable' && binding.declaration.initializer !== undefined && !ts.isCallExpression(unwrap(binding.declaration.initializer)))
  )
}

/** Every identifier that is called (`f(…)`) or rendered (`<F …>`), by name: built once per file, on demand. */
function indexReferences(sourceFile: ts.SourceFile): Map<string, ts.Node[]> {
  const index = new Map<string, ts.Node[]>()
  const add = (id: ts.Identifier) => {
    const list = index.get(id.text)
    if (list) list.push(id)
    else index.set(id.text, [id])
  }
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapParens(node.expression)
      if (ts.isIdentifier(callee)) add(callee)
    } else if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName)) add(node.tagName)
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return index
}

function unwrapParens(node: ts.Expression): ts.Expression {
  let current = node
  while (ts.isParenthesizedExpression(current)) current = current.expression
  return current
}

/** The name that refers to a function, and its declaration: `function F`, `const F = () => …`, `const F = memo(() => …)`. */
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

/** The name a function is called by: its declaration, method, property or variable name (`#capture` when private). */
function functionName(fn: FunctionLike): string | undefined {
  const parent = fn.parent
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) return memberKeyName(fn.name)
  if (parent && (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === fn) return memberKeyName(parent.name)
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) && parent.initializer === fn) return parent.name.text
  // `const track = useCallback((name) => …, [])`
  const hook = parent && ts.isCallExpression(parent) ? calledName(parent.expression) : undefined
  if (hook !== undefined && FUNCTION_HOOKS.has(hook) && ts.isVariableDeclaration(parent!.parent) && ts.isIdentifier(parent!.parent.name))
    return parent!.parent.name.text
  if (ts.isConstructorDeclaration(fn)) return 'constructor'
  return (ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name ? fn.name.text : undefined
}

function memberKeyName(name: ts.PropertyName): string | undefined {
  if (ts.isPrivateIdentifier(name)) return name.text
  if (ts.isComputedPropertyName(name)) return undefined
  return keyName(name)
}

function objectKeys(argument: ts.Expression): readonly string[] | undefined {
  const node = unwrapTypes(argument)
  if (!ts.isObjectLiteralExpression(node)) return undefined
  const keys: string[] = []
  for (const member of node.properties) {
    if (ts.isSpreadAssignment(member)) continue
    const key = keyName(member.name)
    if (key !== undefined) keys.push(key)
  }
  return keys
}
