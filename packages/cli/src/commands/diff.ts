import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { type Catalog, CHANGE_KINDS, type ChangeKind, compareCatalogs, formatDiagnostic, type LoadResult, loadCatalogSync, parseCatalog } from '@herald/core'
import { diffReport } from '../diff/diff-report.js'
import { formatGithub } from '../diff/format-github.js'
import { formatJson } from '../diff/format-json.js'
import { formatMarkdown } from '../diff/format-markdown.js'
import { formatPretty } from '../diff/format-pretty.js'
import { formatSarif } from '../diff/format-sarif.js'
import { BaseError, readBase } from '../diff/read-base.js'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js'
import { shownPath } from '../output-files.js'
import { parseFlags } from '../parse-flags.js'

export const help = `Usage: herald diff --base <ref|file> [catalog] [options]

Compares the event catalog with an earlier version of itself, event by event and
property by property (a span's .start, .stop and .exception included), and
classifies every change:

  breaking  an event or property removed without being deprecated first, a type
            narrowed or changed, an enum value removed, a property newly required,
            a wire name or the naming style changed, a category's
            requiredProperties grown, identify, a group type or alias removed,
            a group's key changed, the groups an event belongs to changed
  privacy   a property's pii lowered, a transform removed or weakened (drop → hash),
            a forbidden key removed, retentionDays raised, the distinct id changed
  additive  an event, an optional property or an enum value added, a type widened,
            an event removed after its deprecation (with renamedTo: after the rename)
  docs      descriptions, owners, levels, deprecation notices, dashboards

Person properties (identify's set and setOnce) and group properties are
compared as event properties are.

and checks the catalog's version moved as semver says (breaking → major, privacy
or additive → minor, docs → patch), naming the version it should have been.

Arguments:
  catalog              The new catalog (default: schema/events.catalog.json)

Options:
  --base <ref|file>    The old catalog: a file, or a git ref (origin/main, v1.4.0,
                       HEAD~1) at which the catalog's own path is read with git show;
                       nothing is checked out. Required.
  --format <format>    pretty (default), json, markdown, github or sarif
  --output <file>      Write the report to <file> instead of stdout.
  --fail-on <kinds>    Which changes exit with 1: breaking, privacy, any or never,
                       comma-separated or repeated (default: breaking,privacy)
  -h, --help           Show this help

Formats:
  pretty    file:line:col  kind  message  id, then a summary (colour on a terminal)
  json      { formatVersion, base, head, summary, requiredBump, changes }; each change
            { id, kind, message, side, path, file, line, column, anchor?, event?, … }
  markdown  a pull-request comment: changes by kind in tables
  github    ::error / ::notice annotations for GitHub Actions (removals on the new
            file, at the nearest key that remains)
  sarif     SARIF 2.1.0 for code scanning

Locations are in the new catalog, or in the old one (REF:path) for a removal.

Exit codes: 0 no changes of the --fail-on kinds, 1 some, 2 bad input: a usage
error, a ref that does not exist, a base or a catalog that is not a valid
catalog, or a base of another catalog (a different title).

Examples:
  herald diff --base origin/main
  herald diff --base old.catalog.json schema/events.catalog.json
  herald diff --base v1.4.0 --format markdown > catalog-changes.md
  herald diff --base HEAD~1 --fail-on any
`

