/**
 * From timings to the one results table: medians, ratio, goal, pass / fail / not built. Pure functions, so the
 * rules that decide a row's status are tested with fake timings.
 */

export type RowStatus = 'pass' | 'fail' | 'not built'

/** One row of `bench/results.json`, in the shape the benchmark issue fixes. */
export interface ResultRow {
  name: string
  /** Median, in `unit`; null when herald's side is not built or failed. */
  herald: number | null
  baseline: number | null
  unit: string
  /** herald / baseline of the medians; lower is better. */
  ratio: number | null
  goal: string
  status: RowStatus
  /** herald's peak resident set size, where the row records it. */
  rssMiB?: number
}

export interface ResultsDocument {
  rows: ResultRow[]
}

export interface RowGoal {
  /** The largest herald / baseline ratio that passes. */
  maxRatio: number
  /** The largest peak RSS of herald's side that passes, in MiB. */
  maxRssMiB?: number
  /** The largest herald / baseline ratio of peak RSS that passes. */
  maxRssRatio?: number
  /** The largest share (0–1) of ESLint's time that herald's rules may take. */
  maxRuleShare?: number
  /** The goal as the issue writes it. */
  text: string
}

export interface RowSpec {
  name: string
  unit: 'ms' | 'ns/op' | 'B'
  goal: RowGoal
  /** What the row measured, shown in the table: `check (5,000 events)`. */
  label: string
}

export type Measurement =
  | { kind: 'not built'; reason: string }
  /** herald's side exists but did not run to the end: a failure, with the reason. */
  | { kind: 'error'; message: string }
  | {
      kind: 'measured'
      herald: number[]
      baseline: number[]
      heraldRssMiB?: number[]
      baselineRssMiB?: number[]
      /** Share of ESLint's time spent in herald's rules, from its stats. */
      ruleShare?: number
      /** What else the run found out: correctness against the expected findings, how it was measured. */
      notes?: string[]
    }

export interface SummarizedRow {
  row: ResultRow
  label: string
  notes: string[]
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Four significant digits: enough to compare, without pretending to a precision the machine does not have. */
const significant = (value: number) => Number(value.toPrecision(4))

export function summarizeRow(spec: RowSpec, measurement: Measurement): SummarizedRow {
  // Keys in the order the issue writes them, so results.json reads like its spec.
  const unmeasured = (status: RowStatus): ResultRow => ({
    name: spec.name,
    herald: null,
    baseline: null,
    unit: spec.unit,
    ratio: null,
    goal: spec.goal.text,
    status,
  })
  if (measurement.kind === 'not built') {
    return { row: unmeasured('not built'), label: spec.label, notes: [`${spec.name}: not built (${measurement.reason})`] }
  }
  if (measurement.kind === 'error') {
    return { row: unmeasured('fail'), label: spec.label, notes: [`${spec.name}: failed to run: ${measurement.message}`] }
  }
  const herald = median(measurement.herald)
  const baseline = median(measurement.baseline)
  const ratio = herald / baseline
  const notes: string[] = []
  let pass = ratio <= spec.goal.maxRatio
  if (!pass) notes.push(`${spec.name}: ratio ${ratio.toFixed(2)}× is over the goal of ${spec.goal.maxRatio}×`)

  const rssMiB = measurement.heraldRssMiB?.length ? Math.max(...measurement.heraldRssMiB) : undefined
  if (spec.goal.maxRssMiB !== undefined) {
    if (rssMiB === undefined) {
      pass = false
      notes.push(`${spec.name}: peak RSS was not recorded`)
    } else if (rssMiB > spec.goal.maxRssMiB) {
      pass = false
      notes.push(`${spec.name}: peak RSS ${Math.round(rssMiB)} MiB is over the goal of ${Math.round(spec.goal.maxRssMiB)} MiB`)
    }
  }
  if (spec.goal.maxRssRatio !== undefined) {
    const baselineRss = measurement.baselineRssMiB?.length ? Math.max(...measurement.baselineRssMiB) : undefined
    if (rssMiB === undefined || baselineRss === undefined) {
      pass = false
      notes.push(`${spec.name}: peak RSS was not recorded`)
    } else if (rssMiB / baselineRss > spec.goal.maxRssRatio) {
      pass = false
      notes.push(`${spec.name}: peak RSS ratio ${(rssMiB / baselineRss).toFixed(2)}× is over the goal of ${spec.goal.maxRssRatio}×`)
    }
  }
  if (spec.goal.maxRuleShare !== undefined) {
    if (measurement.ruleShare === undefined) {
      pass = false
      notes.push(`${spec.name}: herald's share of ESLint's time was not recorded`)
    } else if (measurement.ruleShare > spec.goal.maxRuleShare) {
      pass = false
      notes.push(`${spec.name}: herald's rules took ${percent(measurement.ruleShare)} of ESLint's time, over the goal of ${percent(spec.goal.maxRuleShare)}`)
    }
  }
  if (measurement.ruleShare !== undefined && spec.goal.maxRuleShare !== undefined && measurement.ruleShare <= spec.goal.maxRuleShare) {
    notes.push(`${spec.name}: herald's rules took ${percent(measurement.ruleShare)} of ESLint's time`)
  }
  if (measurement.baselineRssMiB?.length)
    notes.push(
      `${spec.name}: peak RSS herald ${rssMiB === undefined ? '?' : Math.round(rssMiB)} MiB, baseline ${Math.round(Math.max(...measurement.baselineRssMiB))} MiB`,
    )
  notes.push(...(measurement.notes ?? []).map((note) => `${spec.name}: ${note}`))

  return {
    row: {
      name: spec.name,
      herald: significant(herald),
      baseline: significant(baseline),
      unit: spec.unit,
      ratio: Number(ratio.toFixed(3)),
      goal: spec.goal.text,
      status: pass ? 'pass' : 'fail',
      ...(rssMiB !== undefined ? { rssMiB: Math.round(rssMiB) } : {}),
    },
    label: spec.label,
    notes,
  }
}

export function resultsDocument(rows: readonly SummarizedRow[]): ResultsDocument {
  return { rows: rows.map((r) => r.row) }
}

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%`

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—'
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`
  if (unit === 'ns/op') return value >= 1000 ? `${(value / 1000).toFixed(2)} µs/op` : `${value.toFixed(0)} ns/op`
  return `${value} ${unit}`
}

const formatRatio = (ratio: number | null) => (ratio === null ? '—' : `${ratio.toFixed(2)}×`)

function cells(row: SummarizedRow): string[] {
  const { herald, baseline, unit, ratio, goal, status, rssMiB } = row.row
  const heraldText = status === 'not built' ? 'not built' : herald === null ? 'error' : formatValue(herald, unit)
  return [row.label, `${heraldText}${rssMiB !== undefined ? ` (${rssMiB} MiB)` : ''}`, formatValue(baseline, unit), formatRatio(ratio), goal, status]
}

const HEADER = ['benchmark', 'herald', 'baseline', 'ratio', 'goal', 'result']

/** The table `pnpm bench` prints: one line a row, columns aligned. */
export function formatTable(rows: readonly SummarizedRow[]): string {
  const table = [HEADER, ...rows.map(cells)]
  const widths = HEADER.map((_, i) => Math.max(...table.map((line) => line[i]!.length)))
  return table
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** The same table as Markdown, for the README. */
export function formatMarkdownTable(rows: readonly SummarizedRow[]): string {
  const line = (cellsOfLine: readonly string[]) => `| ${cellsOfLine.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`
  return [line(HEADER), line(HEADER.map(() => '---')), ...rows.map((row) => line(cells(row)))].join('\n')
}
