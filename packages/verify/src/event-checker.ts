/**
 * The checks of one sent event against the catalog: the compiled dev validators for types, enums, formats,
 * bounds and required properties; core's deny list and e-mail rule; personal data in values; deprecation.
 * Findings and aggregates are kept per rule, event and message, so memory grows with the catalog, not the file.
 */
import { type Catalog, nearestNames, normalizeEventName, ruleDocsUrl } from '@herald/core'
import { looksLikeEmail } from '@herald/runtime'
import type { EventValidator } from './compile-validators.js'
import type { SentEvent } from './input-formats.js'
import { personalDataKind } from './pii-values.js'
import {
  type EventStats,
  findingKey,
  MAX_SAMPLES,
  sortFindings,
  VERIFY_REPORT_FORMAT_VERSION,
  type VerifyFinding,
  type VerifyReport,
  type VerifyRuleId,
} from './report.js'

/** Distinct undeclared names kept apart; beyond it they share one entry, so memory stays bounded. */
const MAX_UNDECLARED_NAMES = 1000
const OTHER_UNDECLARED = '(other undeclared events)'
/** Unreadable lines reported one by one in each file; the rest of the file's are one finding with their count. */
export const MAX_INPUT_PROBLEMS_PER_FILE = 100
/** Property keys whose forbidden-key answer is remembered (real traffic repeats a few hundred keys). */
const MAX_REMEMBERED_KEYS = 10_000

export { ruleDocsUrl }

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
  lines = 0
  events = 0

  constructor(
    private readonly catalog: Catalog,
    private readonly catalogFile: string,
    private readonly validators: ReadonlyMap<string, EventValidator>,
  ) {}

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
        message: `More lines of ${file} could not be read, beyond the first ${MAX_INPUT_PROBLEMS_PER_FILE} listed`,
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

  check(event: SentEvent, file: string, line: number): void {
    this.events++
    const found: Array<Omit<VerifyFinding, 'file' | 'line' | 'column' | 'count'>> = []
    const report = (ruleId: VerifyRuleId, message: string, severity: 'error' | 'warning' = 'error', extra: Partial<VerifyFinding> = {}) =>
      found.push({ ruleId, severity, message, ...(event.name !== undefined ? { event: event.name } : {}), ...extra })

    const wire = event.name === undefined ? undefined : this.catalog.wireEventsByName.get(event.name)
    const sdkEvent = event.name?.startsWith('$') ?? true
    if (event.name !== undefined && wire === undefined && !sdkEvent) {
      const candidates = this.suggest(event.name)
      report(
        'no-undeclared-event',
        `The event "${event.name}" is not declared in the catalog.${candidates.length ? ` Did you mean ${candidates.map((c) => `"${c}"`).join(', ')}?` : ''}`,
        'error',
        candidates.length ? { suggestions: candidates } : {},
      )
    }
    if (wire?.event.deprecated) {
      const d = wire.event.deprecated
      report(
        'no-deprecated-event',
        `The event "${wire.name}" is deprecated${d.since ? ` since ${d.since}` : ''} and still arrives.${d.renamedTo ? ` Use "${d.renamedTo}".` : ''}`,
        'warning',
      )
    }

    // Forbidden keys at any depth and personal data in values, whatever the key.
    this.walk(event.properties, '', wire?.properties, report)

    if (wire) {
      const validate = this.validators.get(wire.name)!
      let properties = event.properties
      for (const key of Object.keys(properties)) {
        if (key.startsWith('$') || Object.hasOwn(wire.properties, key)) continue
        report('no-undeclared-property', `The event "${wire.name}" does not declare the property "${key}".`)
      }
      let problem = validate(properties)
      if (problem !== undefined && problem.endsWith(' is not declared')) {
        // Undeclared keys are reported above; check the declared ones for their own problems.
        properties = Object.fromEntries(Object.entries(properties).filter(([key]) => Object.hasOwn(wire.properties, key)))
        problem = validate(properties)
      }
      if (problem !== undefined) {
        const required = / must have the required property "(.*)"$/.exec(problem)
        if (required) report('missing-required-property', `The event "${wire.name}" is missing the required property "${required[1]}".`)
        else report('invalid-property-value', `The event "${wire.name}": ${problem.slice(1)}.`)
      }
    }
    if (event.distinctId !== undefined && event.distinctId !== null) {
      const id = String(event.distinctId)
      const kind = looksLikeEmail(id) ? 'email' : personalDataKind(id)
      if (kind !== undefined)
        report(
          'no-pii-distinct-id',
          `A distinct id is ${kind === 'email' ? 'an email address' : `a ${kind.replace('-', ' ')}`}; use an opaque id such as ${this.catalog.privacy.distinctId?.property ?? 'user_id'}.`,
        )
    }

    const statsName =
      event.name === undefined
        ? undefined
        : wire || sdkEvent || this.stats.has(event.name) || this.stats.size < MAX_UNDECLARED_NAMES
          ? event.name
          : OTHER_UNDECLARED
    if (statsName !== undefined) {
      let stats = this.stats.get(statsName)
      if (!stats) this.stats.set(statsName, (stats = { count: 0, violating: 0, properties: {} }))
      stats.count++
      if (found.some((f) => f.severity === 'error')) stats.violating++
      if (event.time !== undefined) {
        const seen = this.seen.get(stats)
        if (seen === undefined) this.seen.set(stats, { first: event.time, last: event.time })
        else if (event.time < seen.first) seen.first = event.time
        else if (event.time > seen.last) seen.last = event.time
      }
      // Property names are counted for declared events only: an undeclared event's keys are unbounded.
      if (wire) for (const key in event.properties) stats.properties[key] = (stats.properties[key] ?? 0) + 1
    }
    for (const f of found) this.add({ ...f, file, line, column: 1, count: 1, samples: [{ file, line, event: redactedSample(event) }] })
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
      } else if (child !== null && typeof child === 'object') {
        if (Array.isArray(child)) {
          child.forEach((item, i) => {
            if (typeof item === 'string') {
              const kind = personalDataKind(item)
              if (kind !== undefined)
                report(
                  'no-pii-value',
                  `The property "${at}.${i}" holds what looks like ${kind === 'email' ? 'an email address' : `a ${kind.replace('-', ' ')}`}.`,
                )
            } else if (item !== null && typeof item === 'object' && !Array.isArray(item))
              this.walk(item as Record<string, unknown>, `${at}.${i}`, undefined, report)
          })
        } else this.walk(child as Record<string, unknown>, at, undefined, report)
      }
    }
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

  private suggest(name: string): string[] {
    let found = this.suggestions.get(name)
    if (found === undefined) {
      found = nearestNames(name, this.catalog.wireEventsByName.keys(), (n) => normalizeEventName(n))
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
