import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, resolve } from 'node:path'
import { formatDiagnostic, loadCatalogSync } from '@herald/core'
import { shownDiagnostic } from '../output-files.js'
import { parseFlags } from '../parse-flags.js'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js'

export const help = `Usage: herald verify <files…> [options]
       herald verify merge <report.json…> [options]

Checks events that were really sent against the catalog: undeclared events (with
did-you-mean) and properties, wrong types, enums, formats and bounds, missing required
properties, forbidden keys at any depth, values that look like personal data (e-mail,
JWT or bearer token, card number, IP address outside properties declared pii), e-mail or
token distinct ids, and deprecated events that still arrive. Reports per event counts,
first and last seen, the violating share, property presence, and declared events never seen.

Arguments:
  files                NDJSON files, plain or gzip, or glob patterns; - for stdin.

Options:
  --catalog <file>     The event catalog (default: schema/events.catalog.json).
  --input <format>     auto (default), herald, posthog, segment or otlp.
  --format <format>    pretty (default), json, markdown, github or sarif.
  --output <file>      Write the report to <file> instead of stdout.
  --fail-on <level>    error (default), warning or never: which findings exit with 1.
  --max-line-bytes <n> Longer lines are a finding and skipped (default 1048576).
  --jobs <n>           Worker threads reading in parallel (default: the core count); a large
                       plain file is split between them at line starts. The report is the
                       same for any value.
  -h, --help           Show this help

herald verify merge a.json b.json merges --format json reports of partitions into the
report of all of them (the same totals as one run over every file).

Exit codes: 0 no findings at --fail-on, 1 findings at --fail-on, 2 usage error.

Examples:
  herald verify ~/.local/state/myapp/telemetry/*.ndjson
  herald verify posthog-export.jsonl.gz --input posthog --format json --output day-1.json
  herald verify merge day-*.json --format markdown
`

const FORMATS = ['pretty', 'json', 'markdown', 'github', 'sarif'] as const
type Format = (typeof FORMATS)[number]
const FAIL_ON = ['error', 'warning', 'never'] as const
const INPUTS = ['auto', 'herald', 'posthog', 'segment', 'otlp'] as const

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    catalog: { type: 'string', default: 'schema/events.catalog.json' },
    input: { type: 'string', default: 'auto' },
    format: { type: 'string', default: 'pretty' },
    output: { type: 'string' },
    'fail-on': { type: 'string', default: 'error' },
    'max-line-bytes': { type: 'string', default: String(1024 * 1024) },
    jobs: { type: 'string' },
  })
  const format = values.format as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`)
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number]
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}".`)
  const input = values.input as (typeof INPUTS)[number]
  if (!INPUTS.includes(input)) throw new UsageError(`--input must be one of ${INPUTS.join(', ')}, not "${values.input}".`)
  const maxLineBytes = Number(values['max-line-bytes'])
  if (!Number.isInteger(maxLineBytes) || maxLineBytes < 1)
    throw new UsageError(`--max-line-bytes must be a positive whole number, not "${values['max-line-bytes']}".`)
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs)
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a positive whole number, not "${values.jobs}".`)
  if (positionals.length === 0) throw new UsageError('name the event files to verify (or - for stdin).')

  const verify = await import('@herald/verify')
  let report
  if (positionals[0] === 'merge') {
    const files = positionals.slice(1)
    if (files.length === 0) throw new UsageError('herald verify merge needs the json reports to merge.')
    report = verify.mergeReports(files.map((file) => readReport(file, io)))
  } else {
    const result = loadCatalogSync(resolve(io.cwd, values.catalog))
    if (!result.ok) {
      const errors = result.diagnostics.filter((d) => d.severity === 'error')
      io.stderr(
        `${errors.map((d) => formatDiagnostic(shownDiagnostic(d, resolve(io.cwd, values.catalog), values.catalog, io.cwd))).join('\n')}\nherald verify: the catalog ${values.catalog} cannot be used; fix it first (herald check ${values.catalog}).\n`,
      )
      return EXIT_USAGE
    }
    const { glob } = await import('tinyglobby')
    const sources = []
    for (const pattern of positionals) {
      if (pattern === '-') sources.push({ name: '-', open: () => process.stdin, gzip: false })
      else {
        const matched = await glob(pattern, { cwd: io.cwd, onlyFiles: true, expandDirectories: false })
        if (matched.length === 0) throw new UsageError(`no file matches ${pattern} (paths are relative to ${io.cwd}).`)
        for (const file of matched.sort()) sources.push(verify.fileSource(resolve(io.cwd, file), file))
      }
    }
    report = await verify.verifySources(sources, {
      catalog: result.catalog,
      catalogFile: values.catalog,
      catalogPath: resolve(io.cwd, values.catalog),
      input,
      maxLineBytes,
      jobs,
    })
  }

  const text =
    format === 'json'
      ? verify.formatJson(report)
      : format === 'markdown'
        ? verify.formatMarkdown(report)
        : format === 'github'
          ? verify.formatGithub(report)
          : format === 'sarif'
            ? verify.formatSarif(report)
            : verify.formatPretty(report)
  if (values.output !== undefined) {
    const target = resolve(io.cwd, values.output)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
    io.stderr(`Wrote the ${format} report to ${values.output}: ${report.events} events, ${report.findings.length} findings.\n`)
  } else io.stdout(text)
  const failing = failOn === 'never' ? [] : report.findings.filter((f) => failOn === 'warning' || f.severity === 'error')
  return failing.length > 0 ? EXIT_FINDINGS : EXIT_OK
}

function readReport(file: string, io: CommandIO): import('@herald/verify').VerifyReport {
  let value: unknown
  try {
    value = JSON.parse(readFileSync(resolve(io.cwd, file), 'utf8'))
  } catch (error) {
    throw new UsageError(`${file}: not a readable json report (${(error as Error).message}).`)
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { formatVersion?: unknown }).formatVersion !== 1 ||
    !Array.isArray((value as { findings?: unknown }).findings)
  ) {
    throw new UsageError(`${file}: not a herald verify --format json report (formatVersion 1).`)
  }
  return value as import('@herald/verify').VerifyReport
}
