/**
 * Where a called function or its receiver comes from, syntax only, within one file: aliases
 * (`const ph = posthog`), hook results (`const c = useX()`, `const { capture } = useX()`, `useX().capture`),
 * imports (`import ph from 'posthog-js'`, `await import('posthog-js')`), and parameters or JSX props that the
 * file's own callers fill (`<Child capture={capture} />`). The answer is a `CallShape` for `findMatcher`.
 */
import type { Scope, SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import { type CallShape, FUNCTION_HOOKS, isForwardedName, type Matcher } from '@herald/core'
import { MAX_RESOLVE_DEPTH } from '@herald/core'
import type { EstreeConstants as Constants } from './constant-syntax.js'
import { findVariable, soleDefinition } from './scope.js'
import { calledName, findProperty, keyName, memberName, type Node, unwrap, unwrapTypes } from './syntax.js'

interface Origin {
  /** The receiver's name: the last identifier or member name reached while following aliases. */
  object?: string
  /** The function whose call produced the value. */
  from?: string
  /** The package whose default export or namespace the value is. */
  module?: string
}

type Mode = 'receiver' | 'function'

const NONE: Origin = {}

export class Origins {
  constructor(
    private readonly sourceCode: SourceCode,
    private readonly constants: Constants,
  ) {}

  /** The shape of `call`, whose called name (already known to be a matcher's) is `callee`. */
  shapeOf(call: TSESTree.CallExpression, callee: string): CallShape {
    const target = unwrapTypes(call.callee)
    let origin: Origin = NONE
    if (target.type === 'Identifier') origin = this.functionBinding(target, 0)
    else if (target.type === 'MemberExpression') {
      origin = this.receiver(target.object, 0)
      if (origin.from === undefined && origin.module === undefined) {
        // `props.capture(…)` in a component rendered as `<Child capture={capture} />`
        const receiver = unwrap(target.object)
        if (receiver.type === 'Identifier') {
          const def = soleDefinition(findVariable(this.sourceCode, receiver))
          const passed = def?.type === 'Parameter' ? this.parameter(def, [callee], 'function', 1) : undefined
          if (passed && (passed.from !== undefined || passed.module !== undefined)) origin = passed
        }
      }
    }
    const shape: CallShape = { callee, argumentObjectKeys: call.arguments.map(objectKeys) }
    if (origin.object !== undefined) shape.object = origin.object
    if (origin.from !== undefined) shape.from = origin.from
    if (origin.module !== undefined) shape.module = origin.module
    return shape
  }

  /**
   * The key a plain call's function was destructured from, one level deep, when it is one of `callees`:
   * `capture` for `send(…)` after `const { capture: send } = usePostHog()` or in `function f({ capture: send })`.
   */
  renamedCallee(call: TSESTree.CallExpression, callees: ReadonlySet<string>): string | undefined {
    const target = unwrapTypes(call.callee)
    if (target.type !== 'Identifier') return undefined
    const def = soleDefinition(findVariable(this.sourceCode, target))
    const name = def?.name as unknown as TSESTree.Identifier | undefined
    let path: string[] | undefined
    if (def?.type === 'Variable') path = patternPath((def.node as unknown as TSESTree.VariableDeclarator).id, name!)
    else if (def?.type === 'Parameter') path = parameterPosition(def.node as unknown as TSESTree.FunctionLike, name!)?.path
    return path?.length === 1 && callees.has(path[0]!) ? path[0] : undefined
  }

  /** What a receiver expression is: `posthog`, `window.posthog`, `ph` (an alias), `useX()`, `(await import('m')).default`. */
  private receiver(expression: Node, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const node = unwrap(expression)
    switch (node.type) {
      case 'Identifier':
        return this.receiverBinding(node, depth)
      case 'MemberExpression': {
        const name = memberName(node)
        if (name === 'default') {
          const inner = this.receiver(node.object, depth + 1)
          if (inner.module !== undefined) return { module: inner.module }
        }
        return name === undefined ? NONE : { object: name }
      }
      case 'CallExpression': {
        const from = calledName(node.callee)
        return from === undefined ? NONE : { from }
      }
      case 'ImportExpression':
        return node.source.type === 'Literal' && typeof node.source.value === 'string' ? { module: node.source.value } : NONE
      case 'ThisExpression':
        return { object: 'this' }
      default:
        return NONE
    }
  }

  private receiverBinding(id: TSESTree.Identifier, depth: number): Origin {
    const variable = findVariable(this.sourceCode, id)
    const named: Origin = { object: id.name }
    if (!variable) return named // a global such as `posthog` from a script tag
    const def = soleDefinition(variable)
    if (!def) return named
    switch (def.type) {
      case 'ImportBinding':
        return importOrigin(def, id.name)
      case 'Variable': {
        const declarator = def.node as unknown as TSESTree.VariableDeclarator
        if (!declarator.init) return named
        if (declarator.id.type === 'Identifier') {
          const inner = this.receiver(declarator.init, depth + 1)
          return { ...inner, object: inner.object ?? id.name }
        }
        const path = patternPath(declarator.id, def.name as unknown as TSESTree.Identifier)
        const source = this.receiver(declarator.init, depth + 1)
        if (path?.length === 1 && path[0] === 'default' && source.module !== undefined) return { object: id.name, module: source.module }
        return source.from !== undefined ? { object: id.name, from: source.from } : named
      }
      case 'Parameter': {
        const passed = this.parameter(def, [], 'receiver', depth + 1)
        return passed ? { ...passed, object: passed.object ?? id.name } : named
      }
      default:
        return named
    }
  }

  /** Where the function a plain call calls comes from: `const capture = useX()`, `const { capture } = posthog`. */
  private functionBinding(id: TSESTree.Identifier, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const def = soleDefinition(findVariable(this.sourceCode, id))
    if (!def) return NONE
    if (def.type === 'Parameter') return this.parameter(def, [], 'function', depth + 1) ?? NONE
    if (def.type !== 'Variable') return NONE // an import, a local function, a class: not from a hook
    const declarator = def.node as unknown as TSESTree.VariableDeclarator
    if (!declarator.init) return NONE
    if (declarator.id.type === 'Identifier') return this.functionValue(declarator.init, depth + 1)
    const path = patternPath(declarator.id, def.name as unknown as TSESTree.Identifier)
    if (path?.length !== 1) return NONE
    // `const { capture: later } = { capture }`: the function is the literal's member
    const literal = unwrap(declarator.init)
    if (literal.type === 'ObjectExpression') {
      const value = findProperty(literal, path[0]!)?.value
      return value ? this.functionValue(value, depth + 1) : NONE
    }
    // `const { capture } = useX()`: the function is a member of what the initializer is
    return this.receiver(declarator.init, depth + 1)
  }

  /** Where a function value comes from: an alias, `posthog.capture`, `useX()`, `f.bind(x)`. */
  private functionValue(expression: Node, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const node = unwrap(expression)
    switch (node.type) {
      case 'Identifier':
        return this.functionBinding(node, depth + 1)
      case 'MemberExpression': {
        // `useRef(fn).current`: the project's own function
        const inner = unwrap(node.object)
        if (memberName(node) === 'current' && inner.type === 'CallExpression' && calledName(inner.callee) === 'useRef') return NONE
        return this.receiver(node.object, depth + 1)
      }
      case 'CallExpression': {
        const callee = unwrapTypes(node.callee)
        if (callee.type === 'MemberExpression' && memberName(callee) === 'bind') return this.functionValue(callee.object, depth + 1)
        const from = calledName(node.callee)
        return from === undefined || FUNCTION_HOOKS.has(from) ? NONE : { from }
      }
      default:
        return NONE
    }
  }

  /**
   * Whether a name expression only passes on a parameter of a wrapper that a matcher names (core's
   * `isForwardedName`): `name` in `function capturePostHogEvent(client, name) { posthog.capture(name) }`,
   * `message.event` in `#capture(message) { client.capture({ event: message.event }) }`.
   */
  isForwardedName(expression: Node, matchers: readonly Matcher[]): boolean {
    let node = unwrapTypes(expression)
    const tail: string[] = []
    if (node.type === 'MemberExpression') {
      const name = memberName(node)
      if (name === undefined) return false
      tail.push(name)
      node = unwrapTypes(node.object)
    }
    if (node.type !== 'Identifier') return false
    const def = soleDefinition(findVariable(this.sourceCode, node))
    if (def?.type !== 'Parameter') return false
    const fn = def.node as unknown as TSESTree.FunctionLike
    const wrapper = functionName(fn)
    const at = wrapper === undefined ? undefined : parameterPosition(fn, def.name as unknown as TSESTree.Identifier)
    const method = fn.parent?.type === 'MethodDefinition' || fn.parent?.type === 'PropertyDefinition'
    return at !== undefined && isForwardedName(matchers, wrapper!, at.index, [...at.path, ...tail], method)
  }

  /**
   * What the callers in this file pass for a parameter (or a key under it, for `{ capture }` and `props.capture`):
   * `f(capture)` and `<Child capture={capture} />`. The first caller that tells something wins.
   */
  private parameter(def: Scope.Definition, extraPath: string[], mode: Mode, depth: number): Origin | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const fn = def.node as unknown as TSESTree.FunctionLike
    const at = parameterPosition(fn, def.name as unknown as TSESTree.Identifier)
    if (!at) return undefined
    const { index } = at
    const fullPath = [...at.path, ...extraPath]
    const fnVariable = this.functionVariable(fn)
    if (!fnVariable) return undefined
    for (const reference of fnVariable.references) {
      const at = reference.identifier as unknown as TSESTree.Node
      const parent = at.parent
      let value: Node | undefined
      if (parent?.type === 'CallExpression' && parent.callee === at) {
        const argument = parent.arguments[index]
        if (argument && argument.type !== 'SpreadElement') value = this.valueAt(argument, fullPath)
      } else if (parent?.type === 'JSXOpeningElement' && parent.name === at && index === 0 && fullPath.length > 0) {
        const attribute = parent.attributes.find(
          (a): a is TSESTree.JSXAttribute => a.type === 'JSXAttribute' && a.name.type === 'JSXIdentifier' && a.name.name === fullPath[0],
        )
        const container = attribute?.value
        if (container?.type === 'JSXExpressionContainer' && container.expression.type !== 'JSXEmptyExpression') {
          value = this.valueAt(container.expression, fullPath.slice(1))
        }
      }
      if (!value) continue
      const origin = mode === 'function' ? this.functionValue(value, depth + 1) : this.receiver(value, depth + 1)
      if (origin.object !== undefined || origin.from !== undefined || origin.module !== undefined) return origin
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

  /** The expression at `path` inside an object literal (or a constant holding one). */
  private valueAt(expression: Node, path: readonly string[]): Node | undefined {
    let current: Node = expression
    for (const key of path) {
      const object = this.constants.constObject(current)
      const property = object && findProperty(object, key)
      if (!property) return undefined
      current = property.value
    }
    return current
  }
}

function importOrigin(def: Scope.Definition, local: string): Origin {
  const specifier = def.node as unknown as TSESTree.ImportClause
  const declaration = def.parent as unknown as TSESTree.ImportDeclaration
  const isDefault =
    specifier.type === 'ImportDefaultSpecifier' ||
    specifier.type === 'ImportNamespaceSpecifier' ||
    (specifier.type === 'ImportSpecifier' && (specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value) === 'default')
  return isDefault ? { object: local, module: declaration.source.value } : { object: local }
}

/** Which parameter of `fn` binds `name`, and where in it: `{ index: 0, path: ['capture'] }` for `({ capture })`. */
function parameterPosition(fn: TSESTree.FunctionLike, name: TSESTree.Identifier): { index: number; path: string[] } | undefined {
  for (let index = 0; index < fn.params.length; index++) {
    const path = patternPath(fn.params[index]!, name)
    if (path !== undefined) return { index, path }
  }
  return undefined
}

/** The name a function is called by: its declaration, method, property or variable name (`#capture` when private). */
function functionName(fn: TSESTree.FunctionLike): string | undefined {
  const parent = fn.parent
  if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition' || parent?.type === 'Property') {
    if (parent.key.type === 'PrivateIdentifier') return `#${parent.key.name}`
    if (parent.computed) return undefined
    return parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'Literal' ? String(parent.key.value) : undefined
  }
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name
  // `const track = useCallback((name) => …, [])`
  const hook = parent?.type === 'CallExpression' ? calledName(parent.callee) : undefined
  if (hook !== undefined && FUNCTION_HOOKS.has(hook) && parent?.parent?.type === 'VariableDeclarator' && parent.parent.id.type === 'Identifier')
    return parent.parent.id.name
  return fn.id?.name
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

function objectKeys(argument: TSESTree.CallExpressionArgument): readonly string[] | undefined {
  const node = unwrapTypes(argument)
  if (node.type !== 'ObjectExpression') return undefined
  const keys: string[] = []
  for (const property of node.properties) {
    if (property.type !== 'Property') continue
    const key = keyName(property)
    if (key !== undefined) keys.push(key)
  }
  return keys
}
