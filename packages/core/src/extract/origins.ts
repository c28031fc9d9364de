/**
 * Where a called function or its receiver comes from, syntax only, within one file: aliases
 * (`const ph = posthog`), hook results (`const c = useX()`, `const { capture } = useX()`, `useX().capture`),
 * imports (`import ph from 'posthog-js'`, `await import('posthog-js')`), and parameters or JSX props that the
 * file's own callers fill (`<Child capture={capture} />`). The answer is a `CallShape` for `findMatcher`.
 * Written once over `BindingSyntax`; each front-end answers what a name is bound to.
 */
import { type CallShape, type DeclaredAt, FUNCTION_HOOKS, isForwardedName, type Matcher, type WrapperScope } from '../matchers.js'
import type { Binding, BindingSyntax } from './binding-syntax.js'
import type { Constants } from './constants.js'
import { MAX_RESOLVE_DEPTH } from './limits.js'

interface Origin {
  /** The receiver's name: the last identifier or member name reached while following aliases. */
  object?: string
  /** The function whose call produced the value. */
  from?: string
  /** The package whose default export or namespace the value is. */
  module?: string
}

type Mode = 'receiver' | 'function'
type ParameterBinding<N> = Extract<Binding<N>, { kind: 'parameter' }>

const NONE: Origin = {}
const hasOrigin = (o: Origin | undefined) => o !== undefined && (o.object !== undefined || o.from !== undefined || o.module !== undefined)

export interface DescribedCall<N> {
  shape: CallShape
  /**
   * Expressions whose type may be a hook's return value, when syntax found no origin: a capture function
   * passed on as a parameter or prop, for a front-end with types (the audit's typed pass) to settle.
   */
  passedOn?: N[]
}

export class Origins<N, O extends N = N> {
  constructor(
    readonly syntax: BindingSyntax<N, O>,
    private readonly constants: Constants<N, O>,
    /** Whether constants imported from other files are followed (the audit), as the extractor's `imports`. */
    private readonly imports = false,
  ) {}

  /**
   * Where a module a declaration comes from is, as `declaredIn` names it: `undefined` for this file, else the
   * import's specifier. Set by the front-end (it knows the file, the settings' folder and how to resolve imports);
   * without it, matchers with `declaredIn` match nothing.
   */
  declaredAt?: (specifier: string | undefined) => DeclaredAt | undefined

  /**
   * The matchers, for `describe` to tell that an object literal argument spreading a matched wrapper's parameter
   * (`{ ...event, extra }` in `function trackMiddleware(event)`) holds the name key that parameter forwards. Set by
   * the front-end; without it such an object has only its written keys.
   */
  forwardingMatchers?: readonly Matcher[]

  /**
   * The shape of `call`, whose called name (already known to be a matcher's) is `callee`. With `constantArguments`
   * (a matcher of that callee reads a constant object: `constantObjectCallees`), what non-literal arguments hold too;
   * with `declaration` (a matcher of it has `declaredIn`: `declaredInCallees`), where its function is declared.
   */
  describe(call: N, callee: string, constantArguments = false, declaration = false): DescribedCall<N> {
    const s = this.syntax
    const target = s.unwrapTypes(s.callee(call))
    let origin: Origin = NONE
    let passedOn: N[] | undefined
    const kind = target === undefined ? 'other' : s.kind(target)
    if (kind === 'identifier') {
      origin = this.functionBinding(target!, 0)
      if (!hasOrigin(origin)) {
        const annotated = s.annotatedHook?.(target!)
        if (annotated !== undefined) origin = { from: annotated }
        else if (this.isPassedOn(s.binding(target!))) passedOn = [target!]
      }
    } else if (kind === 'member') {
      const object = s.memberObject(target!)
      origin = this.receiver(object, 0)
      if (origin.from === undefined && origin.module === undefined) {
        // `props.capture(…)` in a component rendered as `<Child capture={capture} />`
        const receiver = s.unwrapAwaited(object)
        const receiverKind = receiver === undefined ? 'other' : s.kind(receiver)
        if (receiverKind === 'identifier') {
          const binding = s.binding(receiver!)
          const passed = binding?.kind === 'parameter' ? this.parameter(binding, [callee], 'function', 1) : undefined
          if (passed && (passed.from !== undefined || passed.module !== undefined)) origin = passed
          else if (this.isPassedOn(binding)) passedOn = [target!, receiver!]
        } else if (receiverKind === 'member') passedOn = [target!, receiver!]
      }
    }
    const args = s.callArguments(call)
    const shape: CallShape = { callee, argumentObjectKeys: args.map((argument) => this.objectKeys(argument, callee)) }
    // only a call a matcher reads as an object form or by a namePath asks what a non-literal argument holds
    if (constantArguments && args.some((argument, i) => shape.argumentObjectKeys[i] === undefined && !s.isSpread(argument))) {
      shape.argumentConstantKeys = args.map((argument, i) => (shape.argumentObjectKeys[i] === undefined ? this.constantKeys(argument) : undefined))
    }
    if (declaration && target !== undefined && this.declaredAt) {
      const declared = this.declaration(target, 0)
      const at = declared && this.declaredAt(declared.module)
      if (at !== undefined) shape.declaredIn = at
    }
    if (origin.object !== undefined) shape.object = origin.object
    if (origin.from !== undefined) shape.from = origin.from
    if (origin.module !== undefined) shape.module = origin.module
    return passedOn ? { shape, passedOn } : { shape }
  }

