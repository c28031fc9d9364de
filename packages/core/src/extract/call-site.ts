/**
 * A matched capture call → the checker's neutral `CallSite`, with the nodes findings point at. Which arguments
 * hold the name, the properties and the distinct id is the matcher's meaning (`nameArg`, `propsArg`,
 * `distinctIdArg`, `objectForm`), decided here once for every front-end.
 */
import type { CallSite, CallSiteKind, DistinctIdRef, EventNameRef, PropertiesRef } from '../call-site.js'
import type { Matcher } from '../matchers.js'
import type { CallSyntax } from './call-syntax.js'
import { Constants } from './constants.js'
import { type NameOptions, type NameTarget, resolveEventNames } from './event-names.js'
import { MAX_RESOLVE_DEPTH, SAME_VALUE_METHODS } from './limits.js'
import { type KeyTarget, type PropertiesAt, type PropertyOptions, resolveProperties } from './properties.js'
import type { WrapperProperties, WrapperPropertiesOf } from './wrappers.js'

type PickedKey = 'name' | 'properties' | 'distinctId' | 'setOnce' | 'alias'

export interface PickedArguments<N> {
  /** The event name; for a group call, the group type. */
  name?: N
  properties?: N
  distinctId?: N
  /** identify: the `$set_once` person properties. */
  setOnce?: N
  /** alias: the other id. */
  alias?: N
  /** Where the call names a value read out of a constant object or a spread: the expression in the call. */
  anchors?: Partial<Record<PickedKey, N>>
  /** A positional matcher's `namePath`, split: the name is read at this path inside the name argument. */
  namePath?: string[]
  /** `propsFrom: "rest"`: the keys of `properties` (the whole object) that are not properties. */
  restOf?: string[]
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

export type ExtractOptions<N> = NameOptions<N> &
  PropertyOptions<N> & {
    /** What a wrapper declared in the file adds to the properties it is given (`wrapperPropertiesOf`), sent by its calls too. */
    wrapperProperties?: WrapperPropertiesOf<N>
  }

/** The extractor over one front-end's syntax: constants, names, properties and call sites. */
export class Extractor<N, O extends N = N> {
  readonly constants: Constants<N, O>

  constructor(readonly syntax: CallSyntax<N, O>) {
    this.constants = new Constants(syntax)
  }

  /**
   * The expressions a matcher reads the name, the properties and the distinct id from. An object form's object may
   * be a literal, a constant (`track(Events.Upgrade)`, `const payload = {…}; capture(payload)`, followed into other
   * files with `imports`) or hold spreads of constants (`{ ...Events.Upgrade, slug }`); a value read out of a
   * constant is anchored at the expression in the call, where findings about it point.
   */
  pickArguments(call: N, matcher: Matcher, imports = false): PickedArguments<N> {
    const s = this.syntax
    const args = s.callArguments(call)
    const nameArg = matcher.nameArg ?? 0
    const picked: PickedArguments<N> = {}
    const set = (key: PickedKey, node: N | undefined, anchor?: N) => {
      if (node === undefined) return
      picked[key] = node
      if (anchor !== undefined) (picked.anchors ??= {})[key] = anchor
    }
    if (matcher.objectForm) {
      const argument = args[nameArg]
      const node = argument === undefined || s.isSpread(argument) ? undefined : s.unwrapTypes(argument)
      if (node === undefined) return picked
      const literal = s.kind(node) === 'object'
      const object = literal ? s.asObject(node) : this.constants.constObject(node, imports)
      if (object === undefined) return picked
      const { nameKey, propsKey, propsFrom, distinctIdKey, aliasKey } = matcher.objectForm
      const read = (key: PickedKey, name: string | undefined) => {
        if (name === undefined) return
        const found = this.formValue(object, name, literal ? undefined : argument!, imports, 0)
        if (found) set(key, found.value, found.anchor)
      }
      read('name', nameKey)
      if (propsFrom === 'rest') {
        // the object's other keys are the properties
        picked.properties = argument!
        picked.restOf = [nameKey, distinctIdKey, aliasKey].filter((key): key is string => key !== undefined)
      } else read('properties', propsKey)
      read('distinctId', distinctIdKey)
      read('alias', aliasKey)
    } else {
      set('name', args[nameArg])
      if (matcher.namePath !== undefined) picked.namePath = matcher.namePath.split('.')
      set('properties', args[matcher.propsArg ?? nameArg + 1])
      if (matcher.distinctIdArg !== undefined) set('distinctId', args[matcher.distinctIdArg])
      if (matcher.setOnceArg !== undefined) set('setOnce', args[matcher.setOnceArg])
      if (matcher.aliasArg !== undefined) set('alias', args[matcher.aliasArg])
    }
    const kind = matcher.kind ?? 'capture'
    // identify and alias name no event; a group call names its type, or has it in a trait (Segment's `group_type`)
    if (kind === 'identify' || kind === 'alias') {
      delete picked.name
      delete picked.namePath
    } else if (kind === 'group' && matcher.groupTypeKey !== undefined) {
      delete picked.name
      const traits = picked.properties === undefined ? undefined : this.constants.constObject(picked.properties)
      if (traits !== undefined) set('name', s.propertyValue(traits, matcher.groupTypeKey))
    }
    return picked
  }

