/**
 * The checks of one sent event against the catalog: the compiled dev validators for types, enums, formats,
 * bounds and required properties; core's deny list and e-mail rule; personal data in values; deprecation.
 * Findings and aggregates are kept per rule, event and message, so memory grows with the catalog, not the file.
 */
import { type Catalog, NameIndex, normalizeEventName, ruleDocsUrl, type WireEvent } from '@herald/core'
import { looksLikeEmail } from '@herald/runtime'
import { type CatalogValidators, type EventValidator, propertyProblem } from './compile-validators.js'
import type { SentEvent } from './input-formats.js'
import { type PiiKind, personalDataKind } from './pii-values.js'
import {
  type EventStats,
  findingKey,
  MAX_INPUT_PROBLEMS_PER_FILE,
  MAX_SAMPLES,
  moreInputProblemsMessage,
  sortFindings,
  VERIFY_REPORT_FORMAT_VERSION,
  type VerifyFinding,
  type VerifyReport,
  type VerifyRuleId,
} from './report.js'

/** Distinct undeclared names kept apart; beyond it they share one entry, so memory stays bounded. */
export const MAX_UNDECLARED_NAMES = 1000
const OTHER_UNDECLARED = '(other undeclared events)'
/** Property keys whose forbidden-key answer is remembered (real traffic repeats a few hundred keys). */
const MAX_REMEMBERED_KEYS = 10_000

export { MAX_INPUT_PROBLEMS_PER_FILE, ruleDocsUrl }

const VALUE_TYPES = ['number', 'boolean', 'string', 'unknown'] as const

/** A top-level key of a declared event: declared or seen, how often, and its forbidden-key answer per value type. */
interface KeyPlan {
  declared: boolean
  /** A declared key's place in the event's declaration order, and its value's validator. */
  index: number
  validate: EventValidator | undefined
  required: boolean
  /** Whether an IP address in it is personal data (false for properties declared `pii`). */
  ip: boolean
  count: number
  forbidden: [string | false | undefined, string | false | undefined, string | false | undefined, string | false | undefined]
  /** The last string value seen under the key and what personal data it looks like. */
  lastString: string | undefined
  lastKind: PiiKind | undefined
}

interface EventPlan {
  wire: WireEvent
  /** Whether a required key is missing: the first one, in the order the event validator checks them. */
  validateRequired: EventValidator | undefined
  /** The deprecation finding's message, when the event is deprecated. */
  deprecated: string | undefined
  keys: Map<string, KeyPlan>
  /** Keys in the order they were first seen, for the report's property counts. */
  order: string[]
  stats: EventStats
  seen: { first: number; last: number } | undefined
}

export class EventChecker {
  private readonly findings = new Map<string, VerifyFinding>()
  private readonly stats = new Map<string, EventStats>()
  private readonly suggestions = new Map<string, string[]>()
  private readonly files = new Set<string>()
  private readonly inputProblems = new Map<string, number>()
  /** Epoch ms of each event's first and last line: turned into ISO text once, in the report. */
  private readonly seen = new Map<EventStats, { first: number; last: number }>()
  private readonly forbidden = {
    number: new Map<string, string | false>(),
    boolean: new Map<string, string | false>(),
    string: new Map<string, string | false>(),
    unknown: new Map<string, string | false>(),
  }
  private remembered = 0
  /** What each declared event's lines need, looked up once per line by its name. */
  private readonly plans = new Map<string, EventPlan>()
  lines = 0
  events = 0

  constructor(
    private readonly catalog: Catalog,
    private readonly catalogFile: string,
    private readonly validators: CatalogValidators,
    /** Distinct event names kept apart (a worker keeps more; `foldUndeclaredNames` brings them to one thread's). */
    private readonly maxNames = MAX_UNDECLARED_NAMES,
  ) {}

  /** The event names of the aggregates, in the order their first events came. */
  eventNames(): string[] {
    return [...this.stats.keys()]
  }