  /**
   * The key a plain call's function was destructured from, one level deep, when it is one of `callees`:
   * `capture` for `send(…)` after `const { capture: send } = usePostHog()` or in `function f({ capture: send })`.
   */
  renamedCallee(call: N, callees: ReadonlySet<string>): string | undefined {
    const s = this.syntax
    const target = s.unwrapTypes(s.callee(call))
    if (target === undefined || s.kind(target) !== 'identifier') return undefined
    const binding = s.binding(target)
    const path = binding?.kind === 'variable' || binding?.kind === 'parameter' ? binding.path : undefined
    return path?.length === 1 && callees.has(path[0]!) ? path[0] : undefined
  }

  /**
   * Whether a name expression only passes on a parameter of a wrapper that a matcher names (core's
   * `isForwardedName`): `name` in `function capturePostHogEvent(client, name) { posthog.capture(name) }`,
   * `message.event` in `#capture(message) { client.capture({ event: message.event }) }`.
   */
  isForwardedName(expression: N, matchers: readonly Matcher[], under: readonly string[] = []): boolean {
    const s = this.syntax
    let node = s.unwrapTypes(expression)
    /** `under`: the name is at this path inside `expression` (a key of an object spread into the call's). */
    let tail: readonly string[] = under
    // `posthog.capture(...args)`: the name is the first element of what is spread
    const spread = node === undefined || !s.isSpread(node) ? undefined : s.spreadArgument(node)
    if (spread !== undefined) {
      node = s.unwrapTypes(spread)
      tail = ['0']
    }
    for (let depth = 0; node !== undefined && depth <= MAX_RESOLVE_DEPTH; depth++) {
      const kind = s.kind(node)
      if (kind === 'member') {
        const name = s.memberName(node)
        if (name === undefined) return false
        tail = [name, ...tail]
        node = s.unwrapTypes(s.memberObject(node))
        continue
      }
      if (kind !== 'identifier') return false
      const binding = s.binding(node)
      // `const { name } = event` or `const n = name` in the wrapper's body: the value it was given, under a path
      if (binding?.kind === 'variable' && binding.init !== undefined && binding.path !== undefined) {
        tail = [...binding.path, ...tail]
        node = s.unwrapTypes(binding.init)
        continue
      }
      if (binding?.kind !== 'parameter') return false
      const { fn } = binding
      let index = binding.index
      // `...args`: `args[i]` is the wrapper's argument `index + i`
      if (binding.rest) {
        const element = tail.length > 0 ? Number(tail[0]) : Number.NaN
        if (!Number.isInteger(element)) return false
        index += element
        tail = tail.slice(1)
      }
      const naming = s.functionNaming(fn)
      // `const ref = useRef((name) => …)`, called as `ref.current(name)`: the callee `current`, from `useRef`
      const fromRef = naming.wrapper !== undefined && !naming.wrapper.factory && this.calledName(naming.wrapper.callee) === 'useRef'
      const wrapper = fromRef ? 'current' : this.functionName(fn)
      if (wrapper === undefined) return false
      const scope: WrapperScope = { enclosing: () => (fromRef ? ['useRef', ...this.enclosingNames(fn)] : this.enclosingNames(fn)) }
      if (naming.holder !== undefined) scope.holder = naming.holder
      const file = this.declaredAt?.(undefined)
      if (file !== undefined) scope.file = file
      return isForwardedName(matchers, wrapper, index, [...binding.path, ...tail], naming.method, scope)
    }
    return false
  }

