/**
 * What a wrapper adds to the properties it is given: `app` in
 * `const track = (name, props) => posthog.capture(name, { ...props, app: "web" })`. A call of the wrapper
 * (matched by a user matcher such as `{ callee: "track" }`) then sends its own properties and these, and is
 * checked with both. A wrapper declared in the same file, called by its name, is read; with `importedFunction`
 * (a front-end that indexes modules: the audit), also one imported from another file.
 */
import { constantObjectCallees, declaredInCallees, FUNCTION_HOOKS, findMatcher, isPresetMatcher, type Matcher } from '../matchers.js'
import type { Extractor } from './call-site.js'
import type { Origins } from './origins.js'

/** The properties object a wrapper's capture sends around the parameter it spreads, with the spread to pass over. */
export interface WrapperProperties<N> {
  expression: N
  /** The spread of the wrapper's own properties parameter (`...props`), which the call site's properties stand for. */
  skip: N
  /** Top-level keys that are not properties (an inner `propsFrom: "rest"` object form's name and id keys). */
  exclude?: ReadonlySet<string>
}

export type WrapperPropertiesOf<N> = (call: N, matcher: Matcher) => WrapperProperties<N> | undefined

/** The function `imported` (`"default"` for a default export) exported by module `module`, as the calling file imports it; undefined when not found. */
export type ImportedFunction<N> = (module: string, imported: string) => N | undefined

/** `WrapperProperties` of the wrappers of one file, each wrapper read once. */
export function wrapperPropertiesOf<N, O extends N>(
  origins: Origins<N, O>,
  extractor: Extractor<N, O>,
  matchers: readonly Matcher[],
  importedFunction?: ImportedFunction<N>,
): WrapperPropertiesOf<N> {
  let of: WrapperPropertiesOf<N> | undefined
  // An SDK's own method wraps nothing of the file's, and a callee reached through a receiver (`object`) or a hook's
  // result (`from`) is no function declared here by its name: only a plain user matcher's call asks, and only then
  // is anything set up.
  return (call, matcher) =>
    isPresetMatcher(matcher) ||
    matcher.object !== undefined ||
    matcher.from !== undefined ||
    (matcher.objectForm !== undefined && matcher.objectForm.propsFrom !== 'rest') ||
    (matcher.kind ?? 'capture') !== 'capture'
      ? undefined
      : (of ??= fileWrappers(origins, extractor, matchers, importedFunction))(call, matcher)
}

function fileWrappers<N, O extends N>(
  origins: Origins<N, O>,
  extractor: Extractor<N, O>,
  matchers: readonly Matcher[],
  importedFunction: ImportedFunction<N> | undefined,
): WrapperPropertiesOf<N> {
  const s = origins.syntax
  const callees = new Set(matchers.map((m) => m.callee))
  const constantCallees = constantObjectCallees(matchers)
  const declaredCallees = declaredInCallees(matchers)
  const cache = new Map<N, Map<number, WrapperProperties<N> | null>>()

  /**
   * The function a plain call calls, when this file declares it (`function f`, `const f = () => …`, `useCallback(…)`)
   * or, with `importedFunction`, another file exports it.
   */
  function localFunction(call: N): N | undefined {
    const callee = s.unwrapTypes(s.callee(call))
    if (callee === undefined || s.kind(callee) !== 'identifier') return undefined
    const binding = s.binding(callee)
    if (binding?.kind === 'other') return binding.fn
    if (binding?.kind === 'import') return binding.imported === '*' ? undefined : importedFunction?.(binding.module, binding.imported)
    if (binding?.kind !== 'variable' || binding.path?.length !== 0 || binding.init === undefined) return undefined
    const init = s.unwrapAwaited(binding.init)
    if (init === undefined) return undefined
    if (s.isFunction(init)) return init
    const hook = s.asCall(init)
    const held = hook && FUNCTION_HOOKS.has(origins.calledName(hook.callee) ?? '') ? hook.args[0] : undefined
    return held !== undefined && s.isFunction(held) ? held : undefined
  }

  /** In `fn`, a capture whose properties object spreads `fn`'s parameter `index`. */
  function read(fn: N, index: number): WrapperProperties<N> | undefined {
    for (const inner of s.callsIn(fn)) {
      const name = origins.calledName(s.callee(inner))
      if (name === undefined || !callees.has(name)) continue
      const matcher = findMatcher(matchers, origins.describe(inner, name, constantCallees.has(name), declaredCallees.has(name)).shape)
      if (matcher === undefined || (matcher.kind ?? 'capture') !== 'capture') continue
      const picked = extractor.pickArguments(inner, matcher)
      const expression = picked.properties === undefined ? undefined : s.unwrapTypes(picked.properties)
      if (expression === undefined || s.kind(expression) !== 'object') continue
      for (const member of s.members(s.asObject(expression))) {
        const spread = s.spreadArgument(member)
        const id = spread === undefined ? undefined : s.unwrapTypes(spread)
        if (id === undefined || s.kind(id) !== 'identifier') continue
        const binding = s.binding(id)
        if (binding?.kind !== 'parameter' || binding.fn !== fn || binding.index !== index || binding.path.length > 0 || binding.rest) continue
        const found: WrapperProperties<N> = { expression, skip: member }
        if (picked.restOf !== undefined) found.exclude = new Set(picked.restOf)
        return found
      }
    }
    return undefined
  }

  return (call, matcher) => {
    const fn = localFunction(call)
    if (fn === undefined) return undefined
    // the parameter holding the properties: an object form's whole object (`propsFrom: "rest"`), else `propsArg`
    const index = matcher.objectForm ? (matcher.nameArg ?? 0) : (matcher.propsArg ?? (matcher.nameArg ?? 0) + 1)
    let byIndex = cache.get(fn)
    if (byIndex === undefined) cache.set(fn, (byIndex = new Map()))
    let found = byIndex.get(index)
    if (found === undefined) byIndex.set(index, (found = read(fn, index) ?? null))
    return found ?? undefined
  }
}
