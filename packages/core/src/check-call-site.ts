/** The one checker: a `CallSite` (from any front-end) and the catalog, or no catalog → `Finding`s. */
import { BUILTIN_FORBIDDEN_KEYS, compileForbiddenKeys, type ForbiddenKeyMatcher } from '@herald/runtime'
import { type CallSite, displayExpression, type Finding, type PropertyKeyRef, RECOMMENDED_SEVERITY, type RuleId } from './call-site.js'
import type { Catalog, WireEvent } from './catalog.js'
import { DEFAULT_NAMING, isSdkEventName, type NamingPolicy, normalizeEventName } from './naming.js'
import { NameIndex, nearestNames } from './suggest.js'
import { RULES, type RuleMessages } from './rules/index.js'
import { visibleData } from './visible-text.js'

export interface CheckOptions {
  /** Only these rules run (default: all). */
  rules?: ReadonlySet<RuleId> | readonly RuleId[]
  /** Severity per rule (default: error). */
  severity?: Partial<Record<RuleId, 'error' | 'warning'>>
}

/** What the checker needs from a catalog; without one, the defaults (naming style, built-in deny list). */
interface Policy {
  catalog?: Catalog
  naming: NamingPolicy
  isForbiddenKey: ForbiddenKeyMatcher
  normalized: Map<string, string>
  /** Suggestions per undeclared name: the same typo recurs across files and lint runs. */
  undeclared: Map<string, string[]>
  /** The catalog's wire event names, indexed for suggestions at the first undeclared name. */
  wireNames?: NameIndex
}

const defaultPolicy: Policy = {
  naming: DEFAULT_NAMING,
  isForbiddenKey: compileForbiddenKeys(BUILTIN_FORBIDDEN_KEYS),
  normalized: new Map(),
  undeclared: new Map(),
}
const policies = new WeakMap<Catalog, Policy>()

function policyFor(catalog: Catalog | undefined): Policy {
  if (!catalog) return defaultPolicy
  let policy = policies.get(catalog)
  if (!policy) {
    policy = { catalog, naming: catalog.naming, isForbiddenKey: catalog.isForbiddenKey, normalized: new Map(), undeclared: new Map() }
    policies.set(catalog, policy)
  }
  return policy
}

/** Keys that SDKs reserve for their own use; their values are checked for forbidden keys only. */
const isSdkKey = (key: string) => key.startsWith('$')

/**
 * Every message the checker writes, by rule and message id. `Finding.message` is the template rendered with
 * `Finding.data`, so a front-end can show either (ESLint's `meta.messages` are these templates).
 */
/** Each rule's message templates, from the registry (`rules/`). */
export const CHECKER_MESSAGES: RuleMessages = Object.fromEntries(RULES.map((rule) => [rule.id, rule.messages])) as unknown as RuleMessages

export type CheckerMessageId<R extends RuleId = RuleId> = R extends RuleId ? keyof (typeof CHECKER_MESSAGES)[R] & string : never

/** Fills `{{ key }}` placeholders in one pass, leaving unknown ones as written (as ESLint does). */
export function renderMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, key: string) => {
    const value = data[key.trim()]
    return value === undefined ? whole : value
  })
}

const quoteList = (names: readonly string[]) => names.map((s) => `"${s}"`).join(' or ')