  /** A line that could not be read as events. */
  inputProblem(file: string, line: number, message: string): void {
    this.files.add(file)
    const before = this.inputProblems.get(file) ?? 0
    this.inputProblems.set(file, before + 1)
    if (before < MAX_INPUT_PROBLEMS_PER_FILE)
      this.add({ ruleId: 'readable-input', severity: 'error', message: `${message} (line ${line})`, file, line, column: 1, count: 1 })
    else {
      // One finding for the rest, so a file of garbage does not make a report as long as itself.
      this.add({
        ruleId: 'readable-input',
        severity: 'error',
        message: moreInputProblemsMessage(file),
        file,
        line,
        column: 1,
        count: 1,
      })
    }
  }

  fileRead(file: string, lines: number): void {
    this.files.add(file)
    this.lines += lines
  }

  /** The findings of the event being checked, and its name (one array and one function for every event). */
  private readonly found: Array<Omit<VerifyFinding, 'file' | 'line' | 'column' | 'count'>> = []
  private eventName: string | undefined
  private readonly reportFinding = (ruleId: VerifyRuleId, message: string, severity: 'error' | 'warning' = 'error', extra: Partial<VerifyFinding> = {}) => {
    this.found.push({ ruleId, severity, message, ...(this.eventName !== undefined ? { event: this.eventName } : {}), ...extra })
  }

  check(event: SentEvent, file: string, line: number): void {
    this.events++
    const found = this.found
    found.length = 0
    this.eventName = event.name
    const report = this.reportFinding

    const plan = event.name === undefined ? undefined : this.planOf(event.name)
    if (plan !== undefined) this.checkDeclared(plan, event, report)
    else {
      const sdkEvent = event.name?.startsWith('$') ?? true
      if (event.name !== undefined && !sdkEvent) {
        const candidates = this.suggest(event.name)
        report(
          'no-undeclared-event',
          `The event "${event.name}" is not declared in the catalog.${candidates.length ? ` Did you mean ${candidates.map((c) => `"${c}"`).join(', ')}?` : ''}`,
          'error',
          candidates.length ? { suggestions: candidates } : {},
        )
      }
      // Forbidden keys at any depth and personal data in values, whatever the key.
      this.walk(event.properties, '', undefined, report)
    }
    if (event.distinctId !== undefined && event.distinctId !== null) {
      const id = String(event.distinctId)
      // looksLikeEmail needs an @; personalDataKind skips short ids at once.
      const kind = id.includes('@') && looksLikeEmail(id) ? 'email' : personalDataKind(id)
      if (kind !== undefined)
        report(
          'no-pii-distinct-id',
          `A distinct id is ${kind === 'email' ? 'an email address' : `a ${kind.replace('-', ' ')}`}; use an opaque id such as ${this.catalog.privacy.distinctId?.property ?? 'user_id'}.`,
        )
    }

    let stats: EventStats | undefined
    let seen: { first: number; last: number } | undefined
    if (plan !== undefined) {
      stats = plan.stats
      seen = plan.seen
    } else if (event.name !== undefined) {
      const sdkEvent = event.name.startsWith('$')
      const statsName = sdkEvent || this.stats.has(event.name) || this.stats.size < this.maxNames ? event.name : OTHER_UNDECLARED
      stats = this.stats.get(statsName)
      if (!stats) this.stats.set(statsName, (stats = { count: 0, violating: 0, properties: {} }))
      seen = this.seen.get(stats)
    }
    if (stats !== undefined) {
      stats.count++
      if (found.length > 0 && found.some((f) => f.severity === 'error')) stats.violating++
      if (event.time !== undefined) {
        if (seen === undefined) {
          seen = { first: event.time, last: event.time }
          this.seen.set(stats, seen)
          if (plan !== undefined) plan.seen = seen
        } else if (event.time < seen.first) seen.first = event.time
        else if (event.time > seen.last) seen.last = event.time
      }
    }
    if (found.length === 0) return
    // One redacted sample of the event, made only when a finding still has room for it.
    let sample: unknown
    for (const f of found) {
      const finding: VerifyFinding = { ...f, file, line, column: 1, count: 1 }
      const existing = this.findings.get(findingKey(finding))
      if (existing === undefined || (existing.samples?.length ?? 0) < MAX_SAMPLES) {
        sample ??= redactedSample(event)
        finding.samples = [{ file, line, event: sample }]
      }
      this.add(finding)
    }
  }

