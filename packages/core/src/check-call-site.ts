/** The one checker: a `CallSite` (from any front-end) and the catalog, or no catalog → `Finding`s. */
import { BUILTIN_FORBIDDEN_KEYS, compileForbiddenKeys, type ForbiddenKeyMatcher } from '@herald/runtime'
import type { CallSite, Finding, PropertyKeyRef, RuleId } from './call-site.js'
import type { Catalog, WireEvent } from './catalog.js'
import { DEFAULT_NAMING, type NamingPolicy, normalizeEventName } from './naming.js'
import { nearestNames } from './suggest.js'

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
}

const defaultPolicy: Policy = { naming: DEFAULT_NAMING, isForbiddenKey: compileForbiddenKeys(BUILTIN_FORBIDDEN_KEYS), normalized: new Map() }
const policies = new WeakMap<Catalog, Policy>()

function policyFor(catalog: Catalog | undefined): Policy {
  if (!catalog) return defaultPolicy
  let policy = policies.get(catalog)
  if (!policy) policies.set(catalog, (policy = { catalog, naming: catalog.naming, isForbiddenKey: catalog.isForbiddenKey, normalized: new Map() }))
  return policy
}

/** Keys that SDKs reserve for their own use; their values are checked for forbidden keys only. */
const isSdkKey = (key: string) => key.startsWith('$')

export function checkCallSite(catalog: Catalog | undefined, site: CallSite, options: CheckOptions = {}): Finding[] {
  const policy = policyFor(catalog)
  const enabled = options.rules ? new Set(options.rules) : undefined
  const findings: Finding[] = []
  const report = (ruleId: RuleId, at: { line: number; column: number }, message: string, extra: Partial<Finding> = {}) => {
    if (enabled && !enabled.has(ruleId)) return
    findings.push({ ruleId, severity: options.severity?.[ruleId] ?? 'error', message, file: site.file, line: at.line, column: at.column, ...extra })
  }

  const wires: WireEvent[] = []
  for (const ref of site.eventNames) {
    if (ref.value === undefined) {
      report('no-dynamic-event-name', ref, `The event name \`${ref.text}\` is not a string literal or a constant Herald can resolve.`, {
        data: { expression: ref.text },
      })
      continue
    }
    const name = ref.value
    if (!policy.naming.test(name)) {
      const normalized = normalize(policy, name)
      const suggestions = normalized !== name && normalized !== '' && policy.naming.test(normalized) ? [normalized] : []
      const why = /\s/.test(name) ? 'contains a space' : `does not follow the naming style (${policy.naming.describe})`
      report('valid-event-name', ref, `The event name "${name}" ${why}.${suggestions.length ? ` Use "${suggestions[0]}".` : ''}`, {
        event: name,
        data: { name, reason: why, ...(suggestions[0] ? { suggestion: suggestions[0] } : {}) },
        ...(suggestions.length ? { suggestions } : {}),
      })
    }
    if (!policy.catalog) continue
    const wire = policy.catalog.wireEventsByName.get(name)
    if (!wire) {
      const suggestions = undeclaredSuggestions(policy, name)
      report('no-undeclared-event', ref, `The event "${name}" is not declared in the catalog.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : ''}`, {
        event: name,
        data: { name },
        ...(suggestions.length ? { suggestions } : {}),
      })
      continue
    }
    wires.push(wire)
    const deprecated = wire.event.deprecated
    if (deprecated) {
      const renamed = deprecated.renamedTo
      const target = renamed && wire.phase !== 'signal' && policy.catalog.eventsByName.get(renamed)?.kind === 'span' ? `${renamed}.${wire.phase}` : renamed
      report('no-deprecated-event', ref, `The event "${name}" is deprecated${deprecated.since ? ` since ${deprecated.since}` : ''}.${target ? ` Use "${target}".` : ''}`, {
        severity: options.severity?.['no-deprecated-event'] ?? 'warning',
        event: name,
        data: { name, ...(target ? { renamedTo: target } : {}) },
        ...(target ? { suggestions: [target] } : {}),
      })
    }
  }

  const eventLabel = site.eventNames.length === 1 ? site.eventNames[0]!.value : undefined
  for (const key of site.properties?.keys ?? []) {
    const entry = policy.isForbiddenKey.match(key.key)
    if (entry !== undefined && policy.isForbiddenKey(key.key, valueType(key))) {
      report('no-forbidden-property', key, `The property "${[...key.parents, key.key].join('.')}" is a forbidden key (it matches "${entry}") and must never be sent.`, {
        ...(eventLabel ? { event: eventLabel } : {}),
        data: { key: key.key, forbidden: entry },
      })
    }
  }

  // Undeclared properties: only top-level keys, and only when every possible event is known.
  if (site.properties && wires.length > 0 && wires.length === site.eventNames.length) {
    for (const key of site.properties.keys) {
      if (key.parents.length > 0 || isSdkKey(key.key)) continue
      const missingFrom = wires.filter((wire) => !(key.key in wire.properties))
      if (missingFrom.length === 0) continue
      const wire = missingFrom[0]!
      const suggestions = nearestNames(key.key, Object.keys(wire.properties), (k) => k.replace(/[^a-z0-9]/gi, '').toLowerCase())
      report('no-undeclared-property', key, `The event "${wire.name}" does not declare the property "${key.key}".${suggestions.length ? ` Did you mean "${suggestions[0]}"?` : ''}`, {
        event: wire.name,
        data: { key: key.key, name: wire.name },
        ...(suggestions.length ? { suggestions } : {}),
      })
    }
  }

  const id = site.distinctId
  if (id) {
    const looksLikeEmail = id.literal !== undefined && id.literal.includes('@')
    const forbidden = id.name !== undefined ? policy.isForbiddenKey.match(id.name) : undefined
    const emailName = id.name !== undefined && /(^|[^a-z])e?mail$/i.test(id.name.replace(/address$/i, ''))
    if (looksLikeEmail || forbidden !== undefined || emailName) {
      const what = looksLikeEmail ? 'an email address' : emailName ? 'an email' : `a forbidden value ("${forbidden}")`
      const property = policy.catalog?.privacy.distinctId?.property ?? 'user_id'
      report('no-pii-distinct-id', id, `The distinct id \`${id.text}\` is ${what}; use an opaque id such as ${property}.`, {
        ...(eventLabel ? { event: eventLabel } : {}),
        data: { expression: id.text, property },
      })
    }
  }
  return findings
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
  const catalog = policy.catalog!
  // A span's bare name is not a wire event: point at what code may capture.
  const span = catalog.eventsByName.get(name)
  if (span && span.kind === 'span') return span.wireEvents.map((w) => w.name)
  return nearestNames(name, catalog.wireEventsByName.keys(), (n) => normalize(policy, n))
}
