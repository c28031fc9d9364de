import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { formatDiagnostic, HERALD_CONFIG_FILES, type HeraldSettings, metaSchemaPathFor, NAMING_STYLES, type NamingStyle, parseCatalog } from '@herald/core'
import { type CommandIO, EXIT_OK, UsageError } from '../io.js'
import { parseFlags } from '../parse-flags.js'
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
SDK events ($pageview, $identify, $set, $groupidentify…) are kept as the SDK spells them.
Without --from-code, it writes a small starter catalog to edit.

Beside it, in the current folder, it writes herald.config.ts (or .json): the catalog's
path, the generated emitters' folder and the capture settings, read by herald generate,
herald audit and the ESLint plugin from any subfolder. Then it prints the next steps.

The draft passes herald check. Review it: add descriptions, owners and PII annotations.

Arguments:
  paths                With --from-code: files, folders or globs to read (default: .)

Options:
  --from-code          Draft the catalog from the code.
  --from-events <file> Draft it from event files (as herald verify reads them; repeatable;
                       merged over the code's draft with --from-code).
  --enum-threshold <n> With --from-events: strings with at most n distinct values become enums (12).
  --output <file>      Where to write it (default: schema/events.catalog.json); - for stdout.
  --force              Overwrite an existing catalog or config.
  --config-format <f>  ts (default) or json: the herald.config written beside the catalog.
  --style <style>      Naming style: dot.snake_case, snake_case or resource:action
                       (default: the style most captured names already follow).
  --config <file>      Which calls are captures (as for herald audit); copied into the
                       new herald.config.
  --tsconfig <file>    Compiler options for typing the call sites (as for herald audit).
  -h, --help           Show this help

Exit codes: 0 written, 2 usage error (the catalog exists, unknown option).

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
  const { values, positionals } = parseFlags(argv, {
    'from-code': { type: 'boolean', default: false },
    output: { type: 'string', default: DEFAULT_OUTPUT },
    force: { type: 'boolean', default: false },
    style: { type: 'string' },
    config: { type: 'string' },
    'config-format': { type: 'string', default: 'ts' },
    tsconfig: { type: 'string' },
    'from-events': { type: 'string', multiple: true },
    'enum-threshold': { type: 'string' },
  })
  const configFormat = values['config-format']
  if (configFormat !== 'ts' && configFormat !== 'json') throw new UsageError(`--config-format must be "ts" or "json", not "${configFormat}".`)
  const style = values.style as NamingStyle | undefined
  if (style !== undefined && !NAMING_STYLES.includes(style)) throw new UsageError(`--style must be one of ${NAMING_STYLES.join(', ')}, not "${values.style}".`)
  if (!values['from-code'] && positionals.length > 0 && values['from-events'] === undefined)
    throw new UsageError(`paths are read only with --from-code; got ${positionals.join(', ')}.`)
  const toStdout = values.output === '-'
  const target = resolve(io.cwd, values.output)
  if (!toStdout && existsSync(target) && !values.force)
    throw new UsageError(`${values.output} already exists. Pass --force to overwrite it, or --output to write elsewhere.`)

  // A path into the installed @herald/core, so that editors find the meta-schema offline; the URL only on stdout.
  const schema = toStdout ? SCHEMA_URL : metaSchemaPathFor(dirname(target))
  let catalog: Record<string, unknown> = { ...STARTER, $schema: schema }
  let summary = `a starter catalog with one event`
  let captureSettings: Pick<HeraldSettings, 'presets' | 'matchers'> = {}
  if (values['from-code']) {
    // ts-morph and TypeScript load only here, so `herald --help` and `herald check` stay fast.
    const audit = await import('@herald/audit')
    const { settings } = await readSettings(audit, values.config, io)
    captureSettings = settings
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
      if (error instanceof audit.TsconfigError) throw new UsageError(`${error.message} Fix it, or pass another with --tsconfig.`)
      throw error
    }
    const draft = audit.draftCatalog(report, { schema, ...(style ? { style } : {}) })
    for (const w of draft.warnings) io.stderr(`${w.file}:${w.line}:${w.column}: warning ${w.message}\n`)
    for (const s of report.skippedFiles) io.stderr(`${s.file}:${s.line}:${s.column}: warning ${s.message} The file was skipped.\n`)
    for (const w of report.warnings) io.stderr(`${w.file}: warning ${w.message}\n`)
    for (const u of report.unresolvedImports) io.stderr(`${u.file}:${u.line}:${u.column}: warning ${u.message}\n`)
    catalog = draft.catalog
    summary = `${draft.eventCount} event${draft.eventCount === 1 ? '' : 's'} from ${report.callSites.length} call site${report.callSites.length === 1 ? '' : 's'} (${draft.style}), ${draft.warnings.length} warning${draft.warnings.length === 1 ? '' : 's'}`
  }

  if (values['from-events'] !== undefined) {
    const events = await (await import('./init-from-events.js')).draftFromEvents(
      [...values['from-events'], ...(values['from-code'] ? [] : positionals)],
      { ...(style ? { style } : {}), enumThreshold: values['enum-threshold'], ...(values['from-code'] ? { base: catalog } : {}) },
      io,
    )
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
    return EXIT_OK
  }
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, text)
  io.stderr(`Wrote ${values.output}: ${summary}.\n`)
  const config = writeConfig(io, target, configFormat, captureSettings, values.force)
  io.stderr(nextSteps(io, target, config))
  return EXIT_OK
}