  /**
   * A declared event: one pass over its top-level keys answers forbidden keys, personal data, undeclared keys,
   * the property counts (through the event's plan) and, with each declared key's compiled validator, the
   * problem the event's validator would give.
   */
  private checkDeclared(plan: EventPlan, event: SentEvent, report: (ruleId: VerifyRuleId, message: string, severity?: 'error' | 'warning') => void): void {
    const { wire } = plan
    if (plan.deprecated !== undefined) report('no-deprecated-event', plan.deprecated, 'warning')
    const properties = event.properties
    let undeclared = false
    // The event validator's answer, put together key by key: the first missing required key, else the problem
    // of the first declared property (in declaration order) that has one.
    let requiredSeen = 0
    let failedAt = Number.POSITIVE_INFINITY
    let failure: string | undefined
    for (const key in properties) {
      const child = properties[key]
      let known = plan.keys.get(key)
      if (known === undefined)
        plan.keys.set(
          key,
          (known = {
            declared: false,
            index: -1,
            validate: undefined,
            required: false,
            ip: true,
            count: 0,
            forbidden: [undefined, undefined, undefined, undefined],
            lastString: undefined,
            lastKind: undefined,
          }),
        )
      if (known.count++ === 0) plan.order.push(key)
      if (!known.declared) undeclared = true
      else if (child !== undefined) {
        if (known.required) requiredSeen++
        if (known.index < failedAt) {
          const problem = known.validate!(child)
          if (problem !== undefined) {
            failedAt = known.index
            failure = propertyProblem(key, problem)
          }
        }
      }
      const type = typeof child === 'number' ? 0 : typeof child === 'boolean' ? 1 : typeof child === 'string' ? 2 : 3
      let match = known.forbidden[type]
      if (match === undefined) match = known.forbidden[type] = this.forbiddenMatch(key, VALUE_TYPES[type]!)
      if (match !== false) report('no-forbidden-property', `The property "${key}" is a forbidden key (it matches "${match}") and must never be sent.`)
      if (type === 2) {
        // Values repeat per key (enums, versions, defaults): the last one's answer is kept.
        let kind: PiiKind | undefined
        if (child === known.lastString) kind = known.lastKind
        else {
          kind = known.lastKind = personalDataKind(child as string, known.ip)
          known.lastString = child as string
        }
        if (kind !== undefined)
          report('no-pii-value', `The property "${key}" holds what looks like ${kind === 'email' ? 'an email address' : `a ${kind.replace('-', ' ')}`}.`)
      } else if (type === 3 && child !== null && typeof child === 'object') this.walkValue(child, key, report)
    }
    if (undeclared)
      for (const key in properties)
        if (!plan.keys.get(key)!.declared && !key.startsWith('$'))
          report('no-undeclared-property', `The event "${wire.name}" does not declare the property "${key}".`)
    // Undeclared keys are reported above; the validators check the declared ones for their own problems.
    const problem = (requiredSeen < wire.required.length ? plan.validateRequired!(properties) : undefined) ?? failure
    if (problem !== undefined) {
      const required = / must have the required property "(.*)"$/.exec(problem)
      if (required) report('missing-required-property', `The event "${wire.name}" is missing the required property "${required[1]}".`)
      else report('invalid-property-value', `The event "${wire.name}": ${problem.slice(1)}.`)
    }
  }

