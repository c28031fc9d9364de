/**
 * The keys of a properties argument, at any depth: nested objects (`$set: { … }`), objects in arrays,
 * shorthand keys, computed keys with constant values, spreads of `const` objects. A front-end with types adds
 * what types know of a value syntax cannot tell (`hasEmail: user.hasEmail` is a boolean) and, for drafts,
 * the literal values a key is sent with.
 */
import type { PropertiesRef, PropertyKeyRef, PropertyValueKind } from '../call-site.js'
import type { CallSyntax } from './call-syntax.js'
import type { Constants } from './constants.js'
import { MAX_KEYS, MAX_NESTING, MAX_RESOLVE_DEPTH } from './limits.js'

/** A property key, with the string values it was seen with when asked for (drafts). */
export interface ExtractedKeyRef extends PropertyKeyRef {
  values?: string[]
}

export interface KeyTarget<N> {
  ref: ExtractedKeyRef
  /** Where the finding is shown: the key in the call, or the expression that brought it in (`...base`, `props`). */
  node: N
  /** The object-literal member that declares the key, which a suggestion may rename. */
  member: N
}

export interface PropertyOptions<N> {
  /** Follow constant objects imported from other files (a front-end that indexes modules), as for names. */
  imports?: boolean
  /** The kind of a value by its type, where syntax cannot tell; absent without types. */
  typedKind?: (value: N) => PropertyValueKind
  /** The string values a value can hold (literals, or a union of literal types), for drafts. */
  literalValues?: (value: N) => string[] | undefined
}

/** Where a properties expression is named in the call, and which of its top-level keys are not properties. */
export interface PropertiesAt<N> {
  /** The expression in the call, when `expression` was read out of a constant: keys and the ref are placed there. */
  anchor?: N
  /** Top-level keys left out (`propsFrom: "rest"`: the object form's name and id keys). */
  exclude?: ReadonlySet<string>
  /** A top-level spread passed over: a wrapper's `...props`, which stands for the properties its callers pass. */
  skip?: N
}

export function resolveProperties<N, O extends N>(
  expression: N,
  syntax: CallSyntax<N, O>,
  constants: Constants<N, O>,
  options: PropertyOptions<N> = {},
  at: PropertiesAt<N> = {},
): { ref: PropertiesRef; keys: KeyTarget<N>[] } {
  const s = syntax
  const keys: KeyTarget<N>[] = []
  const { exclude, skip } = at
  const imports = options.imports ?? false
  const ref: PropertiesRef = { keys: [], open: false, ...s.position(at.anchor ?? expression) }
  const node = s.unwrapTypes(expression)
  const object = node === undefined ? undefined : s.kind(node) === 'object' ? s.asObject(node) : constants.constObject(node, imports)
  if (object === undefined) {
    ref.open = true
    return { ref, keys }
  }
  walk(object, [], at.anchor ?? (object === node ? undefined : expression), 0)
  ref.keys = keys.map((key) => key.ref)
  return { ref, keys }

  function walk(object: O, parents: string[], anchor: N | undefined, depth: number): void {
    for (const member of s.members(object)) {
      if (keys.length >= MAX_KEYS) {
        ref.open = true
        return
      }
      const spread = s.spreadArgument(member)
      if (spread !== undefined) {
        if (member === skip) continue
        const source = depth < MAX_RESOLVE_DEPTH ? constants.constObject(spread, imports) : undefined
        if (source) walk(source, parents, anchor ?? spread, depth + 1)
        else ref.open = true
        continue
      }
      const computed = s.computedKey(member)
      const key = s.staticKey(member) ?? (computed !== undefined ? constants.constantString(computed) : undefined)
      if (key === undefined) {
        ref.open = true
        continue
      }
      if (exclude !== undefined && parents.length === 0 && exclude.has(key)) continue
      const at = anchor ?? s.keyNode(member)
      const value = s.memberValue(member)
      const keyRef: ExtractedKeyRef = { key, parents, valueKind: value === undefined ? 'unknown' : valueKind(value), ...s.position(at) }
      const values = value === undefined ? undefined : options.literalValues?.(value)
      if (values) keyRef.values = values
      keys.push({ ref: keyRef, node: at, member })
      const inner = value === undefined ? undefined : s.unwrapTypes(value)
      if (depth >= MAX_NESTING || inner === undefined) continue
      const nestedParents = [...parents, key]
      const kind = s.kind(inner)
      if (kind === 'object') walk(s.asObject(inner), nestedParents, anchor, depth + 1)
      else if (kind === 'identifier' || kind === 'member') {
        const nested = constants.constObject(inner, imports)
        if (nested) walk(nested, nestedParents, anchor ?? value, depth + 1)
      } else {
        for (const element of s.arrayElements(inner) ?? []) {
          const item = s.unwrapTypes(element)
          if (item !== undefined && s.kind(item) === 'object') walk(s.asObject(item), nestedParents, anchor, depth + 1)
        }
      }
    }
  }

  function valueKind(value: N): PropertyValueKind {
    const kind = s.valueKind(value)
    if (kind !== 'unknown' || !options.typedKind) return kind
    const node = s.unwrapTypes(value)
    return node === undefined ? kind : options.typedKind(node)
  }
}