  /**
   * The value of `key` in an object form's object, the last member that sets it winning, spreads of constant
   * objects included; `anchor` is where the call names the value (undefined for the literal's own members).
   * Undefined when no member sets the key (a spread that cannot be resolved is passed over).
   */
  private formValue(object: O, key: string, anchor: N | undefined, imports: boolean, depth: number): { value: N; anchor?: N } | undefined {
    const s = this.syntax
    const members = s.members(object)
    for (let i = members.length - 1; i >= 0; i--) {
      const member = members[i]!
      const spread = s.spreadArgument(member)
      if (spread !== undefined) {
        // a spread nothing can resolve may set the key too; the members written in the call are taken as meant
        const source = depth < MAX_RESOLVE_DEPTH ? this.constants.constObject(spread, imports) : undefined
        if (source === undefined) continue
        const found = this.formValue(source, key, anchor ?? spread, imports, depth + 1)
        if (found) return found
        continue
      }
      if (s.staticKey(member) !== key) continue
      const value = s.memberValue(member)
      if (value === undefined) return undefined
      return anchor === undefined ? { value } : { value, anchor }
    }
    return undefined
  }

  /**
   * The names at a `namePath` inside the constant object an argument denotes (`LogEvents.SignIn` → its `name`),
   * anchored at the argument; one dynamic name there when the argument is not such a constant.
   */
  private namesAtPath(argument: N, path: readonly string[], options: NameOptions<N>): NameTarget<N>[] {
    const s = this.syntax
    const imports = options.imports ?? false
    let value: N | undefined = argument
    // written in the call (`trackEvent({ name: "x" })`) until the path passes through a constant
    let anchor: N | undefined
    for (const key of path) {
      const node: N | undefined = value === undefined ? undefined : s.unwrapTypes(value)
      if (node !== undefined && s.kind(node) !== 'object') anchor = argument
      const object: O | undefined = node === undefined ? undefined : this.constants.constObject(node, imports)
      const found: { value: N; anchor?: N } | undefined = object === undefined ? undefined : this.formValue(object, key, anchor, imports, 0)
      value = found?.value
      anchor = found?.anchor ?? anchor
    }
    if (value !== undefined) return this.eventNames(value, options, anchor)
    const ref: EventNameRef = { text: s.text(argument), ...s.position(argument) }
    // an import that could not be followed (a package's constant): not a dynamic name
    if (this.constants.isImported(argument)) ref.imported = true
    return [{ ref, node: argument }]
  }

  /** The names an expression can take; `anchor`: where the call names it, when the expression was read out of a constant. */
  eventNames(expression: N, options: NameOptions<N>, anchor?: N): NameTarget<N>[] {
    return resolveEventNames(expression, this.syntax, this.constants, options, anchor)
  }

