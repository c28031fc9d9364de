import { existsSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { formatDiagnostic, type HeraldSettings, loadCatalogSync } from '@herald/core'
import type { HeraldConfig } from '../config.js'
import { parseFlags } from '../parse-flags.js'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js'
import { ConfigError, findConfig, loadConfig } from '../load-config.js'

export const help = `Usage: herald migrate [paths…] [options]

Rewrites raw capture calls (posthog.capture, client.capture({ … }), your matchers'
wrappers and hooks) into calls of the emitters that herald generate wrote, for
every call site the audit finds (the same matchers and settings):

  posthog.capture('auth.signup', { user_id: id, method })
  → authSignup(telemetry, { user_id: id, method })

A call is rewritten only when its event is declared, it is a signal (a raw
.start/.stop pair is reported with a suggestion instead), its properties are
declared, and the file still type-checks after the edit; every other call is
left as it is and listed with the reason (a dynamic name, an undeclared
property with the catalog addition it needs, capture options, a finding such
as an e-mail distinct id …). Imports of the emitters are added or extended,
relative or through a tsconfig paths alias, with .js under node16/nodenext.
Formatting and comments around each call are kept; a second run changes
nothing.

Without --write it is a dry run: the unified diff and a summary, no file written.

Arguments:
  paths                    Files, folders or globs (default: .)

Options:
  --write                  Apply the changes
  --only <events>          Only these events, comma-separated (auth.login,org.created)
  --config <file>          herald.config (default: found upward from here). Its
                           "migrate" entry names the client:
                             migrate: { client: 'telemetry',
                               clientImport: { name: 'telemetry', from: 'src/telemetry/client.ts' } }
  --client <expr>          The expression that gives the telemetry client at a
                           call site (overrides the config)
  --client-import <n:from> Import <n> from <from> (a file relative to here, or a
                           package or alias specifier) into each migrated file
  --events <file>          The generated events module (default: the config's
                           typescript output, <out>/events.js or events.ts)
  --catalog <file>         The catalog (default: the config's)
  --tsconfig <file>        The tsconfig that types the code (default: ./tsconfig.json)
  --no-type-check          Skip the type check (faster, less safe)
  --format <format>        pretty (default: diff, then summary) or json
  -h, --help               Show this help

Exit codes: 0 done (or planned), 1 the catalog has errors, 2 usage error.

Examples:
  herald migrate src
  herald migrate src --write --only auth.login,org.created
`

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    write: { type: 'boolean', default: false },
    only: { type: 'string' },
    config: { type: 'string' },
    client: { type: 'string' },
    'client-import': { type: 'string' },
    events: { type: 'string' },
    catalog: { type: 'string' },
    tsconfig: { type: 'string' },
    'no-type-check': { type: 'boolean', default: false },
    format: { type: 'string', default: 'pretty' },
  })
  if (values.format !== 'pretty' && values.format !== 'json') throw new UsageError(`--format must be "pretty" or "json", not "${values.format}".`)

  const configFile = values.config !== undefined ? resolve(io.cwd, values.config) : findConfig(io.cwd)
  let config: HeraldConfig | undefined
  let configDir = io.cwd
  if (configFile !== undefined) {
    try {
      ;({ config, dir: configDir } = await loadConfig(configFile))
    } catch (error) {
      if (error instanceof ConfigError)
        throw new UsageError(`${relative(io.cwd, error.file) || error.file}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`)
      throw error
    }
  }

  const catalogPath = values.catalog !== undefined ? resolve(io.cwd, values.catalog) : config ? resolve(configDir, config.catalog) : undefined
  if (catalogPath === undefined) throw new UsageError('which catalog? Pass --catalog <file>, or run where a herald.config is (herald init writes one).')
  const result = loadCatalogSync(catalogPath)
  if (result.diagnostics.some((d) => d.code === 'file-not-found')) throw new UsageError(`no catalog at ${relative(io.cwd, catalogPath)}.`)
  if (!result.ok) {
    io.stderr(`${result.diagnostics.map(formatDiagnostic).join('\n')}\nherald migrate: the catalog has errors; fix them first (herald check).\n`)
    return EXIT_FINDINGS
  }

  // herald generate writes events.js + events.d.ts by default, or one events.ts (format: 'ts').
  const outDir = config?.outputs.typescript ? resolve(configDir, config.outputs.typescript.out) : undefined
  const events =
    values.events !== undefined
      ? resolve(io.cwd, values.events)
      : outDir !== undefined
        ? (['events.ts', 'events.js'].map((f) => resolve(outDir, f)).find((f) => existsSync(f)) ?? resolve(outDir, 'events.js'))
        : undefined
  if (events === undefined)
    throw new UsageError(
      'where are the emitters? Pass --events <file> (the events.js or events.ts herald generate wrote), or add a typescript output to the herald.config.',
    )
  if (!existsSync(events)) throw new UsageError(`no generated emitters at ${relative(io.cwd, events)}: run herald generate first.`)

  const client = values.client ?? config?.migrate?.client
  if (client === undefined || client.trim() === '') {
    throw new UsageError(
      'which telemetry client do the emitters get? Name the expression that gives it at a call site: --client telemetry (and --client-import telemetry:src/telemetry/client.ts), or in the herald.config: migrate: { client: "telemetry", clientImport: { name: "telemetry", from: "src/telemetry/client.ts" } }. herald migrate never invents a global.',
    )
  }
  const clientImport =
    values['client-import'] !== undefined
      ? parseClientImport(values['client-import'], io.cwd)
      : config?.migrate?.clientImport
        ? { name: config.migrate.clientImport.name, from: fileOrSpecifier(config.migrate.clientImport.from, configDir) }
        : undefined
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const name of only ?? []) {
    if (!result.catalog.eventsByName.has(name) && !result.catalog.wireEventsByName.has(name))
      throw new UsageError(`--only names "${name}", which the catalog does not declare.`)
  }

  let migration
  let tools: typeof import('@herald/migrate')
  try {
    tools = await import('@herald/migrate')
  } catch {
    io.stderr('herald migrate needs @herald/migrate (it brings ts-morph): npm i -D @herald/migrate\n')
    return EXIT_USAGE
  }
  try {
    migration = await tools.migrate({
      catalog: result.catalog,
      paths: positionals,
      cwd: io.cwd,
      settings: (config?.settings ?? {}) as Pick<HeraldSettings, 'presets' | 'matchers'>,
      ...(values.tsconfig !== undefined ? { tsconfig: resolve(io.cwd, values.tsconfig) } : {}),
      eventsModule: events,
      client,
      ...(clientImport ? { clientImport } : {}),
      ...(only ? { only } : {}),
      typeCheck: !values['no-type-check'],
    })
  } catch (error) {
    const audit = await import('@herald/audit')
    if (error instanceof audit.AuditInputError || error instanceof audit.TsconfigError) throw new UsageError(error.message)
    throw error
  }
  if (values.write) for (const change of migration.changes) writeFileSync(resolve(io.cwd, change.file), change.after)
  if (values.format === 'json')
    io.stdout(
      `${JSON.stringify({ written: values.write, sites: migration.sites, migrated: migration.migrated, left: migration.left, files: migration.changes.map((c) => c.file) }, null, 2)}\n`,
    )
  else {
    if (!values.write) io.stdout(tools.unifiedDiff(migration))
    ;(values.write ? io.stdout : io.stderr)(tools.formatMigration(migration, values.write))
  }
  return EXIT_OK
}

function parseClientImport(value: string, cwd: string): { name: string; from: string } {
  const colon = value.indexOf(':')
  if (colon <= 0 || colon === value.length - 1)
    throw new UsageError(`--client-import takes <name>:<from>, e.g. telemetry:src/telemetry/client.ts; got "${value}".`)
  return { name: value.slice(0, colon), from: fileOrSpecifier(value.slice(colon + 1), cwd) }
}

/** A relative path becomes an absolute file; a package or alias specifier stays as written. */
function fileOrSpecifier(from: string, dir: string): string {
  return from.startsWith('.') || /\.[cm]?[tj]sx?$/.test(from) ? resolve(dir, from) : from
}
