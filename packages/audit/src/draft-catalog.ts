/**
 * `herald init --from-code`: a first catalog drafted from an audit's inventory, for a team that has none.
 * Names are normalized to one naming style (the originals kept in `x-herald-seen-as`), property types come
 * from the TypeScript types at the call sites, and what must never be declared — forbidden keys, email
 * distinct ids — is left out and listed as a warning. The draft passes `herald check`.
 */
import {
  BUILTIN_FORBIDDEN_KEYS,
  type CallSite,
  checkCallSite,
  eventIdentifier,
  isForbiddenKey,
  isSdkEventName,
  NAMING_STYLES,
  namingPolicy,
  type NamingStyle,
  normalizeEventName,
  type PropertyValueKind,
} from '@herald/core'
import type { InventoryKeyRef } from './extract-call-sites.js'
import type { AuditReport, SiteLocation } from './report.js'

export interface DraftOptions {
  /** The naming style of the draft; default: the style most captured names already follow. */
  style?: NamingStyle
  title?: string
  /** Written as the draft's `$schema`, so editors complete it. */
  schema?: string
}

export interface DraftWarning extends SiteLocation {
  message: string
}

export interface CatalogDraft {
  catalog: Record<string, unknown>
  style: NamingStyle
  eventCount: number
  warnings: DraftWarning[]
}

/** A string property with more distinct literal values than this is free text, not an enum. */
const MAX_ENUM_VALUES = 12

interface EventDraft {
  name: string
  seenAs: Set<string>
  sites: CallSite[]
}

export function draftCatalog(report: AuditReport, options: DraftOptions = {}): CatalogDraft {
  const warnings: DraftWarning[] = []
  const sitesByName = new Map<string, CallSite[]>()
  for (const site of report.callSites) {
    // An emitter call's event is declared already (the emitter was generated from it): nothing to draft; a people
    // call (identify, group, alias) is no event.
    if (site.emitter !== undefined || site.kind !== undefined) continue
    for (const ref of site.eventNames) {
      if (ref.value === undefined) {
        warnings.push({ file: site.file, line: ref.line, column: ref.column, message: `The event name \`${ref.text}\` is dynamic, so it is not in the draft.` })
        continue
      }
      const list = sitesByName.get(ref.value) ?? []
      if (!list.includes(site)) list.push(site)
      sitesByName.set(ref.value, list)
    }
  }

  const style = options.style ?? likeliestStyle([...sitesByName.keys()].filter((name) => !isSdkEventName(name)))
  const policy = namingPolicy(style)
  const events = new Map<string, EventDraft>()
  // Two names with one generated identifier cannot both be declared: the second joins the first.
  const byIdentifier = new Map<string, string>()
  // Names already in the style come first, so that they keep their spelling when another normalizes onto them.
  // SDK events come last: one never takes an app event's place (`$pageview` and `pageview` share an identifier).
  const rank = (name: string) => (isSdkEventName(name) ? 2 : policy.test(name) ? 0 : 1)
  const ordered = [...sitesByName].sort(([a], [b]) => rank(a) - rank(b) || compare(a, b))
  for (const [original, sites] of ordered) {
    // An SDK's event (`$pageview`) is kept as the SDK spells it: renamed, it would be another event.
    const sdkEvent = isSdkEventName(original)
    let name = sdkEvent ? original : normalizeEventName(original, style)
    if (!sdkEvent && !policy.test(name)) {
      const at = sites[0]!
      warnings.push({
        file: at.file,
        line: at.line,
        column: at.column,
        message: `The event name "${original}" cannot be written in the ${style} style, so it is not in the draft.`,
      })
      continue
    }
    const identifier = eventIdentifier(name)
    const holder = byIdentifier.get(identifier)
    if (holder !== undefined && holder !== name && sdkEvent) {
      const at = sites[0]!
      warnings.push({
        file: at.file,
        line: at.line,
        column: at.column,
        message: `"${original}" and "${holder}" would generate the same function; the SDK's event "${original}" is not in the draft (it needs no declaration).`,
      })
      continue
    }
    if (holder !== undefined && holder !== name) {
      const at = sites[0]!
      warnings.push({
        file: at.file,
        line: at.line,
        column: at.column,
        message: `"${original}" and "${holder}" would generate the same function; the draft merges them into "${holder}".`,
      })
      name = holder
    }
    byIdentifier.set(identifier, name)
    const event = events.get(name) ?? { name, seenAs: new Set<string>(), sites: [] }
    event.seenAs.add(original)
    for (const site of sites) if (!event.sites.includes(site)) event.sites.push(site)
    events.set(name, event)
  }

  const categories = new Set<string>()
  const draftEvents: Record<string, unknown> = {}
  for (const event of [...events.values()].sort((a, b) => compare(a.name, b.name))) {
    const entry: Record<string, unknown> = {}
    const category = categoryOf(event.name, style)
    if (category !== undefined) {
      categories.add(category)
      entry.category = category
    }
    const properties = draftProperties(event, warnings)
    if (Object.keys(properties).length > 0) entry.properties = properties
    const seenAs = [...event.seenAs].filter((original) => original !== event.name).sort(compare)
    if (seenAs.length > 0) entry['x-herald-seen-as'] = seenAs
    const distinctIds = draftDistinctIds(event, warnings)
    if (distinctIds.length > 0) entry['x-herald-distinct-ids'] = distinctIds
    entry['x-herald-call-sites'] = event.sites.map((s) => `${s.file}:${s.line}:${s.column}`).sort(compare)
    draftEvents[event.name] = entry
  }

  const catalog: Record<string, unknown> = {}
  if (options.schema !== undefined) catalog.$schema = options.schema
  catalog.title = options.title ?? 'Draft event catalog'
  catalog.description =
    'Drafted by `herald init --from-code` from the capture calls in the code. Review every event: add descriptions, owners and PII annotations.'
  catalog.version = '0.1.0'
  catalog.naming = { style }
  if (categories.size > 0) {
    catalog.categories = Object.fromEntries([...categories].sort(compare).map((name) => [name, { description: `Events whose names start with "${name}".` }]))
  }
  catalog.events = draftEvents
  return { catalog, style, eventCount: events.size, warnings: warnings.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column) }
}