const FORMATS = ['pretty', 'json', 'markdown', 'github', 'sarif'] as const
type Format = (typeof FORMATS)[number]
const DEFAULT_CATALOG = 'schema/events.catalog.json'

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    base: { type: 'string' },
    format: { type: 'string', default: 'pretty' },
    output: { type: 'string' },
    'fail-on': { type: 'string', multiple: true },
  })
  const format = values.format as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`)
  if (values.base === undefined || values.base === '') throw new UsageError('--base is required: a git ref (origin/main, HEAD~1) or a catalog file.')
  if (positionals.length > 1) throw new UsageError(`expected one catalog file, got ${positionals.length}: ${positionals.join(', ')}.`)
  const failOn = failOnKinds(values['fail-on'] ?? ['breaking,privacy'])

  const headShown = positionals[0] ?? DEFAULT_CATALOG
  const headPath = resolve(io.cwd, headShown)
  const headLoaded = loadCatalogSync(headPath)
  if (headLoaded.diagnostics.some((d) => d.code === 'file-not-found')) throw new UsageError(`no catalog at ${headShown}.`)
  const showHead = (path: string) => (path === headPath ? headShown : shownPath(io.cwd, path))
  if (!headLoaded.ok) return invalid(io, headLoaded, showHead, `${headShown} is not a valid catalog; fix it first (herald check ${headShown}).`)
  const head = shownCatalog(headLoaded.catalog, headShown, showHead)

  let baseText
  try {
    baseText = readBase(values.base, headPath, headShown, io.cwd)
  } catch (error) {
    if (error instanceof BaseError) {
      io.stderr(`herald diff: ${error.message}\n`)
      return EXIT_USAGE
    }
    throw error
  }
  const baseLoaded = parseCatalog(baseText.text, baseText.path, baseText.readFile ? { readFile: baseText.readFile } : {})
  const showBase = (path: string) => (path === baseText.path ? baseText.file : baseText.show(path))
  if (!baseLoaded.ok) return invalid(io, baseLoaded, showBase, `the base ${baseText.file} is not a valid catalog, so there is nothing to compare with.`)
  const base = shownCatalog(baseLoaded.catalog, baseText.file, showBase)
  if (base.title !== undefined && head.title !== undefined && base.title !== head.title) {
    io.stderr(
      `herald diff: the base is another catalog: "${base.title}" (${base.file}), not "${head.title}" (${head.file}). Hint: pass the earlier version of the same catalog.\n`,
    )
    return EXIT_USAGE
  }

  const changes = compareCatalogs(base, head)
  const report = diffReport(
    { file: base.file, ...(baseText.ref !== undefined ? { ref: baseText.ref } : {}), ...(base.version !== undefined ? { version: base.version } : {}) },
    { file: head.file, ...(head.version !== undefined ? { version: head.version } : {}) },
    changes,
  )
  const color = values.output === undefined && io.stdoutIsTTY && !io.env.NO_COLOR
  const text =
    format === 'json'
      ? formatJson(report)
      : format === 'markdown'
        ? formatMarkdown(report)
        : format === 'github'
          ? formatGithub(report)
          : format === 'sarif'
            ? formatSarif(report)
            : formatPretty(report, { color })
  if (values.output !== undefined) {
    const target = resolve(io.cwd, values.output)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
    io.stderr(`Wrote the ${format} report to ${values.output}: ${changes.length} changes.\n`)
  } else io.stdout(text)
  return changes.some((c) => failOn.has(c.kind)) ? EXIT_FINDINGS : EXIT_OK
}

function failOnKinds(values: string[]): Set<ChangeKind> {
  const kinds = new Set<ChangeKind>()
  const words = values.flatMap((v) => v.split(',')).map((v) => v.trim())
  for (const value of words) {
    if (value === 'never') continue
    if (value === 'any') CHANGE_KINDS.forEach((k) => kinds.add(k))
    else if (value === 'breaking' || value === 'privacy') kinds.add(value)
    else throw new UsageError(`--fail-on takes breaking, privacy, any or never, not "${value}".`)
  }
  if (words.includes('never') && kinds.size > 0) throw new UsageError('--fail-on never cannot be combined with other kinds.')
  return kinds
}

/** The catalog with its locations as the user knows them: its own file as named, the bases it extends by `show`. */
function shownCatalog(catalog: Catalog, file: string, show: (path: string) => string): Catalog {
  return {
    ...catalog,
    file,
    locate(path, at) {
      const position = catalog.locate(path, at)
      return position.file === undefined ? position : { ...position, file: show(position.file) }
    },
  }
}

function invalid(io: CommandIO, loaded: LoadResult, show: (path: string) => string, message: string): number {
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error')
  io.stderr(
    `herald diff: ${message}\n${errors
      .slice(0, 10)
      .map((d) => formatDiagnostic({ ...d, file: show(d.file) }))
      .join('\n')}\n`,
  )
  if (errors.length > 10) io.stderr(`… and ${errors.length - 10} more.\n`)
  return EXIT_USAGE
}
