/**
 * Every value an event-name expression can take: literals, constants, and each branch of `?:`, `??` and `||`.
 * A value reached through a constant is reported where the call names it (the identifier or member in the
 * call), so the finding lands on the call. A front-end with types (the audit's typed pass) goes on where
 * syntax stops: a name typed as a union of literals, a template over one.
 */
import type { EventNameRef } from '../call-site.js'
import type { CallSyntax } from './call-syntax.js'
import type { Constants } from './constants.js'
import { MAX_NAMES, MAX_RESOLVE_DEPTH } from './limits.js'

export interface NameTarget<N> {
  ref: EventNameRef
  /** Where the finding is shown: the expression in the call's arguments. */
  node: N
  /** The string literal the value comes from, which a suggestion may replace. */
  literal?: N
}

export interface NameOptions<N> {
  /** Whether an unresolved name is a parameter a matched wrapper passes on (then it is checked at the wrapper's calls). */
  forwarded: (node: N) => boolean
  /** Follow constants imported from other files (a front-end that indexes modules). */
  imports?: boolean
  /** The strings an expression can hold by its type; absent without types. */
  typedStrings?: (node: N) => string[] | undefined
  /** Called, without types, when a name stays dynamic that types might settle. */
  onOpenQuestion?: () => void
}

export function resolveEventNames<N, O extends N>(
  expression: N,
  syntax: CallSyntax<N, O>,
  constants: Constants<N, O>,
  options: NameOptions<N>,
  /** Where the call names the expression, when it was read out of a constant (an object form's constant object). */
  anchor?: N,
): NameTarget<N>[] {
  const s = syntax
  const imports = options.imports ?? false
  const { typedStrings } = options
  const out: NameTarget<N>[] = []
  collect(expression, anchor, 0)
  return out

  function push(at: N, value: string | undefined, literal?: N, imported = false, pattern?: string): void {
    const ref: EventNameRef = { text: s.text(at), ...s.position(at) }
    if (value !== undefined) ref.value = value
    // an import that could not be followed (a package's constant): not a dynamic name
    if (imported) ref.imported = true
    if (pattern !== undefined) ref.pattern = pattern
    out.push(literal === undefined ? { ref, node: at } : { ref, node: at, literal })
  }

  /** Dynamic to syntax: the types' strings when there are, else a dynamic ref (and a question for types). */
  function unresolved(node: N, at: N, imported = false): void {
    const typed = typedStrings?.(node)
    if (typed) {
      for (const value of typed) if (out.length < MAX_NAMES) push(at, value)
      return
    }
    if (!typedStrings) options.onOpenQuestion?.()
    push(at, undefined, undefined, imported, s.kind(node) === 'template' ? templatePattern(node) : undefined)
  }

  /** `` `${APP}.${name} opened` `` → `web.${…} opened`: the fixed text, constant holes filled. */
  function templatePattern(node: N): string {
    const quasis = s.templateQuasis(node)
    const expressions = s.templateExpressions(node)
    let text = quasis[0] ?? ''
    for (let i = 0; i < expressions.length; i++) text += (constants.constantString(expressions[i]!, imports) ?? '${…}') + (quasis[i + 1] ?? '')
    return text
  }

  /** `anchor` is set once resolution has left the call's own text (through a constant). */
  function collect(expression: N, anchor: N | undefined, depth: number): void {
    if (out.length >= MAX_NAMES) return
    const node = s.unwrapTypes(expression)
    if (node === undefined) return push(anchor ?? expression, undefined)
    const at = anchor ?? node
    const deeper = depth < MAX_RESOLVE_DEPTH
    // `capture(...args)` in `function track(...args)`: checked at the wrapper's calls
    if (s.isSpread(node)) return options.forwarded(node) ? undefined : unresolved(node, at)
    switch (s.kind(node)) {
      case 'string':
        return push(at, s.stringValue(node), node)
      case 'template': {
        if (s.templateExpressions(node).length === 0) return push(at, s.templateQuasis(node)[0], node)
        const value = constants.constantString(node, imports)
        if (value !== undefined) return push(at, value)
        // `${APP}.${name}` in a wrapper that forwards `name`: checked at the wrapper's calls (with its namePrefix)
        if (forwardsOnly(node)) return
        return unresolvedTemplate(node, at)
      }
      case 'identifier': {
        const init = deeper ? constants.constInit(node, imports) : undefined
        if (init !== undefined) return collect(init, at, depth + 1)
        return options.forwarded(node) ? undefined : unresolved(node, at, constants.isImported(node))
      }
      case 'member': {
        const value = deeper ? constants.memberValue(node, imports) : undefined
        if (value !== undefined) return collect(value, at, depth + 1)
        return options.forwarded(node) ? undefined : unresolved(node, at, constants.isImported(node))
      }
    }
    const choices = s.choices(node)
    if (choices) {
      if (!deeper) return push(at, undefined)
      collect(choices[0], anchor, depth + 1)
      return collect(choices[1], anchor, depth + 1)
    }
    if (s.isOpaqueName(node)) return push(at, undefined)
    return unresolved(node, at)
  }

  /** Whether every hole of a template is a constant or a name the wrapper forwards, and one is forwarded. */
  function forwardsOnly(node: N): boolean {
    let forwarded = false
    for (const hole of s.templateExpressions(node)) {
      if (constants.constantString(hole, imports) !== undefined) continue
      const inner = s.unwrapTypes(hole)
      if (inner === undefined || !(s.kind(inner) === 'identifier' || s.kind(inner) === 'member') || !options.forwarded(inner)) return false
      forwarded = true
    }
    return forwarded
  }

  /** `` `auth.${action}` `` with `action: "login" | "logout"`: every combination, when types tell each part. */
  function unresolvedTemplate(node: N, at: N): void {
    if (!typedStrings) return unresolved(node, at)
    const quasis = s.templateQuasis(node)
    const expressions = s.templateExpressions(node)
    let combos = [quasis[0] ?? '']
    for (let i = 0; i < expressions.length; i++) {
      const part = constants.constantString(expressions[i]!, imports)
      const values = part !== undefined ? [part] : typedStrings(expressions[i]!)
      if (!values || combos.length * values.length > MAX_NAMES) return unresolved(node, at)
      const tail = quasis[i + 1] ?? ''
      combos = combos.flatMap((prefix) => values.map((value) => prefix + value + tail))
    }
    for (const value of combos) if (out.length < MAX_NAMES) push(at, value)
  }
}