export function checkCallSite(catalog: Catalog | undefined, site: CallSite, options: CheckOptions = {}): Finding[] {
  const policy = policyFor(catalog)
  const enabled = options.rules instanceof Set ? options.rules : options.rules ? new Set(options.rules) : undefined
  const findings: Finding[] = []
  const report = <R extends RuleId>(
    ruleId: R,
    at: { line: number; column: number },
    messageId: CheckerMessageId<R>,
    data: Record<string, string>,
    extra: Partial<Finding> = {},
  ) => {
    const template = (CHECKER_MESSAGES[ruleId] as Record<string, string>)[messageId]!
    findings.push({
      ruleId,
      severity: options.severity?.[ruleId] ?? RECOMMENDED_SEVERITY[ruleId],
      message: renderMessage(template, visibleData(data)),
      file: site.file,
      line: at.line,
      column: at.column,
      ...extra,
      data,
      messageId,
    })
  }
  const on = (ruleId: RuleId) => !enabled || enabled.has(ruleId)

  const wires: WireEvent[] = []
  for (const ref of site.eventNames) {
    if (ref.value === undefined) {
      if (on('no-dynamic-event-name') && !ref.imported) report('no-dynamic-event-name', ref, 'dynamicName', { expression: displayExpression(ref.text) })
      // a template's fixed text is sent whatever its holes hold: a space there is in every name it sends
      if (ref.pattern !== undefined && /\s/.test(ref.pattern) && on('valid-event-name'))
        report('valid-event-name', ref, 'invalidName', { name: ref.pattern, reason: 'contains a space' })
      continue
    }
    const name = ref.value
    // SDK events (`$pageview`) follow no naming style, and need no declaration; a declared one is checked.
    const sdkEvent = isSdkEventName(name)
    if (sdkEvent && !policy.catalog?.wireEventsByName.has(name)) continue
    if (!sdkEvent && on('valid-event-name') && !policy.naming.test(name)) {
      const normalized = normalize(policy, name)
      const suggestion = normalized !== name && normalized !== '' && policy.naming.test(normalized) ? normalized : undefined
      const reason = /\s/.test(name) ? 'contains a space' : `does not follow the naming style (${policy.naming.describe})`
      if (suggestion) {
        report('valid-event-name', ref, 'invalidNameWithSuggestion', { name, reason, suggestion }, { event: name, suggestions: [suggestion] })
      } else {
        report('valid-event-name', ref, 'invalidName', { name, reason }, { event: name })
      }
    }
    if (!policy.catalog) continue
    const wire = policy.catalog.wireEventsByName.get(name)
    if (!wire) {
      if (!on('no-undeclared-event')) continue
      const suggestions = undeclaredSuggestions(policy, name)
      if (suggestions.length) {
        report('no-undeclared-event', ref, 'undeclaredWithSuggestions', { name, candidates: quoteList(suggestions) }, { event: name, suggestions })
      } else {
        report('no-undeclared-event', ref, 'undeclared', { name }, { event: name })
      }
      continue
    }
    wires.push(wire)
    const deprecated = wire.event.deprecated
    if (deprecated && on('no-deprecated-event')) {
      const renamed = deprecated.renamedTo
      const target = renamed && wire.phase !== 'signal' && policy.catalog.eventsByName.get(renamed)?.kind === 'span' ? `${renamed}.${wire.phase}` : renamed
      const since = deprecated.since
      const data: Record<string, string> = { name, ...(since ? { since } : {}), ...(target ? { renamedTo: target } : {}) }
      const messageId = target ? (since ? 'deprecatedSinceRenamed' : 'deprecatedRenamed') : since ? 'deprecatedSince' : 'deprecated'
      report('no-deprecated-event', ref, messageId, data, {
        severity: options.severity?.['no-deprecated-event'] ?? RECOMMENDED_SEVERITY['no-deprecated-event'],
        event: name,
        ...(target ? { suggestions: [target] } : {}),
      })
    }
  }

  const eventLabel = site.eventNames.length === 1 ? site.eventNames[0]!.value : undefined
  if (on('no-forbidden-property')) {
    for (const key of site.setOnce ? [...(site.properties?.keys ?? []), ...site.setOnce.keys] : (site.properties?.keys ?? [])) {
      const entry = policy.isForbiddenKey.match(key.key)
      if (entry !== undefined && policy.isForbiddenKey(key.key, valueType(key))) {
        report(
          'no-forbidden-property',
          key,
          'forbiddenKey',
          { key: key.key, forbidden: entry, path: [...key.parents, key.key].join('.') },
          eventLabel ? { event: eventLabel } : {},
        )
      }
    }
  }

  // Undeclared properties: only top-level keys, and only when every possible event is known.
  if (on('no-undeclared-property') && site.properties && wires.length > 0 && wires.length === site.eventNames.length) {
    for (const key of site.properties.keys) {
      if (key.parents.length > 0 || isSdkKey(key.key)) continue
      const missingFrom = wires.filter((wire) => !(key.key in wire.properties))
      if (missingFrom.length === 0) continue
      const wire = missingFrom[0]!
      const suggestions = nearestNames(key.key, Object.keys(wire.properties), (k) => k.replace(/[^a-z0-9]/gi, '').toLowerCase())
      const data = { key: key.key, name: wire.name }
      if (suggestions.length) {
        report('no-undeclared-property', key, 'undeclaredPropertyWithSuggestion', { ...data, suggestion: suggestions[0]! }, { event: wire.name, suggestions })
      } else {
        report('no-undeclared-property', key, 'undeclaredProperty', data, { event: wire.name })
      }
    }
  }

  for (const id of site.alias ? [site.distinctId, site.alias] : [site.distinctId]) {
    if (!id || !on('no-pii-distinct-id')) continue
    const looksLikeEmail = id.literal !== undefined && id.literal.includes('@')
    const forbidden = id.name !== undefined ? policy.isForbiddenKey.match(id.name) : undefined
    const emailName = id.name !== undefined && /(^|[^a-z])e?mail$/i.test(id.name.replace(/address$/i, ''))
    if (looksLikeEmail || forbidden !== undefined || emailName) {
      const property = policy.catalog?.privacy.distinctId?.property ?? 'user_id'
      const data = { expression: displayExpression(id.text), property }
      const extra = eventLabel ? { event: eventLabel } : {}
      if (looksLikeEmail) report('no-pii-distinct-id', id, 'emailAddress', data, extra)
      else if (emailName) report('no-pii-distinct-id', id, 'emailValue', data, extra)
      else report('no-pii-distinct-id', id, 'forbiddenValue', { ...data, forbidden: forbidden! }, extra)
    }
  }
  if (policy.catalog && (site.kind === 'identify' || site.kind === 'group')) checkPeopleCall(policy.catalog, site, report, on)
  return findings
}

