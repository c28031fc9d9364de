/**
 * verify's result. Findings have the checker's one shape (rule, severity, message, file:line) and are
 * aggregated per rule, event and message: `count` occurrences, located at the first one, with a few redacted
 * samples. Every field merges by sum, min or max, so the report is the same whatever order files are read in.
 */
import type { Finding } from '@herald/core'

export const VERIFY_REPORT_FORMAT_VERSION = 1

export type VerifyRuleId =
  | 'no-undeclared-event'
  | 'no-undeclared-property'
  | 'no-forbidden-property'
  | 'no-pii-distinct-id'
  | 'no-deprecated-event'
  | 'invalid-property-value'
  | 'missing-required-property'
  | 'no-pii-value'
  | 'readable-input'

/** The checker's finding, with verify's own rules, counted and sampled. */
export interface VerifyFinding extends Omit<Finding, 'ruleId' | 'data' | 'messageId'> {
  ruleId: VerifyRuleId
  /** How many events (or lines) had this problem. */
  count: number
  /** Up to three offending events, every value replaced by its type. */
  samples?: Array<{ file: string; line: number; event: unknown }>
}

export interface EventStats {
  count: number
  violating: number
  firstSeen?: string
  lastSeen?: string
  /** How many of its events carried each property. */
  properties: Record<string, number>
}

export interface VerifyReport {
  formatVersion: typeof VERIFY_REPORT_FORMAT_VERSION
  catalog: string
  files: string[]
  lines: number
  events: number
  findings: VerifyFinding[]
  eventStats: Record<string, EventStats>
  /** Declared, not deprecated wire events that no line sent. */
  declaredNeverSeen: string[]
  /** The catalog's wire events, to compute `declaredNeverSeen` again after a merge. */
  declared: string[]
}

export const MAX_SAMPLES = 3

const byLocation = (a: { file: string; line: number }, b: { file: string; line: number }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)

export function findingKey(f: VerifyFinding): string {
  return `${f.ruleId}\u0000${f.event ?? ''}\u0000${f.message}`
}

/** Adds `next` into `into` (same key): counts summed, the first location and the first samples kept. */
export function mergeFinding(into: VerifyFinding, next: VerifyFinding): void {
  into.count += next.count
  if (byLocation(next, into) < 0) {
    into.file = next.file
    into.line = next.line
    into.column = next.column
  }
  if (next.samples) into.samples = [...(into.samples ?? []), ...next.samples].sort(byLocation).slice(0, MAX_SAMPLES)
}

export function sortFindings(findings: VerifyFinding[]): VerifyFinding[] {
  return findings.sort((a, b) => byLocation(a, b) || (findingKey(a) < findingKey(b) ? -1 : findingKey(a) > findingKey(b) ? 1 : 0))
}

/** `herald verify merge`: reports of partitions → the report of all of them. */
export function mergeReports(reports: readonly VerifyReport[]): VerifyReport {
  const findings = new Map<string, VerifyFinding>()
  const eventStats: Record<string, EventStats> = {}
  const declared = new Set<string>()
  let lines = 0
  let events = 0
  const files: string[] = []
  for (const report of reports) {
    lines += report.lines
    events += report.events
    files.push(...report.files)
    for (const name of report.declared) declared.add(name)
    for (const f of report.findings) {
      const key = findingKey(f)
      const existing = findings.get(key)
      if (existing) mergeFinding(existing, f)
      else findings.set(key, structuredClone(f))
    }
    for (const [name, s] of Object.entries(report.eventStats)) {
      const into = (eventStats[name] ??= { count: 0, violating: 0, properties: {} })
      into.count += s.count
      into.violating += s.violating
      if (s.firstSeen !== undefined && (into.firstSeen === undefined || s.firstSeen < into.firstSeen)) into.firstSeen = s.firstSeen
      if (s.lastSeen !== undefined && (into.lastSeen === undefined || s.lastSeen > into.lastSeen)) into.lastSeen = s.lastSeen
      for (const [key, n] of Object.entries(s.properties)) into.properties[key] = (into.properties[key] ?? 0) + n
    }
  }
  const seen = new Set(Object.keys(eventStats))
  const neverSeenBefore = new Set(reports.flatMap((r) => r.declaredNeverSeen))
  return {
    formatVersion: VERIFY_REPORT_FORMAT_VERSION,
    catalog: reports[0]?.catalog ?? '',
    // A file split between workers is in several reports.
    files: [...new Set(files)].sort(),
    lines,
    events,
    findings: sortFindings([...findings.values()]),
    eventStats: Object.fromEntries(Object.entries(eventStats).sort(([a], [b]) => (a < b ? -1 : 1))),
    // Only names every partition's catalog expected (deprecated ones are left out of each).
    declaredNeverSeen: [...declared].filter((name) => !seen.has(name) && neverSeenBefore.has(name)).sort(),
    declared: [...declared].sort(),
  }
}

/** Unreadable lines listed one by one in each file; the rest of the file's are one finding with their count. */
export const MAX_INPUT_PROBLEMS_PER_FILE = 100

export const moreInputProblemsMessage = (file: string) => `More lines of ${file} could not be read, beyond the first ${MAX_INPUT_PROBLEMS_PER_FILE} listed`

/**
 * The merged report of the pieces of `files` (each verified by a worker of its own) as one reading of each
 * file reports it: its first `MAX_INPUT_PROBLEMS_PER_FILE` unreadable lines listed, the rest counted in one
 * finding located at the first of them.
 */
export function capInputProblems(report: VerifyReport, files: ReadonlySet<string>): VerifyReport {
  if (files.size === 0) return report
  const dropped = new Set<VerifyFinding>()
  for (const file of files) {
    const more = moreInputProblemsMessage(file)
    const own = report.findings.filter((f) => f.ruleId === 'readable-input' && f.file === file)
    const listed = own.filter((f) => f.message !== more).sort(byLocation)
    if (listed.length <= MAX_INPUT_PROBLEMS_PER_FILE) continue
    const rest = listed.slice(MAX_INPUT_PROBLEMS_PER_FILE)
    let counted = own.find((f) => f.message === more)
    if (counted === undefined) {
      counted = { ...rest[0]!, message: more, count: 0 }
      report.findings.push(counted)
    }
    for (const f of rest) {
      counted.count += f.count
      if (byLocation(f, counted) < 0) counted.line = f.line
      dropped.add(f)
    }
  }
  report.findings = sortFindings(report.findings.filter((f) => !dropped.has(f)))
  return report
}