  /** The keys of a properties expression; `at.anchor` as for names, `at.exclude`: top-level keys that are not properties. */
  properties(expression: N, options: PropertyOptions<N> = {}, at: PropertiesAt<N> = {}): { ref: PropertiesRef; keys: KeyTarget<N>[] } {
    return resolveProperties(expression, this.syntax, this.constants, options, at)
  }

  /** The call site of `call`, which `matcher` matched, in `file`. */
  callSite(call: N, matcher: Matcher, file: string, options: ExtractOptions<N>): BuiltCallSite<N> {
    const s = this.syntax
    const picked = this.pickArguments(call, matcher, options.imports)
    const kind = matcher.kind ?? 'capture'
    if (kind !== 'capture') return this.peopleCallSite(call, kind, picked, file, options)
    const names =
      picked.name === undefined
        ? []
        : picked.namePath !== undefined
          ? this.namesAtPath(picked.name, picked.namePath, options)
          : this.eventNames(picked.name, options, picked.anchors?.name)
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
      const properties = this.properties(picked.properties, options, this.propertiesAt(picked, 'properties'))
      site.properties = properties.ref
      built.keys = properties.keys
    }
    const added = options.wrapperProperties?.(call, matcher)
    if (added !== undefined)
      this.addWrapperProperties(built, added, picked.properties !== undefined && !s.isSpread(picked.properties) ? picked.properties : call, options)
    if (picked.distinctId !== undefined && !s.isSpread(picked.distinctId)) {
      const anchor = picked.anchors?.distinctId
      site.distinctId = this.distinctId(picked.distinctId, anchor)
      built.distinctId = anchor ?? picked.distinctId
    }
    return built
  }

  /**
   * The keys a wrapper adds to those its call passes (`app` in `capture(name, { ...props, app })`), placed at the
   * call's properties argument (or the call): a key the call passes itself is not added twice.
   */
  private addWrapperProperties(built: BuiltCallSite<N>, added: WrapperProperties<N>, anchor: N, options: PropertyOptions<N>): void {
    const at: PropertiesAt<N> = { anchor, skip: added.skip }
    if (added.exclude !== undefined) at.exclude = added.exclude
    const wrapper = this.properties(added.expression, options, at)
    const path = (ref: { key: string; parents: readonly string[] }) => [...ref.parents, ref.key].join('\0')
    const passed = new Set(built.keys.map((key) => path(key.ref)))
    const keys = wrapper.keys.filter((key) => !passed.has(path(key.ref)))
    const own = built.site.properties
    built.site.properties = own
      ? { ...own, keys: [...own.keys, ...keys.map((key) => key.ref)], open: own.open || wrapper.ref.open }
      : { ...wrapper.ref, keys: keys.map((key) => key.ref) }
    built.keys.push(...keys)
  }

  private propertiesAt(picked: PickedArguments<N>, key: 'properties' | 'setOnce'): PropertiesAt<N> {
    const at: PropertiesAt<N> = {}
    const anchor = picked.anchors?.[key]
    if (anchor !== undefined) at.anchor = anchor
    if (key === 'properties' && picked.restOf !== undefined) at.exclude = new Set(picked.restOf)
    return at
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
      const properties = this.properties(node, options, this.propertiesAt(picked, key))
      site[key] = properties.ref
      built.keys.push(...properties.keys)
    }
    for (const key of ['distinctId', 'alias'] as const) {
      const node = picked[key]
      if (node === undefined || s.isSpread(node)) continue
      const anchor = picked.anchors?.[key]
      site[key] = this.distinctId(node, anchor)
      built[key] = anchor ?? node
    }
    return built
  }

  /** What a distinct id is named or written as: `user.email.trim()` names the email; `anchor`: where the call names it. */
  distinctId(expression: N, anchor?: N): DistinctIdRef {
    const s = this.syntax
    const ref: DistinctIdRef = { text: s.text(expression), ...s.position(anchor ?? expression) }
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