type Report = <R extends RuleId>(
  ruleId: R,
  at: { line: number; column: number },
  messageId: CheckerMessageId<R>,
  data: Record<string, string>,
  extra?: Partial<Finding>,
) => void

/** The trait Herald's Segment sink sends the group type in (Segment groups have no type): declared for every group. */
const GROUP_TYPE_TRAIT = 'group_type'

const keyWords = (k: string) => k.replace(/[^a-z0-9]/gi, '').toLowerCase()

/**
 * identify and group against the catalog's `identify` and `groups`: undeclared group types, and person or group
 * properties that are not declared — top-level keys only, as for events; keys the SDK reserves (`$…`) are skipped.
 */
function checkPeopleCall(catalog: Catalog, site: CallSite, report: Report, on: (ruleId: RuleId) => boolean): void {
  if (site.kind === 'identify') {
    if (!on('no-undeclared-trait')) return
    const declared = { set: catalog.identify?.set ?? {}, setOnce: catalog.identify?.setOnce ?? {} }
    const sent: Array<[PropertyKeyRef, 'set' | 'setOnce']> = []
    for (const key of site.properties?.keys ?? []) {
      // posthog-node: `properties` are `$set` unless they hold `$set` / `$set_once`
      const bucket =
        key.parents.length === 0
          ? 'set'
          : key.parents.length === 1 && key.parents[0] === '$set'
            ? 'set'
            : key.parents.length === 1 && key.parents[0] === '$set_once'
              ? 'setOnce'
              : undefined
      if (bucket !== undefined && !isSdkKey(key.key)) sent.push([key, bucket])
    }
    for (const key of site.setOnce?.keys ?? []) if (key.parents.length === 0 && !isSdkKey(key.key)) sent.push([key, 'setOnce'])
    for (const [key, bucket] of sent) {
      if (Object.hasOwn(declared[bucket], key.key)) continue
      const other = bucket === 'set' ? 'setOnce' : 'set'
      if (Object.hasOwn(declared[other], key.key)) {
        report('no-undeclared-trait', key, 'personPropertyInOtherBucket', { key: key.key, bucket, declaredIn: other })
        continue
      }
      const suggestions = nearestNames(key.key, Object.keys(declared[bucket]), keyWords)
      if (suggestions.length)
        report('no-undeclared-trait', key, 'undeclaredPersonPropertyWithSuggestion', { key: key.key, bucket, suggestion: suggestions[0]! }, { suggestions })
      else report('no-undeclared-trait', key, 'undeclaredPersonProperty', { key: key.key, bucket })
    }
    return
  }
  const types = site.groupTypes ?? []
  const groups = new Map(catalog.groups.map((group) => [group.name, group]))
  if (on('no-undeclared-group-type')) {
    if (groups.size === 0) report('no-undeclared-group-type', types[0] ?? site, 'noGroupTypes', {})
    else {
      for (const ref of types) {
        if (ref.value === undefined || groups.has(ref.value)) continue
        const suggestions = nearestNames(ref.value, [...groups.keys()], keyWords)
        if (suggestions.length)
          report(
            'no-undeclared-group-type',
            ref,
            'undeclaredGroupTypeWithSuggestions',
            { name: ref.value, candidates: quoteList(suggestions) },
            { suggestions },
          )
        else report('no-undeclared-group-type', ref, 'undeclaredGroupType', { name: ref.value })
      }
    }
  }
  if (!on('no-undeclared-trait') || groups.size === 0) return
  // Each named type is checked on its own; a type the call does not settle (none, dynamic) by every declared type at once.
  const known = types.length > 0 && types.every((ref) => ref.value !== undefined)
  const checked = known ? types.flatMap((ref) => groups.get(ref.value!) ?? []) : []
  if (known && checked.length < types.length) return
  for (const key of site.properties?.keys ?? []) {
    if (key.parents.length > 0 || isSdkKey(key.key) || key.key === GROUP_TYPE_TRAIT) continue
    if (!known) {
      if (!catalog.groups.some((group) => Object.hasOwn(group.properties, key.key)))
        report('no-undeclared-trait', key, 'undeclaredAnyGroupProperty', { key: key.key })
      continue
    }
    const group = checked.find((g) => !Object.hasOwn(g.properties, key.key))
    if (group === undefined) continue
    const suggestions = nearestNames(key.key, Object.keys(group.properties), keyWords)
    const data = { key: key.key, group: group.name }
    if (suggestions.length)
      report('no-undeclared-trait', key, 'undeclaredGroupPropertyWithSuggestion', { ...data, suggestion: suggestions[0]! }, { suggestions })
    else report('no-undeclared-trait', key, 'undeclaredGroupProperty', data)
  }
}

function valueType(key: PropertyKeyRef) {
  return key.valueKind === 'boolean' || key.valueKind === 'number' ? key.valueKind : undefined
}

function normalize(policy: Policy, name: string): string {
  let normalized = policy.normalized.get(name)
  if (normalized === undefined) {
    normalized = normalizeEventName(name, policy.naming.style)
    if (policy.normalized.size > 50_000) policy.normalized.clear()
    policy.normalized.set(name, normalized)
  }
  return normalized
}

function undeclaredSuggestions(policy: Policy, name: string): string[] {
  const cached = policy.undeclared.get(name)
  if (cached) return [...cached]
  const catalog = policy.catalog!
  // A span's bare name is not a wire event: point at what code may capture.
  const span = catalog.eventsByName.get(name)
  const suggestions =
    span && span.kind === 'span'
      ? span.wireEvents.map((w) => w.name)
      : (policy.wireNames ??= new NameIndex(catalog.wireEventsByName.keys(), (n) => normalizeEventName(n, policy.naming.style))).nearest(name)
  if (policy.undeclared.size > 10_000) policy.undeclared.clear()
  policy.undeclared.set(name, suggestions)
  return [...suggestions]
}