  /** The plan of a declared event, made on its first line; undefined for a name the catalog does not declare. */
  private planOf(name: string): EventPlan | undefined {
    let plan = this.plans.get(name)
    if (plan === undefined) {
      const wire = this.catalog.wireEventsByName.get(name)
      if (wire === undefined) return undefined
      const d = wire.event.deprecated
      const validation = this.validators.events.get(wire.name)!
      const required = new Set(wire.required)
      const keys = new Map<string, KeyPlan>()
      for (const [index, [key, schema]] of Object.entries(wire.properties).entries())
        keys.set(key, {
          declared: true,
          index,
          validate: this.validators.validators[validation.properties[index]!],
          required: required.has(key),
          ip: schema.pii === undefined || schema.pii === 'none',
          count: 0,
          forbidden: [undefined, undefined, undefined, undefined],
          lastString: undefined,
          lastKind: undefined,
        })
      let stats = this.stats.get(name)
      if (!stats) this.stats.set(name, (stats = { count: 0, violating: 0, properties: {} }))
      plan = {
        wire,
        validateRequired: validation.required === undefined ? undefined : this.validators.validators[validation.required],
        deprecated: d
          ? `The event "${wire.name}" is deprecated${d.since ? ` since ${d.since}` : ''} and still arrives.${d.renamedTo ? ` Use "${d.renamedTo}".` : ''}`
          : undefined,
        keys,
        order: [],
        stats,
        seen: this.seen.get(stats),
      }
      this.plans.set(name, plan)
    }
    return plan
  }

  private walk(
    value: Record<string, unknown>,
    path: string,
    declared: Record<string, { pii?: string }> | undefined,
    report: (ruleId: VerifyRuleId, message: string) => void,
  ): void {
    for (const key in value) {
      const child = value[key]
      const at = path === '' ? key : `${path}.${key}`
      const type = typeof child === 'number' ? 'number' : typeof child === 'boolean' ? 'boolean' : typeof child === 'string' ? 'string' : 'unknown'
      const match = this.forbiddenMatch(key, type)
      if (match !== false) report('no-forbidden-property', `The property "${at}" is a forbidden key (it matches "${match}") and must never be sent.`)
      if (typeof child === 'string') {
        const pii = declared?.[key]?.pii
        const kind = personalDataKind(child, pii === undefined || pii === 'none')
        if (kind !== undefined)
          report('no-pii-value', `The property "${at}" holds what looks like ${kind === 'email' ? 'an email address' : `a ${kind.replace('-', ' ')}`}.`)
      } else if (child !== null && typeof child === 'object') this.walkValue(child, at, report)
    }
  }

  /** An object or array value at `at`: its strings checked for personal data, its objects walked. */
  private walkValue(child: object, at: string, report: (ruleId: VerifyRuleId, message: string) => void): void {
    if (Array.isArray(child)) {
      child.forEach((item, i) => {
        if (typeof item === 'string') {
          const kind = personalDataKind(item)
          if (kind !== undefined)
            report('no-pii-value', `The property "${at}.${i}" holds what looks like ${kind === 'email' ? 'an email address' : `a ${kind.replace('-', ' ')}`}.`)
        } else if (item !== null && typeof item === 'object' && !Array.isArray(item))
          this.walk(item as Record<string, unknown>, `${at}.${i}`, undefined, report)
      })
    } else this.walk(child as Record<string, unknown>, at, undefined, report)
  }

  /** The forbidden-key entry `key` matches, or false; remembered per key and value type. */
  private forbiddenMatch(key: string, type: 'number' | 'boolean' | 'string' | 'unknown'): string | false {
    const known = this.forbidden[type]
    let match = known.get(key)
    if (match === undefined) {
      match = this.catalog.isForbiddenKey(key, type) ? String(this.catalog.isForbiddenKey.match(key)) : false
      if (this.remembered++ < MAX_REMEMBERED_KEYS) known.set(key, match)
    }
    return match
  }

  /** The catalog's names normalized once, for did-you-mean (made on the first undeclared name). */
  private names: NameIndex | undefined

