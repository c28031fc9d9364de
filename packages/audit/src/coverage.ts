/** Coverage: what the catalog declares against what the code captures. */
import { type CallSite, type Catalog, DEFAULT_NAMING, isSdkEventName, normalizeEventName } from '@herald/core'
import type { AuditCallSite, Coverage, PeopleCoverage, SiteLocation } from './report.js'

/** Capture calls and emitter calls alike: an event sent through its generated emitter is captured. */
export function computeCoverage(catalog: Catalog | undefined, sites: readonly AuditCallSite[]): Coverage {
  const style = (catalog?.naming ?? DEFAULT_NAMING).style
  const captured = new Map<string, SiteLocation[]>()
  const dynamicNames: SiteLocation[] = []
  for (const site of sites) {
    for (const ref of site.eventNames) {
      if (ref.value === undefined) {
        dynamicNames.push({ file: site.file, line: ref.line, column: ref.column })
        continue
      }
      const list = captured.get(ref.value) ?? []
      list.push(locationOf(site))
      captured.set(ref.value, list)
    }
  }

  const declared = catalog?.wireEventsByName
  // SDK events (`$pageview`) are the SDK's: it sends them without a call site, and they need no declaration.
  const declaredNeverCaptured = catalog
    ? catalog.wireEvents.filter((wire) => !wire.event.deprecated && !captured.has(wire.name) && !isSdkEventName(wire.name)).map((wire) => wire.name)
    : []
  const capturedUndeclared = declared
    ? [...captured]
        .filter(([name]) => !declared.has(name) && !isSdkEventName(name))
        .map(([name, callSites]) => ({ name, callSites: dedupe(callSites) }))
        .sort((a, b) => compare(a.name, b.name))
    : []

  const byNormalized = new Map<string, Set<string>>()
  for (const name of [...captured.keys(), ...(declared?.keys() ?? [])]) {
    // `$pageview` and `pageview` are two events, the SDK's and the app's: never one renamed.
    if (isSdkEventName(name)) continue
    const normalized = normalizeEventName(name, style)
    const names = byNormalized.get(normalized) ?? new Set()
    names.add(name)
    byNormalized.set(normalized, names)
  }
  const sameAfterNormalization = [...byNormalized]
    .filter(([, names]) => names.size > 1)
    .map(([normalized, names]) => ({ normalized, names: [...names].sort(compare) }))
    .sort((a, b) => compare(a.normalized, b.normalized))

  const missingRequiredProperties: Coverage['missingRequiredProperties'] = []
  if (catalog) {
    for (const site of sites) {
      // A spread or a variable can carry any key: only a call whose keys are all visible can be said to miss one.
      if (site.properties?.open) continue
      const sent = new Set(site.properties?.keys.filter((k) => k.parents.length === 0).map((k) => k.key))
      // An emitter's props are its first wire event's (a span's `.start`; `.stop` adds what `span.set` sends):
      // one entry a call, not one for each of a span's three wire events.
      const refs = site.emitter !== undefined ? site.eventNames.slice(0, 1) : site.eventNames
      for (const ref of refs) {
        const wire = ref.value === undefined ? undefined : catalog.wireEventsByName.get(ref.value)
        const category = wire?.event.category === undefined ? undefined : catalog.categories[wire.event.category]
        if (!wire || !category || category.requiredProperties.length === 0) continue
        const missing = category.requiredProperties.filter((p) => !sent.has(p))
        if (missing.length > 0) missingRequiredProperties.push({ ...locationOf(site), event: wire.name, category: category.name, missing })
      }
    }
  }
  return { declaredNeverCaptured, capturedUndeclared, sameAfterNormalization, missingRequiredProperties, dynamicNames, people: peopleCoverage(catalog, sites) }
}

function peopleCoverage(catalog: Catalog | undefined, sites: readonly AuditCallSite[]): PeopleCoverage {
  const people: PeopleCoverage = { identify: [], alias: [], groups: [], groupTypesNeverSet: [] }
  const byType = new Map<string | undefined, SiteLocation[]>()
  for (const site of sites) {
    if (site.kind === 'identify' || site.kind === 'alias') people[site.kind].push(locationOf(site))
    else if (site.kind === 'group') {
      const types = site.groupTypes?.length ? site.groupTypes.map((ref) => ref.value) : [undefined]
      for (const type of new Set(types)) {
        const list = byType.get(type) ?? []
        list.push(locationOf(site))
        byType.set(type, list)
      }
    }
  }
  people.groups = [...byType]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : compare(a, b)))
    .map(([groupType, callSites]) => (groupType === undefined ? { callSites } : { groupType, callSites }))
  people.groupTypesNeverSet = (catalog?.groups ?? []).map((group) => group.name).filter((name) => !byType.has(name))
  return people
}

function locationOf(site: CallSite): SiteLocation {
  return { file: site.file, line: site.line, column: site.column }
}

function dedupe(locations: SiteLocation[]): SiteLocation[] {
  const seen = new Set<string>()
  return locations.filter((l) => {
    const key = `${l.file}:${l.line}:${l.column}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
