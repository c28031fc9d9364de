/**
 * `pnpm bench [--quick] [--only rows] [--markdown] [--keep]`: every benchmark of the benchmark issue, herald against its
 * baseline in one process run (interleaved rounds, medians), printed as one table and written to
 * bench/results.json. Benchmarks import the built packages: run `pnpm build` first.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { BenchContext, RowRun } from './bench-context.js'
import { childCpu, NotBuiltError } from './measure.js'
import { formatMarkdownTable, formatTable, resultsDocument, type SummarizedRow, summarizeRow } from './results.js'
import { GOALS, ROW_NAMES, type RowName, UNITS } from './row-specs.js'
import { benchAudit } from './rows/audit.js'
import { benchBundle } from './rows/bundle.js'
import { benchCheck } from './rows/check.js'
import { benchDiff } from './rows/diff.js'
import { benchEmit } from './rows/emit.js'
import { benchGenerate } from './rows/generate.js'
import { benchLint } from './rows/lint.js'
import { benchMigrate } from './rows/migrate.js'
import { benchNdjson } from './rows/ndjson.js'
import { benchRedact } from './rows/redact.js'
import { benchTypecheck } from './rows/typecheck.js'
import { benchVerify } from './rows/verify.js'

const ROWS: Record<RowName, (ctx: BenchContext) => Promise<RowRun>> = {
  check: benchCheck,
  generate: benchGenerate,
  emit: (ctx) => benchEmit(ctx, 'emit'),
  'emit-hash': (ctx) => benchEmit(ctx, 'emit-hash'),
  'emit-dev': (ctx) => benchEmit(ctx, 'emit-dev'),
  redact: benchRedact,
  lint: benchLint,
  audit: benchAudit,
  ndjson: benchNdjson,
  typecheck: benchTypecheck,
  bundle: benchBundle,
  diff: benchDiff,
  verify: benchVerify,
  migrate: benchMigrate,
}

const root = fileURLToPath(new URL('..', import.meta.url))

const USAGE = `usage: pnpm bench [--quick] [--only rows] [--markdown] [--keep]
  --quick      fewer rounds and smaller inputs (a smoke run; its ratios are rough)
  --only rows  a comma-separated list of rows: ${ROW_NAMES.join(', ')}
  --markdown   also print the table as markdown (for docs/performance.md)
  --keep       keep this run's inputs and outputs in bench/.out/run-<pid>
Run \`pnpm build\` first: the rows import the built packages.`

let parsed: ReturnType<typeof parseOptions>
try {
  parsed = parseOptions()
} catch (error) {
  console.error(`bench: ${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
const { values } = parsed
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}

function parseOptions() {
  return parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      markdown: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}
const selected = values.only ? values.only.split(',').map((name) => name.trim()) : [...ROW_NAMES]
const unknown = selected.filter((name) => !(ROW_NAMES as readonly string[]).includes(name))
if (unknown.length > 0) {
  console.error(`bench: unknown rows ${unknown.join(', ')}; rows: ${ROW_NAMES.join(', ')}`)
  process.exit(2)
}
if (!existsSync(join(root, 'packages', 'core', 'dist', 'index.js')) || !existsSync(join(root, 'packages', 'cli', 'dist', 'main.js'))) {
  console.error('bench: the packages are not built; run `pnpm build` first.')
  process.exit(2)
}

// A folder of this run's own: other sessions in the same checkout may run the benchmarks at the same time.
const out = join(root, 'bench', '.out', `run-${process.pid}`)
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const ctx: BenchContext = {
  quick: values.quick,
  root,
  out,
  // Many short in-process batches: their median shrugs off the preemptions of a shared machine.
  rounds: values.quick ? { child: 3, micro: 21 } : { child: 5, micro: 51 },
  log: (message) => process.stderr.write(`${message}\n`),
}

const cpuSeconds = () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6 + childCpu.ms / 1000
const started = performance.now()
const summaries: SummarizedRow[] = []
for (const name of selected as RowName[]) {
  const rowStarted = performance.now()
  const rowCpu = cpuSeconds()
  ctx.log(`▶ ${name}`)
  let run: RowRun
  try {
    run = await ROWS[name](ctx)
  } catch (error) {
    const measurement =
      error instanceof NotBuiltError ? { kind: 'not built' as const, reason: error.message } : { kind: 'error' as const, message: (error as Error).message }
    run = { label: name, measurement }
  }
  const summary = summarizeRow({ name, unit: UNITS[name], goal: GOALS[name], label: run.label }, run.measurement)
  summaries.push(summary)
  ctx.log(`  ${summary.row.status} in ${((performance.now() - rowStarted) / 1000).toFixed(1)} s (CPU ${(cpuSeconds() - rowCpu).toFixed(1)} s)`)
}

if (!values.keep) rmSync(out, { recursive: true, force: true })
const seconds = `${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${cpuSeconds().toFixed(1)} s`
console.log(
  `\nHerald benchmarks (${ctx.quick ? 'quick' : 'full'}; medians of ${ctx.rounds.child} rounds of child processes, ${ctx.rounds.micro} of in-process batches; ratio = herald / baseline, lower is better)\n`,
)
console.log(formatTable(summaries))
const notes = summaries.flatMap((s) => s.notes)
if (notes.length > 0) console.log(`\n${notes.map((note) => `- ${note}`).join('\n')}`)
if (values.markdown) console.log(`\n${formatMarkdownTable(summaries)}`)

if (selected.length === ROW_NAMES.length) {
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(resultsDocument(summaries), null, 2)}\n`)
  console.log(`\nWrote bench/results.json in ${seconds}.`)
} else console.log(`\nbench/results.json is written only when every row runs (${seconds}).`)
