/**
 * A matched capture call → the checker's neutral `CallSite`, with the nodes findings point at. Which arguments
 * hold the name, the properties and the distinct id is the matcher's meaning (`nameArg`, `propsArg`,
 * `distinctIdArg`, `objectForm`), decided here once for every front-end.
 */
import type { CallSite, CallSiteKind, DistinctIdRef, PropertiesRef } from '../call-site.js'
import type { Matcher } from '../matchers.js'
import type { CallSyntax } from './call-syntax.js'
import { Constants } from './constants.js'
import { type NameOptions, type NameTarget, resolveEventNames } from './event-names.js'
import { SAME_VALUE_METHODS } from './limits.js'
import { type KeyTarget, type PropertyOptions, resolveProperties } from './properties.js'

export interface PickedArguments<N> {
  /** The event name; for a group call, the group type. */
  name?: N
  properties?: N
  distinctId?: N
  /** identify: the `$set_once` person properties. */
  setOnce?: N
  /** alias: the other id. */
  alias?: N
}

export interface BuiltCallSite<N> {
  site: CallSite
  names: NameTarget<N>[]
  /** group: the group types (`site.groupTypes`) and where they are written. */
  groupTypes: NameTarget<N>[]
  /** Property keys, the `$set_once` ones of `site.setOnce` included. */
  keys: KeyTarget<N>[]
  /** The distinct-id expression, where a finding about it points. */
  distinctId?: N
  /** alias: the other id's expression. */
  alias?: N
}

export type ExtractOptions<N> = NameOptions<N> & PropertyOptions<N>

/** The extractor over one front-end's syntax: constants, names, properties and call sites. */
export class Extractor<N, O extends N = N> {
  readonly constants: Constants<N, O>

  constructor(readonly syntax: CallSyntax<N, O>) {
    this.constants = new Constants(syntax)
  }

  /** The expressions a matcher reads the name, the properties and the distinct id from. */
  pickArguments(call: N, matcher: Matcher): PickedArguments<N> {
    const s = this.syntax
    const args = s.callArguments(call)
    const nameArg = matcher.nameArg ?? 0
    const picked: PickedArguments<N> = {}
    const set = (key: keyof PickedArguments<N>, node: N | undefined) => {
      if (node !== undefined) picked[key] = node
    }
    if (matcher.objectForm) {
      const argument = args[nameArg]
      const object = argument === undefined ? undefined : s.unwrapTypes(argument)
      if (object === undefined || s.kind(object) !== 'object') return picked
      const literal = s.asObject(object)
      const { nameKey, propsKey, distinctIdKey, aliasKey } = matcher.objectForm
      set('name', s.propertyValue(literal, nameKey))
      if (propsKey !== undefined) set('properties', s.propertyValue(literal, propsKey))
      if (distinctIdKey !== undefined) set('distinctId', s.propertyValue(literal, distinctIdKey))
      if (aliasKey !== undefined) set('alias', s.propertyValue(literal, aliasKey))
    } else {
      set('name', args[nameArg])
      set('properties', args[matcher.propsArg ?? nameArg + 1])
      if (matcher.distinctIdArg !== undefined) set('distinctId', args[matcher.distinctIdArg])
      if (matcher.setOnceArg !== undefined) set('setOnce', args[matcher.setOnceArg])
      if (matcher.aliasArg !== undefined) set('alias', args[matcher.aliasArg])
    }
    const kind = matcher.kind ?? 'capture'
    // identify and alias name no event; a group call names its type, or has it in a trait (Segment's `group_type`)
    if (kind === 'identify' || kind === 'alias') delete picked.name
    else if (kind === 'group' && matcher.groupTypeKey !== undefined) {
      delete picked.name
      const traits = picked.properties === undefined ? undefined : this.constants.constObject(picked.properties)
      if (traits !== undefined) set('name', s.propertyValue(traits, matcher.groupTypeKey))
    }
    return picked
  }

  eventNames(expression: N, options: NameOptions<N>): NameTarget<N>[] {
    return resolveEventNames(expression, this.syntax, this.constants, options)
  }

