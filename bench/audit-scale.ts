/**
 * How the audit grows with the size of a repository: make-repo output at 500, 5,000 and 20,000 files (or the
 * sizes given), each audited by `auditRepo` in a child process (what `herald audit` runs) beside the `audit`
 * row's baseline, `ts.createSourceFile` of every file. Prints time (median, spawn to exit), the ratio, the
 * CPU-time ratio (medians of each side's user + system time, less moved by a busy machine), peak RSS, and
 * whether the audit found exactly the repo's expected findings.
 *
 *   tsx bench/audit-scale.ts [sizes…] [--rounds R]     (default: 500 5000 20000, 3 rounds)
 */
import { mkdirSync } from 'node:fs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { compareFindings, describeComparison, type LocatedFinding } from './compare-findings.js'
import { isMainModule } from './is-main-module.js'
import { makeRepo, writeRepo } from './make-repo.js'
import { type ChildResult, childScript, interleave, runChild } from './measure.js'

export interface ScaleRow {
  files: number
  auditMs: number
  baselineMs: number
  ratio: number
  /** Median CPU time of the audit over the baseline's. */
  cpuRatio: number
  auditRssMiB: number
  baselineRssMiB: number
  correctness: string
  stats: Record<string, number>
}

export async function measureAuditScale(sizes: readonly number[], rounds: number, out: string): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = []
  for (const files of sizes) {
    const dir = join(out, `audit-scale-${files}`)
    const repo = makeRepo(files, 1)
    writeRepo(repo, dir)
    const findingsFile = join(dir, 'audit-findings.json')
    const audit = (write = false) => runChild(childScript('audit-run.mjs'), [dir, ...(write ? [findingsFile] : [])])
    const parse = () => runChild(childScript('parse-all.mjs'), [join(dir, 'src')])
    await audit(true)
    const written = JSON.parse(readFileSync(findingsFile, 'utf8')) as { findings: LocatedFinding[]; stats: Record<string, number> }
    const runs = await interleave(rounds, () => audit(), parse)
    const auditMs = median(runs.herald.map((r) => r.ms))
    const baselineMs = median(runs.baseline.map((r) => r.ms))
    rows.push({
      files,
      auditMs,
      baselineMs,
      ratio: auditMs / baselineMs,
      cpuRatio: median(runs.herald.map((r) => r.cpuMs)) / median(runs.baseline.map((r) => r.cpuMs)),
      auditRssMiB: peak(runs.herald),
      baselineRssMiB: peak(runs.baseline),
      correctness: describeComparison('the audit', compareFindings(repo.expected.findings, written.findings)),
      stats: written.stats,
    })
    const row = rows[rows.length - 1]!
    console.log(
      `${String(files).padStart(6)} files  audit ${(row.auditMs / 1000).toFixed(2)} s  baseline ${(row.baselineMs / 1000).toFixed(2)} s  ` +
        `ratio ${row.ratio.toFixed(2)}× (CPU ${row.cpuRatio.toFixed(2)}×)  peak RSS ${row.auditRssMiB.toFixed(0)} MiB (baseline ${row.baselineRssMiB.toFixed(0)} MiB)  ` +
        `parsed ${row.stats.parsed}, typed ${row.stats.typedFiles} (+${row.stats.programFiles - row.stats.typedFiles} loaded)  ${row.correctness}`,
    )
  }
  return rows
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const peak = (runs: ChildResult[]) => Math.max(...runs.map((r) => r.rssMiB))

if (isMainModule(import.meta.url)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '3' } } })
  const sizes = positionals.length > 0 ? positionals.map(Number) : [500, 5000, 20000]
  const out = fileURLToPath(new URL('./.out/', import.meta.url))
  mkdirSync(out, { recursive: true })
  console.log(`audit scale: make-repo at ${sizes.join(', ')} files, ${values.rounds} interleaved rounds each (median, child processes spawn to exit)`)
  await measureAuditScale(sizes, Number(values.rounds), out)
}