/** The style most of the names already follow; the default style on a tie. */
function likeliestStyle(names: readonly string[]): NamingStyle {
  let best: NamingStyle = 'dot.snake_case'
  let bestCount = -1
  for (const style of ['dot.snake_case', ...NAMING_STYLES.filter((s) => s !== 'dot.snake_case')] as NamingStyle[]) {
    const policy = namingPolicy(style)
    const count = names.filter((name) => policy.test(name)).length
    if (count > bestCount) {
      best = style
      bestCount = count
    }
  }
  return best
}

function categoryOf(name: string, style: NamingStyle): string | undefined {
  if (isSdkEventName(name)) return undefined
  if (style === 'dot.snake_case') return name.includes('.') ? name.slice(0, name.indexOf('.')) : undefined
  if (style === 'resource:action') return name.slice(0, name.indexOf(':'))
  return undefined
}

function draftProperties(event: EventDraft, warnings: DraftWarning[]): Record<string, unknown> {
  const seen = new Map<string, InventoryKeyRef[]>()
  for (const site of event.sites) {
    for (const key of (site.properties?.keys ?? []) as InventoryKeyRef[]) {
      if (isForbiddenKey(key.key, BUILTIN_FORBIDDEN_KEYS, valueType(key.valueKind))) {
        const path = [...key.parents, key.key].join('.')
        warnings.push({
          file: site.file,
          line: key.line,
          column: key.column,
          message: `The property "${path}" of "${event.name}" is a forbidden key, so it is not in the draft. Stop sending it.`,
        })
        continue
      }
      // SDK keys (`$set`) are the SDK's, and nested keys belong to the object property that holds them.
      if (key.parents.length > 0 || key.key.startsWith('$')) continue
      const list = seen.get(key.key) ?? []
      list.push(key)
      seen.set(key.key, list)
    }
  }
  const properties: Record<string, unknown> = {}
  for (const [key, refs] of [...seen].sort(([a], [b]) => compare(a, b))) properties[key] = propertySchema(refs)
  return properties
}

function propertySchema(refs: readonly InventoryKeyRef[]): Record<string, unknown> {
  const kinds = [...new Set(refs.map((r) => r.valueKind).filter((k) => k !== 'unknown'))].sort(compare)
  if (kinds.length === 0) return {}
  if (kinds.length > 1) return { type: kinds }
  const kind = kinds[0]!
  if (kind === 'string' && refs.every((r) => r.valueKind === 'string' && r.values !== undefined)) {
    const values = [...new Set(refs.flatMap((r) => r.values ?? []))].sort(compare)
    if (values.length <= MAX_ENUM_VALUES) return { enum: values }
  }
  return { type: kind }
}

function draftDistinctIds(event: EventDraft, warnings: DraftWarning[]): string[] {
  const ids = new Set<string>()
  for (const site of event.sites) {
    if (!site.distinctId) continue
    // The checker's own rule decides what is an email or a secret, so the draft and the audit agree.
    const pii = checkCallSite(undefined, { ...site, eventNames: [], properties: undefined }, { rules: ['no-pii-distinct-id'] })
    if (pii.length > 0) {
      warnings.push({
        file: site.file,
        line: site.distinctId.line,
        column: site.distinctId.column,
        message: `The distinct id \`${site.distinctId.text}\` of "${event.name}" is an email or a secret, so it is not in the draft. Use an opaque id.`,
      })
    } else ids.add(site.distinctId.text)
  }
  return [...ids].sort(compare)
}

function valueType(kind: PropertyValueKind) {
  return kind === 'boolean' || kind === 'number' ? kind : undefined
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
