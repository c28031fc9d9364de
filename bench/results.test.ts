import { describe, expect, it } from 'vitest'
import { formatMarkdownTable, formatTable, median, type RowSpec, resultsDocument, summarizeRow } from './results.js'
import { GOALS, ROW_NAMES, UNITS } from './row-specs.js'

const spec = (name: keyof typeof GOALS, label: string = name): RowSpec => ({ name, unit: UNITS[name], goal: GOALS[name], label })

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(() => median([])).toThrow(RangeError)
  })
})

describe('summarizeRow', () => {
  it('compares medians, not means, so one slow round does not fail a row', () => {
    const { row } = summarizeRow(spec('check'), { kind: 'measured', herald: [300, 310, 5000], baseline: [100, 110, 105] })
    expect(row).toEqual({ name: 'check', herald: 310, baseline: 105, unit: 'ms', ratio: 2.952, goal: '≤ 3×', status: 'pass' })
  })

  it('fails a row whose ratio is over its goal, and says by how much', () => {
    const summary = summarizeRow(spec('emit'), { kind: 'measured', herald: [1300], baseline: [1000] })
    expect(summary.row.status).toBe('fail')
    expect(summary.row.ratio).toBe(1.3)
    expect(summary.notes).toContain('emit: ratio 1.30× is over the goal of 1×')
  })

  it('passes a ratio exactly at the goal', () => {
    expect(summarizeRow(spec('ndjson'), { kind: 'measured', herald: [150], baseline: [100] }).row.status).toBe('pass')
  })

  it('fails on peak RSS over the goal, or not recorded, even when the ratio passes', () => {
    const heavy = summarizeRow(spec('audit'), { kind: 'measured', herald: [900], baseline: [1000], heraldRssMiB: [300, 420], baselineRssMiB: [200] })
    expect(heavy.row).toMatchObject({ status: 'fail', rssMiB: 420 })
    expect(heavy.notes).toContain('audit: peak RSS 420 MiB is over the goal of 381 MiB')
    expect(summarizeRow(spec('audit'), { kind: 'measured', herald: [900], baseline: [1000] }).row.status).toBe('fail')
    expect(summarizeRow(spec('audit'), { kind: 'measured', herald: [900], baseline: [1000], heraldRssMiB: [380] }).row).toMatchObject({
      status: 'pass',
      rssMiB: 380,
    })
  })

  it("needs the lint row's rule share within its goal as well", () => {
    const measured = { kind: 'measured' as const, herald: [1040], baseline: [1000], heraldRssMiB: [500] }
    expect(summarizeRow(spec('lint'), { ...measured, ruleShare: 0.004 }).row.status).toBe('pass')
    const slowRules = summarizeRow(spec('lint'), { ...measured, ruleShare: 0.03 })
    expect(slowRules.row.status).toBe('fail')
    expect(slowRules.notes).toContain("lint: herald's rules took 3.00% of ESLint's time, over the goal of 1.00%")
    expect(summarizeRow(spec('lint'), measured).row.status).toBe('fail')
  })

  it('reports a feature that is not built without any figure', () => {
    const summary = summarizeRow(spec('generate'), { kind: 'not built', reason: 'no "herald generate" command' })
    expect(summary.row).toEqual({ name: 'generate', herald: null, baseline: null, unit: 'ms', ratio: null, goal: '≤ 0.5×', status: 'not built' })
    expect(summary.notes).toEqual(['generate: not built (no "herald generate" command)'])
  })

  it('fails a feature that exists but crashes', () => {
    const summary = summarizeRow(spec('audit'), { kind: 'error', message: 'exit code 70' })
    expect(summary.row).toMatchObject({ herald: null, ratio: null, status: 'fail' })
    expect(summary.notes).toEqual(['audit: failed to run: exit code 70'])
  })
})

describe('results document and tables', () => {
  const rows = [
    summarizeRow(spec('check', 'check (5,000 events)'), { kind: 'measured', herald: [612.345], baseline: [203.2] }),
    summarizeRow(spec('emit'), { kind: 'measured', herald: [950], baseline: [1180] }),
    summarizeRow(spec('lint', 'lint (5,000 files)'), { kind: 'not built', reason: 'no plugin' }),
    summarizeRow(spec('audit'), { kind: 'measured', herald: [900], baseline: [1000], heraldRssMiB: [250] }),
  ]

  it('writes exactly the documented shape', () => {
    const document = resultsDocument(rows)
    expect(Object.keys(document)).toEqual(['rows'])
    for (const row of document.rows) {
      expect(Object.keys(row)).toEqual(['name', 'herald', 'baseline', 'unit', 'ratio', 'goal', 'status', ...('rssMiB' in row ? ['rssMiB'] : [])])
      expect(['pass', 'fail', 'not built']).toContain(row.status)
    }
    expect(document.rows[0]).toEqual({ name: 'check', herald: 612.3, baseline: 203.2, unit: 'ms', ratio: 3.014, goal: '≤ 3×', status: 'fail' })
    expect(JSON.parse(JSON.stringify(document))).toEqual(document)
  })

  it('prints one aligned table with every row', () => {
    const lines = formatTable(rows).split('\n')
    expect(lines[0]).toMatch(/^benchmark\s+herald\s+baseline\s+ratio\s+goal\s+result$/)
    expect(lines[1]).toMatch(/^check \(5,000 events\)\s+612 ms\s+203 ms\s+3\.01×\s+≤ 3×\s+fail$/)
    expect(lines[2]).toMatch(/^emit\s+950 ns\/op\s+1\.18 µs\/op\s+0\.81×\s+≤ 1\.0×\s+pass$/)
    expect(lines[3]).toMatch(/^lint \(5,000 files\)\s+not built\s+—\s+—\s+≤ 1\.05×.*not built$/)
  })

  it('prints the same rows as Markdown', () => {
    const markdown = formatMarkdownTable(rows).split('\n')
    expect(markdown).toHaveLength(6)
    expect(markdown[1]).toBe('| --- | --- | --- | --- | --- | --- |')
    expect(markdown[4]).toBe('| lint (5,000 files) | not built | — | — | ≤ 1.05×, rules ≤ 1% of ESLint time, RSS < 1 GiB | not built |')
  })

  it('has a goal for every row of the issue', () => {
    // One row per benchmark the issues ask for (14), each with a goal; run.ts's ROWS record is typed by the same names.
    expect(new Set(ROW_NAMES).size).toBe(14)
    for (const name of ROW_NAMES) expect(GOALS[name].maxRatio).toBeGreaterThan(0)
  })
})
