import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatDiagnostic, NAMING_STYLES, type NamingStyle, parseCatalog } from '@herald/core'
import { type CommandIO, EXIT_OK, UsageError } from '../io.js'
import { readSettings } from './audit.js'

export const help = `Usage: herald init [options]
       herald init --from-code [paths…] [options]

Writes a first event catalog. With --from-code, it drafts one from the capture calls
already in the code (the same inventory as herald audit):
  - event names normalized to one naming style, the originals kept in "x-herald-seen-as";
  - properties with types inferred from the TypeScript types at the call sites;
  - forbidden keys (password, token, email…) and email distinct ids left out, and listed
    as warnings: stop sending them;
  - the call sites of each event in "x-herald-call-sites".
Calls of emitters that herald generate wrote are not drafted: their events are in the
catalog they were generated from.
Without --from-code, it writes a small starter catalog to edit.

The draft passes herald check. Review it: add descriptions, owners and PII annotations.

Arguments:
  paths                With --from-code: files, folders or globs to read (default: .)

Options:
  --from-code          Draft the catalog from the code.
  --from-events <file> Draft it from event files (as herald verify reads them; repeatable;
                       merged over the code's draft with --from-code).
  --enum-threshold <n> With --from-events: strings with at most n distinct values become enums (12).
  --output <file>      Where to write it (default: schema/events.catalog.json); - for stdout.
  --force              Overwrite an existing file.
  --style <style>      Naming style: dot.snake_case, snake_case or resource:action
                       (default: the style most captured names already follow).
  --config <file>      Which calls are captures (as for herald audit).
  --tsconfig <file>    Compiler options for typing the call sites (as for herald audit).
  -h, --help           Show this help

Exit codes: 0 written, 2 usage error (the file exists, unknown option).

Examples:
  herald init --from-code src
  herald init --from-code apps/web --style resource:action --output telemetry/catalog.json
`

const DEFAULT_OUTPUT = 'schema/events.catalog.json'
const SCHEMA_URL = 'https://herald.dev/schema/catalog.schema.json'

/** The starter catalog: one event that shows the shape, valid as it is. */
const STARTER = {
  $schema: SCHEMA_URL,
  title: 'Event catalog',
  version: '0.1.0',
  naming: { style: 'dot.snake_case' },
  privacy: { distinctId: { property: 'user_id' } },
  properties: { user_id: { type: 'string', description: 'Opaque user id; never an email', pii: 'pseudonymous' } },
  events: {
    'auth.login': {
      description: 'A user signed in',
      properties: { user_id: { $ref: '#/properties/user_id' }, method: { enum: ['password', 'sso', 'passkey'] } },
      required: ['user_id', 'method'],
    },
  },
}

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'from-code': { type: 'boolean', default: false },
      output: { type: 'string', default: DEFAULT_OUTPUT },
      force: { type: 'boolean', default: false },
      style: { type: 'string' },
      config: { type: 'string' },
      tsconfig: { type: 'string' },
      'from-events': { type: 'string', multiple: true },
      'enum-threshold': { type: 'string' },
    },
  })
  const style = values.style as NamingStyle | undefined
  if (style !== undefined && !NAMING_STYLES.includes(style)) throw new UsageError(`--style must be one of ${NAMING_STYLES.join(', ')}, not "${values.style}".`)
  if (!values['from-code'] && positionals.length > 0 && values['from-events'] === undefined) throw new UsageError(`paths are read only with --from-code; got ${positionals.join(', ')}.`)
  const toStdout = values.output === '-'
  const target = resolve(io.cwd, values.output)
  if (!toStdout && existsSync(target) && !values.force) throw new UsageError(`${values.output} already exists. Pass --force to overwrite it, or --output to write elsewhere.`)

  let catalog: Record<string, unknown> = STARTER
  let summary = `a starter catalog with one event`
  if (values['from-code']) {
    // ts-morph and TypeScript load only here, so `herald --help` and `herald check` stay fast.
    const audit = await import('@herald/audit')
    const { settings } = await readSettings(audit, values.config, io)
    let report
    try {
      report = await audit.auditRepo({
        paths: positionals,
        cwd: io.cwd,
        settings,
        propertyTypes: true,
        ...(values.tsconfig !== undefined ? { tsconfig: values.tsconfig } : {}),
      })
    } catch (error) {
      if (error instanceof audit.AuditInputError) throw new UsageError(`${error.message} Paths are relative to ${io.cwd}.`)
      throw error
    }
    const draft = audit.draftCatalog(report, { schema: SCHEMA_URL, ...(style ? { style } : {}) })
    for (const w of draft.warnings) io.stderr(`${w.file}:${w.line}:${w.column}: warning ${w.message}\n`)
    for (const s of report.skippedFiles) io.stderr(`${s.file}:${s.line}:${s.column}: warning ${s.message} The file was skipped.\n`)
    catalog = draft.catalog
    summary = `${draft.eventCount} event${draft.eventCount === 1 ? '' : 's'} from ${report.callSites.length} call site${report.callSites.length === 1 ? '' : 's'} (${draft.style}), ${draft.warnings.length} warning${draft.warnings.length === 1 ? '' : 's'}`
  }

  if (values['from-events'] !== undefined) {
    const events = await (await import('./init-from-events.js')).draftFromEvents([...values['from-events'], ...(values['from-code'] ? [] : positionals)], { ...(style ? { style } : {}), enumThreshold: values['enum-threshold'], ...(values['from-code'] ? { base: catalog } : {}) }, io)
    ;({ catalog } = events)
    summary = values['from-code'] ? `${summary}; ${events.summary}` : events.summary
  }
  const text = `${JSON.stringify(catalog, null, 2)}\n`
  // The draft is built to pass `herald check`; a draft that does not is Herald's bug, never written silently.
  const checked = parseCatalog(text, values.output)
  if (!checked.ok) throw new Error(`the drafted catalog does not pass herald check:\n${checked.diagnostics.map(formatDiagnostic).join('\n')}`)
  if (toStdout) {
    io.stdout(text)
    io.stderr(`Drafted ${summary}.\n`)
  } else {
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
    io.stderr(`Wrote ${values.output}: ${summary}.\nCheck it with: herald check ${values.output}\n`)
  }
  return EXIT_OK
}