interface WrittenConfig {
  file: string
  /** False when one was there already and --force was not given. */
  written: boolean
  emittersDir: string
}

/** herald.config.ts (or .json) in the working folder, naming the catalog: generate, audit and ESLint read it. */
function writeConfig(
  io: CommandIO,
  catalog: string,
  format: 'ts' | 'json',
  settings: Pick<HeraldSettings, 'presets' | 'matchers'>,
  force: boolean,
): WrittenConfig {
  const file = join(io.cwd, `herald.config.${format}`)
  const emittersDir = existsSync(join(io.cwd, 'src')) ? 'src/telemetry' : 'telemetry'
  const existing = HERALD_CONFIG_FILES.map((name) => join(io.cwd, name)).filter((path) => existsSync(path))
  if (existing.length > 0 && !force) return { file: existing[0]!, written: false, emittersDir }
  const value = {
    catalog: portable(relative(io.cwd, catalog)),
    outputs: { typescript: { out: emittersDir } },
    ...(settings.presets !== undefined || settings.matchers !== undefined ? { settings } : {}),
  }
  const json = JSON.stringify(value, null, 2)
  const text =
    format === 'json'
      ? `${json}\n`
      : `import type { HeraldConfig } from '@herald/cli'

// Read by herald generate, herald audit and the ESLint plugin, from this folder and every folder below it.
// settings: { presets, matchers } say which calls are captures (default: every preset).
export default ${json.replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:')} satisfies HeraldConfig
`
  writeFileSync(file, text)
  for (const other of existing.filter((path) => path !== file))
    io.stderr(`warning: ${relative(io.cwd, other)} is there too; ${relative(io.cwd, file)} is read first.\n`)
  return { file, written: true, emittersDir }
}

function nextSteps(io: CommandIO, catalog: string, config: WrittenConfig): string {
  const shownConfig = relative(io.cwd, config.file)
  const shownCatalog = portable(relative(io.cwd, catalog))
  return `${config.written ? `Wrote ${shownConfig}: the catalog's path and the emitters' folder (${config.emittersDir}).` : `Kept the existing ${shownConfig} (pass --force to overwrite it); check that it names ${shownCatalog}.`}

Next steps:
  1. Review ${shownCatalog}: add descriptions, owners and PII annotations, then
       npx herald check
  2. Generate the typed emitters (into ${config.emittersDir}):
       npx herald generate
  3. Add the ESLint plugin to eslint.config.js (it reads the catalog and the capture
     settings from ${shownConfig}):
       import herald from '@herald/eslint-plugin'
       export default [
         { ignores: ['${config.emittersDir}/'] }, // generated: checked by their types
         // ...your config
         herald.configs.recommended,
       ]
  4. In CI:
       npx herald check && npx herald generate --check && npx herald audit
`
}

/** A path written into a config: forward slashes on every platform. */
function portable(path: string): string {
  return path.split(sep).join('/')
}