  properties(expression: N, options: PropertyOptions<N> = {}): { ref: PropertiesRef; keys: KeyTarget<N>[] } {
    return resolveProperties(expression, this.syntax, this.constants, options)
  }

  /** The call site of `call`, which `matcher` matched, in `file`. */
  callSite(call: N, matcher: Matcher, file: string, options: ExtractOptions<N>): BuiltCallSite<N> {
    const s = this.syntax
    const picked = this.pickArguments(call, matcher)
    const kind = matcher.kind ?? 'capture'
    if (kind !== 'capture') return this.peopleCallSite(call, kind, picked, file, options)
    const names = picked.name === undefined ? [] : this.eventNames(picked.name, options)
    if (matcher.namePrefix !== undefined || matcher.nameSuffix !== undefined) {
      for (const name of names) {
        if (name.ref.pattern !== undefined) name.ref = { ...name.ref, pattern: `${matcher.namePrefix ?? ''}${name.ref.pattern}${matcher.nameSuffix ?? ''}` }
        if (name.ref.value === undefined) continue
        // What the wrapper sends, not what it is called with; a suggestion for the whole name cannot replace the argument.
        name.ref = { ...name.ref, value: `${matcher.namePrefix ?? ''}${name.ref.value}${matcher.nameSuffix ?? ''}` }
        delete name.literal
      }
    }
    const site: CallSite = { file, ...s.position(call), callee: s.text(s.callee(call)), eventNames: names.map((name) => name.ref) }
    const built: BuiltCallSite<N> = { site, names, groupTypes: [], keys: [] }
    if (picked.properties !== undefined && !s.isSpread(picked.properties)) {
      const properties = this.properties(picked.properties, options)
      site.properties = properties.ref
      built.keys = properties.keys
    }
    if (picked.distinctId !== undefined && !s.isSpread(picked.distinctId)) {
      site.distinctId = this.distinctId(picked.distinctId)
      built.distinctId = picked.distinctId
    }
    return built
  }

  /** An identify, group or alias call: no event names; the group type, person properties and ids it takes. */
  private peopleCallSite(call: N, kind: CallSiteKind, picked: PickedArguments<N>, file: string, options: ExtractOptions<N>): BuiltCallSite<N> {
    const s = this.syntax
    const site: CallSite = { file, ...s.position(call), callee: s.text(s.callee(call)), kind, eventNames: [] }
    const built: BuiltCallSite<N> = { site, names: [], groupTypes: [], keys: [] }
    if (kind === 'group') {
      built.groupTypes = picked.name === undefined ? [] : this.eventNames(picked.name, options)
      site.groupTypes = built.groupTypes.map((name) => name.ref)
    }
    for (const key of ['properties', 'setOnce'] as const) {
      const node = picked[key]
      if (node === undefined || s.isSpread(node)) continue
      const properties = this.properties(node, options)
      site[key] = properties.ref
      built.keys.push(...properties.keys)
    }
    for (const key of ['distinctId', 'alias'] as const) {
      const node = picked[key]
      if (node === undefined || s.isSpread(node)) continue
      site[key] = this.distinctId(node)
      built[key] = node
    }
    return built
  }

  /** What a distinct id is named or written as: `user.email.trim()` names the email. */
  distinctId(expression: N): DistinctIdRef {
    const s = this.syntax
    const ref: DistinctIdRef = { text: s.text(expression), ...s.position(expression) }
    let node = s.unwrapValue(expression)
    for (let call = s.asCall(node); call !== undefined && call.args.length === 0; call = s.asCall(node)) {
      const callee = s.unwrapValue(call.callee)
      if (s.kind(callee) !== 'member' || !SAME_VALUE_METHODS.has(s.memberName(callee) ?? '')) break
      node = s.unwrapValue(s.memberObject(callee))
    }
    switch (s.kind(node)) {
      case 'identifier':
        ref.name = s.identifierName(node)
        break
      case 'member': {
        const name = s.memberName(node)
        if (name !== undefined) ref.name = name.replace(/^#/, '')
        break
      }
      case 'string':
        ref.literal = s.stringValue(node)
        break
      case 'template':
        if (s.templateExpressions(node).length === 0) ref.literal = s.templateQuasis(node)[0] ?? ''
        break
    }
    return ref
  }
}
