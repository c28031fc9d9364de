import { resolve } from 'node:path'
import { compareDiagnostics, formatDiagnostic, loadCatalogSync } from '@herald/core'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io.js'
import { shownDiagnostic, shownPath } from '../output-files.js'
import { parseFlags } from '../parse-flags.js'
import { discoverCatalog, NO_CATALOG_HINT } from '../project.js'

export const help = `Usage: herald check [catalog] [options]

Validates an event catalog (JSON or YAML) against Herald's meta-schema and its
semantic rules: naming style, repeated keys, identifier collisions, forbidden
keys, PII without a transform, broken $refs, unknown categories, patterns that
could block the app (ReDoS) and more. Every problem is reported in one run.

Arguments:
  catalog            The catalog file (default: the catalog of the nearest
                     herald.config.*, else the nearest schema/events.catalog.json,
                     looking in the current folder and the folders above it)

Options:
  --format <format>  pretty (default) or json
  -h, --help         Show this help

Output (pretty):  path:line:col: error CODE message (hint)
Output (json):    { "diagnostics": [{ "code", "severity", "message", "file", "line", "column", "hint"? }] }

Exit codes: 0 valid, 1 the catalog has errors, 2 usage error (missing file, unknown flag).

Examples:
  herald check
  herald check schema/events.catalog.yaml --format json
`

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, { format: { type: 'string', default: 'pretty' } })
  if (values.format !== 'pretty' && values.format !== 'json') throw new UsageError(`--format must be "pretty" or "json", not "${values.format}".`)
  if (positionals.length > 1) throw new UsageError(`expected one catalog file, got ${positionals.length}: ${positionals.join(', ')}.`)
  let path: string
  if (positionals[0] !== undefined) path = resolve(io.cwd, positionals[0])
  else {
    const found = await discoverCatalog(io)
    if (found.file === undefined) throw new UsageError(NO_CATALOG_HINT)
    path = found.file
  }
  // Paths in output are as the user wrote them (or relative to where they ran), so editors and CI resolve them.
  const file = positionals[0] ?? shownPath(io.cwd, path)
  const result = loadCatalogSync(path, { complete: true })
  const missing = result.diagnostics.find((d) => d.code === 'file-not-found')
  if (missing) throw new UsageError(`no catalog at ${file}.`)
  const diagnostics = result.diagnostics.map((d) => shownDiagnostic(d, path, file, io.cwd)).sort(compareDiagnostics)

  if (values.format === 'json') {
    io.stdout(`${JSON.stringify({ diagnostics }, null, 2)}\n`)
  } else if (diagnostics.length > 0) {
    io.stdout(`${diagnostics.map(formatDiagnostic).join('\n')}\n`)
    const errors = diagnostics.filter((d) => d.severity === 'error').length
    io.stderr(`${plural(errors, 'error')} in ${file}\n`)
  } else if (result.ok) {
    io.stdout(`${file}: ok (${plural(result.catalog.events.length, 'event')}, ${plural(result.catalog.wireEvents.length, 'wire event')})\n`)
  }
  return result.ok ? EXIT_OK : EXIT_FINDINGS
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
