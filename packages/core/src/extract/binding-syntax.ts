/**
 * What the extractor asks to tell where a called function or its receiver comes from: what a name is bound to,
 * where a function is named and used. Each front-end answers from its own scopes (ESLint's scope manager, the
 * audit's syntax-only lookup); what follows from the answers (`origins.ts`) is decided here, once.
 */
import type { CallSyntax } from './call-syntax.js'

/** What an identifier is bound to in its file. */
export type Binding<N> =
  /**
   * `const`/`let`/`var`, with its initializer; `path` is where the name sits in the declaration: `[]` for
   * `x = …`, `["capture"]` for `{ capture } = …`, `["0"]` for `[track] = …`, undefined under a rest or computed key.
   */
  | { kind: 'variable'; init: N | undefined; path: readonly string[] | undefined }
  /**
   * The `index`-th parameter of `fn`, at `path` inside its pattern (`[]` for the parameter itself); `rest` for
   * `...args`, which holds the arguments from `index` on.
   */
  | { kind: 'parameter'; fn: N; index: number; path: readonly string[]; rest?: boolean }
  /** `import x from "m"` (`imported: "default"`), `import * as x` (`"*"`), `import { a as x }` (`"a"`). */
  | { kind: 'import'; module: string; imported: string }
  /** A function, class or enum declaration, a catch variable: nothing the extractor follows; `fn` for a function declaration. */
  | { kind: 'other'; fn?: N }

/** A place in the file that calls a function (its arguments) or renders it as a JSX element (its attributes). */
export type FunctionUse<N> = { kind: 'call'; args: readonly N[] } | { kind: 'element'; attribute: (name: string) => N | undefined }

/** How a function is named where it is declared. */
export interface FunctionNaming<N> {
  /** Its method, property or variable name (`#x` when private), else its own name; undefined when anonymous. */
  name?: string
  /** Whether it is a method (or a class property holding it), called as `this.x(…)`. */
  method: boolean
  /**
   * `const variable = wrap(fn)`: the callee of the call `fn` is passed to, and the variable it initializes; with
   * `factory`, `fn` is what the function passed returns (`const variable = useMemo(() => fn, [])`).
   */
  wrapper?: { callee: N; variable: string; factory?: boolean }
  /** For a method or property of `const holder = { … }`: the variable holding the object literal. */
  holder?: string
}

export interface BindingSyntax<N, O extends N = N> extends CallSyntax<N, O> {
  /** What an identifier is bound to; undefined for a global (`posthog` from a script tag) or a name defined twice. */
  binding(id: N): Binding<N> | undefined
  /** Like `unwrapValue`, and also through `await` and `f<T>`: what a receiver is once awaited; undefined when not an expression. */
  unwrapAwaited(node: N): N | undefined
  /** The module of `import("m")`; undefined for any other node. */
  importSource(node: N): string | undefined
  /** Whether the node is `this`. */
  isThis(node: N): boolean
  /** The calls and JSX elements of this file that call or render the function `fn` by the name it is declared with. */
  uses(fn: N): readonly FunctionUse<N>[]
  functionNaming(fn: N): FunctionNaming<N>
  /** The nearest function (declaration, expression, arrow, method) that contains `node`, not `node` itself. */
  enclosingFunction(node: N): N | undefined
  /** Whether the node is a function (declaration, expression, arrow). */
  isFunction(node: N): boolean
  /** The calls inside a function's body, nested functions' included. */
  callsIn(fn: N): readonly N[]
  /** The hook a parameter's type annotation names (`capture: ReturnType<typeof useX>`), for a front-end that reads types in syntax. */
  annotatedHook?(id: N): string | undefined
}