  private suggest(name: string): string[] {
    let found = this.suggestions.get(name)
    if (found === undefined) {
      this.names ??= new NameIndex(this.catalog.wireEventsByName.keys(), (n) => normalizeEventName(n))
      found = this.names.nearest(name)
      if (this.suggestions.size < MAX_UNDECLARED_NAMES) this.suggestions.set(name, found)
    }
    return found
  }

  private add(finding: VerifyFinding): void {
    const key = findingKey(finding)
    const existing = this.findings.get(key)
    if (existing) {
      existing.count++
      // Files are read in sorted order and lines in order, so the first samples are the earliest ones.
      if (existing.samples && existing.samples.length < MAX_SAMPLES && finding.samples) existing.samples.push(...finding.samples)
    } else this.findings.set(key, finding)
  }

  report(): VerifyReport {
    for (const plan of this.plans.values()) {
      const properties: Record<string, number> = {}
      for (const key of plan.order) properties[key] = plan.keys.get(key)!.count
      plan.stats.properties = properties
    }
    const declared = this.catalog.wireEvents.filter((w) => !w.event.deprecated).map((w) => w.name)
    return {
      formatVersion: VERIFY_REPORT_FORMAT_VERSION,
      catalog: this.catalogFile,
      files: [...this.files].sort(),
      lines: this.lines,
      events: this.events,
      findings: sortFindings([...this.findings.values()]),
      eventStats: Object.fromEntries(
        [...this.stats]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([name, stats]) => {
            const seen = this.seen.get(stats)
            return [name, seen === undefined ? stats : { ...stats, firstSeen: new Date(seen.first).toISOString(), lastSeen: new Date(seen.last).toISOString() }]
          }),
      ),
      declaredNeverSeen: declared.filter((name) => !this.stats.has(name)).sort(),
      declared: declared.sort(),
    }
  }
}

/** An event as a sample in the report: keys kept, every value replaced by its type, so the report leaks nothing. */
export function redactedSample(event: SentEvent): unknown {
  const redact = (v: unknown): unknown =>
    v === null || typeof v === 'boolean'
      ? v
      : Array.isArray(v)
        ? v.slice(0, 10).map(redact)
        : typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v as Record<string, unknown>)
                .slice(0, 50)
                .map(([k, x]) => [k, redact(x)]),
            )
          : `<${typeof v}>`
  return { event: event.name, properties: redact(event.properties), ...(event.distinctId !== undefined ? { distinctId: redact(event.distinctId) } : {}) }
}

/**
 * The merged report of consecutive shares as one thread makes it: `order` is every share's `eventNames()`, in
 * share order. One thread keeps an entry of its own for each of the first `MAX_UNDECLARED_NAMES` event names
 * (declared and `$` names always); later undeclared names share one. Exact while no worker passed its own,
 * larger limit.
 */
export function foldUndeclaredNames(report: VerifyReport, order: readonly string[], isDeclared: (name: string) => boolean): VerifyReport {
  const kept = new Set<string>()
  const folded = new Set<string>()
  for (const name of order) {
    if (name === OTHER_UNDECLARED || kept.has(name) || folded.has(name)) continue
    if (isDeclared(name) || name.startsWith('$') || kept.size < MAX_UNDECLARED_NAMES) kept.add(name)
    else folded.add(name)
  }
  if (folded.size === 0) return report
  const other = (report.eventStats[OTHER_UNDECLARED] ??= { count: 0, violating: 0, properties: {} })
  for (const name of folded) {
    const stats = report.eventStats[name]
    if (stats === undefined) continue
    delete report.eventStats[name]
    other.count += stats.count
    other.violating += stats.violating
    if (stats.firstSeen !== undefined && (other.firstSeen === undefined || stats.firstSeen < other.firstSeen)) other.firstSeen = stats.firstSeen
    if (stats.lastSeen !== undefined && (other.lastSeen === undefined || stats.lastSeen > other.lastSeen)) other.lastSeen = stats.lastSeen
  }
  report.eventStats = Object.fromEntries(Object.entries(report.eventStats).sort(([a], [b]) => (a < b ? -1 : 1)))
  return report
}
