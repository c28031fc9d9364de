/**
 * The neutral shapes shared by the front-ends (ESLint's ESTree, the audit's TypeScript AST) and the checker:
 * a front-end turns a capture call into a `CallSite`; `checkCallSite` turns it into `Finding`s.
 * Positions are 1-based lines and columns, as users see them.
 *
 * How a front-end fills them, so that both give identical findings on the same file:
 * - A value reached through a constant (`const NAME = 'a.b'`, `EVENTS.LOGIN`, a spread `...base`) is placed
 *   where the call names it (the identifier, member or spread inside the call), not at the declaration.
 * - Each branch of `?:`, `??` and `||` is its own `EventNameRef`; `&&` and anything else unresolved is one ref
 *   without a value, at the expression. An unresolved binding imported from another module sets `imported`.
 * - A name that only passes on a parameter of a wrapper a matcher names is left out (`isForwardedName`).
 * - Property keys: nested objects, objects in arrays (parents: the array's key), shorthand, string and numeric
 *   keys, computed keys with constant values; an unknown key or spread sets `open`.
 */
import type { RuleId } from './rules/index.js'

/** One possible value of the event-name argument: a resolved string, or an expression it could not resolve. */
export interface EventNameRef {
  /** The resolved name; undefined when the expression is dynamic. */
  value?: string
  /** The source text of the expression (for messages and the inventory). */
  text: string
  line: number
  column: number
  /**
   * True when the unresolved expression is a binding imported from another module (`EVENTS.LOGIN` with
   * `import { EVENTS } from './events'`): a constant the front-end cannot see, so not a dynamic name.
   */
  imported?: boolean
  /**
   * A dynamic template's fixed text, each hole that is not a constant written `${…}`:
   * `` `Premium subscription ${status}` `` → `Premium subscription ${…}`. Every value it sends holds that text,
   * so a space in it is reported by the naming rule although the name is dynamic.
   */
  pattern?: string
}

export type PropertyValueKind = 'boolean' | 'number' | 'string' | 'object' | 'array' | 'null' | 'unknown'

/** A key written in the properties literal, at any depth. */
export interface PropertyKeyRef {
  key: string
  /** The keys of the enclosing objects, outermost first; `[]` at the top level, `["$set"]` under `$set`. */
  parents: string[]
  /** What the value is, where the front-end knows (a literal, or the type where the audit has types). */
  valueKind: PropertyValueKind
  line: number
  column: number
}

export interface PropertiesRef {
  keys: PropertyKeyRef[]
  /** True when the object can hold keys the front-end could not see (a spread, a variable, a call). */
  open: boolean
  line: number
  column: number
}

export interface DistinctIdRef {
  text: string
  /** The identifier or member name the value comes from (`email` in `user.email`), when there is one. */
  name?: string
  /** The value, when it is a string literal. */
  literal?: string
  line: number
  column: number
}

/** A people call's kind (a matcher's `kind`); a capture's call site has none. */
export type CallSiteKind = 'identify' | 'group' | 'alias'

export interface CallSite {
  file: string
  line: number
  column: number
  /** The called expression as written: `posthog.capture`, `capture`, `this.#capture`. */
  callee: string
  /** Absent for a capture; `identify`, `group` or `alias` for a people call, which has no event names. */
  kind?: CallSiteKind
  /** Every value the event name can take (several for `ok ? "a" : "b"`); empty when absent. */
  eventNames: EventNameRef[]
  /** group: every value the group type can take, read as event names are; empty when the call names none. */
  groupTypes?: EventNameRef[]
  /**
   * The event's properties; identify: the person properties (`$set`, or keys under `$set` and `$set_once`);
   * group: the group's properties.
   */
  properties?: PropertiesRef
  /** identify: the `$set_once` person properties, when the call takes them apart (posthog-js's third argument). */
  setOnce?: PropertiesRef
  distinctId?: DistinctIdRef
  /** alias: the other id. */
  alias?: DistinctIdRef
  /** The enclosing exported function, method, route handler or component (filled by the audit). */
  surface?: string
}

export type { RuleId } from './rules/index.js'
export { RECOMMENDED_SEVERITY, RULE_IDS } from './rules/index.js'

/** The one shape of a problem at a call site; CLI JSON, SARIF and ESLint messages are views of it. */
export interface Finding {
  ruleId: RuleId
  severity: 'error' | 'warning'
  message: string
  file: string
  line: number
  column: number
  event?: string
  suggestions?: string[]
  /** Named values used in the message, for ESLint's `data` and for tools. */
  data?: Record<string, string>
  /** Which of the rule's message templates (`CHECKER_MESSAGES[ruleId]`) `message` renders, with `data`. */
  messageId?: string
}

/** Expression text as messages show it: whitespace runs collapsed, clipped so a minified line stays readable. */
export function displayExpression(text: string, max = 80): string {
  const collapsed = text.length > max * 4 ? text.slice(0, max * 4) : text
  const oneLine = collapsed.replace(/\s+/g, ' ').trim()
  return oneLine.length > max || collapsed.length < text.length ? `${oneLine.slice(0, max - 1)}…` : oneLine
}