  /**
   * Where the function a callee denotes is declared: `{}` for this file (a local function, an object literal, a
   * class's `this`), `{ module }` for an import (also of the hook or the receiver it comes from); undefined when
   * syntax cannot tell (a parameter, a global).
   */
  private declaration(expression: N, depth: number): { module?: string } | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const s = this.syntax
    const node = s.unwrapAwaited(expression)
    if (node === undefined) return undefined
    switch (s.kind(node)) {
      case 'identifier': {
        const binding = s.binding(node)
        switch (binding?.kind) {
          case 'import':
            return { module: binding.module }
          case 'variable':
            return binding.init === undefined ? {} : this.declaration(binding.init, depth + 1)
          case 'other':
            return {}
          default:
            return undefined
        }
      }
      case 'member':
        return this.declaration(s.memberObject(node), depth + 1)
    }
    const module = s.importSource(node)
    if (module !== undefined) return { module }
    const call = s.asCall(node)
    if (call) {
      // `useCallback((name) => …)`: the project's own function, here
      const hook = this.calledName(call.callee)
      return hook !== undefined && FUNCTION_HOOKS.has(hook) ? {} : this.declaration(call.callee, depth + 1)
    }
    return {}
  }

  /**
   * Whether a value handed to another function or component (`exportAsJson({ capture })`, `<Child capture={capture} />`)
   * is a capture function or client from one of `hooks` or `modules`: what a callee in another file may call, which
   * a front-end with types follows there.
   */
  carriesCapture(value: N, hooks: ReadonlySet<string>, modules: ReadonlySet<string>): boolean {
    const fits = (origin: Origin) => (origin.from !== undefined && hooks.has(origin.from)) || (origin.module !== undefined && modules.has(origin.module))
    return fits(this.functionValue(value, 0)) || fits(this.receiver(value, 0))
  }

  /** The names of the functions `fn` is declared in, innermost first. */
  private enclosingNames(fn: N): string[] {
    const names: string[] = []
    for (let outer = this.syntax.enclosingFunction(fn); outer !== undefined; outer = this.syntax.enclosingFunction(outer)) {
      const name = this.functionName(outer)
      if (name !== undefined) names.push(name)
    }
    return names
  }

  /**
   * The name a function is called by; a hook's result is named by its variable: the function given to
   * `useCallback` or `useRef` (`const track = useCallback((name) => …, [])`), the one `useMemo`'s factory returns
   * (`const track = useMemo(() => (name) => …, [])`).
   */
  functionName(fn: N): string | undefined {
    const naming = this.syntax.functionNaming(fn)
    const hook = naming.wrapper && this.calledName(naming.wrapper.callee)
    if (hook === undefined || !FUNCTION_HOOKS.has(hook) || (hook === 'useMemo') !== (naming.wrapper!.factory === true)) return naming.name
    return naming.wrapper!.variable
  }

  /** The name a call is made by: `capture` for `capture()`, `posthog.capture()` and `(x as Y).capture()`. */
  calledName(callee: N): string | undefined {
    const s = this.syntax
    const node = s.unwrapTypes(callee)
    if (node === undefined) return undefined
    const kind = s.kind(node)
    if (kind === 'identifier') return s.identifierName(node)
    return kind === 'member' ? s.memberName(node) : undefined
  }

  /** What a receiver expression is: `posthog`, `window.posthog`, `ph` (an alias), `useX()`, `(await import('m')).default`. */
  private receiver(expression: N, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const s = this.syntax
    const node = s.unwrapAwaited(expression)
    if (node === undefined) return NONE
    switch (s.kind(node)) {
      case 'identifier':
        return this.receiverBinding(node, depth)
      case 'member': {
        const name = s.memberName(node)
        if (name === 'default') {
          const inner = this.receiver(s.memberObject(node), depth + 1)
          if (inner.module !== undefined) return { module: inner.module }
        }
        return name === undefined ? NONE : { object: name }
      }
    }
    const module = s.importSource(node)
    if (module !== undefined) return { module }
    const call = s.asCall(node)
    if (call) {
      const from = this.calledName(call.callee)
      return from === undefined ? NONE : { from }
    }
    return s.isThis(node) ? { object: 'this' } : NONE
  }

  private receiverBinding(id: N, depth: number): Origin {
    const s = this.syntax
    const name = s.identifierName(id)
    const named: Origin = { object: name }
    const binding = s.binding(id)
    switch (binding?.kind) {
      case 'import': {
        const isDefault = binding.imported === 'default' || binding.imported === '*'
        return isDefault ? { object: name, module: binding.module } : named
      }
      case 'variable': {
        if (binding.init === undefined) return named
        const source = this.receiver(binding.init, depth + 1)
        if (binding.path?.length === 0) return { ...source, object: source.object ?? name }
        if (binding.path?.length === 1 && binding.path[0] === 'default' && source.module !== undefined) return { object: name, module: source.module }
        return source.from !== undefined ? { object: name, from: source.from } : named
      }
      case 'parameter': {
        const passed = this.parameter(binding, [], 'receiver', depth + 1)
        if (passed) return { ...passed, object: passed.object ?? name }
        const annotated = s.annotatedHook?.(id)
        return annotated !== undefined ? { object: name, from: annotated } : named
      }
      default:
        // a global such as `posthog` from a script tag, or a declaration nothing follows
        return named
    }
  }

  /** Where the function a plain call calls comes from: `const capture = useX()`, `const { capture } = posthog`. */
  private functionBinding(id: N, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const s = this.syntax
    const binding = s.binding(id)
    if (binding?.kind === 'parameter') return this.parameter(binding, [], 'function', depth + 1) ?? NONE
    // an import, a local function, a class: not from a hook
    if (binding?.kind !== 'variable' || binding.init === undefined) return NONE
    const { init, path } = binding
    if (path?.length === 0) return this.functionValue(init, depth + 1)
    if (path?.length !== 1) return NONE
    // `const { capture: later } = { capture }`: the function is the literal's member
    const literal = s.unwrapAwaited(init)
    if (literal !== undefined && s.kind(literal) === 'object') {
      const value = s.propertyValue(s.asObject(literal), path[0]!)
      return value === undefined ? NONE : this.functionValue(value, depth + 1)
    }
    // `const { capture } = useX()`: the function is a member of what the initializer is
    return this.receiver(init, depth + 1)
  }

  /** Where a function value comes from: an alias, `posthog.capture`, `useX()`, `f.bind(x)`. */
  private functionValue(expression: N, depth: number): Origin {
    if (depth > MAX_RESOLVE_DEPTH) return NONE
    const s = this.syntax
    const node = s.unwrapAwaited(expression)
    if (node === undefined) return NONE
    switch (s.kind(node)) {
      case 'identifier':
        return this.functionBinding(node, depth + 1)
      case 'member': {
        // `useRef(fn).current`: the project's own function
        const object = s.memberObject(node)
        const inner = s.unwrapAwaited(object)
        const held = inner === undefined ? undefined : s.asCall(inner)
        if (s.memberName(node) === 'current' && held && this.calledName(held.callee) === 'useRef') return NONE
        return this.receiver(object, depth + 1)
      }
    }
    if (s.importSource(node) !== undefined) return NONE
    const call = s.asCall(node)
    if (!call) return NONE
    const callee = s.unwrapTypes(call.callee)
    if (callee !== undefined && s.kind(callee) === 'member' && s.memberName(callee) === 'bind') return this.functionValue(s.memberObject(callee), depth + 1)
    const from = this.calledName(call.callee)
    return from === undefined || FUNCTION_HOOKS.has(from) ? NONE : { from }
  }

  /**
   * What the callers in this file pass for a parameter (or a key under it, for `{ capture }` and `props.capture`):
   * `f(capture)` and `<Child capture={capture} />`. The first caller that tells something wins.
   */
  private parameter(binding: ParameterBinding<N>, extraPath: readonly string[], mode: Mode, depth: number): Origin | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const s = this.syntax
    const { index } = binding
    const fullPath = [...binding.path, ...extraPath]
    for (const use of s.uses(binding.fn)) {
      let value: N | undefined
      if (use.kind === 'call') {
        const argument = use.args[index]
        if (argument !== undefined && !s.isSpread(argument)) value = this.valueAt(argument, fullPath)
      } else if (index === 0 && fullPath.length > 0) {
        const attribute = use.attribute(fullPath[0]!)
        if (attribute !== undefined) value = this.valueAt(attribute, fullPath.slice(1))
      }
      if (value === undefined) continue
      const origin = mode === 'function' ? this.functionValue(value, depth + 1) : this.receiver(value, depth + 1)
      if (hasOrigin(origin)) return origin
    }
    return undefined
  }

  /** The expression at `path` inside an object literal (or a constant holding one). */
  private valueAt(expression: N, path: readonly string[]): N | undefined {
    let current: N = expression
    for (const key of path) {
      const object = this.constants.constObject(current)
      const value = object && this.syntax.propertyValue(object, key)
      if (value === undefined) return undefined
      current = value
    }
    return current
  }

  /** A binding through which a capture function can arrive from elsewhere: a parameter or a prop. */
  private isPassedOn(binding: Binding<N> | undefined): boolean {
    if (binding?.kind === 'parameter') return true
    if (binding?.kind !== 'variable' || binding.init === undefined) return false
    const init = this.syntax.unwrapAwaited(binding.init)
    return init === undefined || this.syntax.asCall(init) === undefined
  }

  /**
   * The keys of an object-literal argument (with those spread in from constant objects, and the name key an object
   * form of `callee` reads from a spread a matched wrapper forwards), or undefined when the argument is not one.
   */
  private objectKeys(argument: N, callee: string): readonly string[] | undefined {
    const s = this.syntax
    const node = s.unwrapTypes(argument)
    if (node === undefined || s.kind(node) !== 'object') return undefined
    const keys: string[] = []
    this.keysOf(s.asObject(node), keys, 0, callee)
    return keys
  }

  /** The name keys of `callee`'s object forms that a spread of a matched wrapper's parameter holds, forwarded: `name` for `{ ...event }`. */
  private forwardedKeys(spread: N, callee: string): string[] {
    const matchers = this.forwardingMatchers
    if (matchers === undefined) return []
    const keys: string[] = []
    for (const matcher of matchers) {
      const key = matcher.callee === callee ? matcher.objectForm?.nameKey : undefined
      if (key !== undefined && !keys.includes(key) && this.isForwardedName(spread, matchers, [key])) keys.push(key)
    }
    return keys
  }

  /** The keys of the constant object a non-literal argument denotes (`Events.Upgrade`, a local `const payload`). */
  private constantKeys(argument: N): readonly string[] | undefined {
    const object = this.constants.constObject(argument, this.imports)
    if (object === undefined) return undefined
    const keys: string[] = []
    this.keysOf(object, keys, 0)
    return keys
  }

  private keysOf(object: O, keys: string[], depth: number, callee?: string): void {
    const s = this.syntax
    for (const member of s.members(object)) {
      const spread = s.spreadArgument(member)
      if (spread !== undefined) {
        const source = depth < MAX_RESOLVE_DEPTH ? this.constants.constObject(spread, this.imports) : undefined
        if (source !== undefined) this.keysOf(source, keys, depth + 1)
        else if (callee !== undefined) keys.push(...this.forwardedKeys(spread, callee))
        continue
      }
      const key = s.staticKey(member)
      if (key !== undefined) keys.push(key)
    }
  }
}
