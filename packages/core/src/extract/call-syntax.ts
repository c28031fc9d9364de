/**
 * What the extractor asks about a capture call beyond constants: names, properties, arguments and positions.
 * Each front-end answers it once over its own tree; which arguments a matcher picks, what a name resolves to
 * and which keys a properties object holds are decided in core (`call-site.ts`, `event-names.ts`,
 * `properties.ts`).
 */
import type { PropertyValueKind } from '../call-site.js'
import type { ConstantSyntax } from './constant-syntax.js'

export interface CallSyntax<N, O extends N = N> extends ConstantSyntax<N, O> {
  /** 1-based line and column where a node starts (outside any parentheses, as ESTree has none). */
  position(node: N): { line: number; column: number }
  /** A node's source text (without surrounding parentheses). */
  text(node: N): string
  /** The called expression of a call. */
  callee(call: N): N
  callArguments(call: N): readonly N[]
  /** Whether an argument or array element is `...x`. */
  isSpread(node: N): boolean
  /** The two sides a name may take: `a ? x : y` → `[x, y]`, `x ?? y` and `x || y` → `[x, y]`. */
  choices(node: N): readonly [N, N] | undefined
  /** A name that is dynamic whatever the types say: `a && b`, a literal that is not a string (`1`, `null`, `/x/`). */
  isOpaqueName(node: N): boolean
  /** The name of a node of kind `identifier`. */
  identifierName(node: N): string
  /** Like `unwrapTypes`, and also through optional chains: what a value denotes (`a?.b.trim()`). */
  unwrapValue(node: N): N
  /** A call's callee and arguments, when the node is a call; undefined otherwise. */
  asCall(node: N): { callee: N; args: readonly N[] } | undefined
  /** An object literal's members (properties and spreads), in order. */
  members(object: O): readonly N[]
  /** The spread argument of `...x` in an object literal or among a call's arguments; undefined for anything else. */
  spreadArgument(member: N): N | undefined
  /** A property's static key (`a`, `"a"`, `1`, `["a"]`); undefined when computed from a non-literal. */
  staticKey(member: N): string | undefined
  /** The key expression of a computed property (`[KEY]`); undefined when the key is not computed. */
  computedKey(member: N): N | undefined
  /** Where findings about a property's key point: the key itself (inside the brackets when computed). */
  keyNode(member: N): N
  /** A property's value (the initializer, the shorthand name, the method). */
  memberValue(member: N): N | undefined
  /** An array literal's elements without holes; undefined when the node is not an array literal. */
  arrayElements(node: N): readonly N[] | undefined
  /** What a value is, from its syntax alone: literals and operators whose result type is certain. */
  valueKind(node: N): PropertyValueKind
}
