import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { type Catalog, DEFAULT_CATALOG_PATH, formatDiagnostic, type HeraldSettings, isHeraldConfigFile, loadCatalogSync } from '@herald/core'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError } from '../io.js'
import { shownDiagnostic } from '../output-files.js'
import { parseFlags } from '../parse-flags.js'
import { discoverCatalog, loadConfigOrUsageError, settingsOrUsageError } from '../project.js'

export const help = `Usage: herald audit [paths…] [options]

Inventories every telemetry capture call in the code (posthog.capture, analytics.track,
your own hooks and wrappers), checks each against the event catalog with the same rules
as the ESLint plugin, and reports coverage: declared events never captured, captured
names not declared, names that normalize to the same event, and call sites missing the
properties their category requires.

Calls of the emitters herald generate wrote (authLogin(t, props, fn) from a generated
events.ts) are inventoried and counted in coverage as their events, but not checked:
their types already hold them to the catalog. They are recognised only with a catalog.

Arguments:
  paths                Files, folders or glob patterns (default: the current folder).
                       node_modules, dist, build, coverage and .d.ts files are skipped.

Options:
  --catalog <file>     The event catalog (default: the nearest herald.config's catalog,
                       else the nearest schema/events.catalog.json, in the current
                       folder or a folder above it). Without a catalog,
                       naming, forbidden keys and PII distinct ids are still checked,
                       but calls of generated emitters cannot be recognised.
  --config <file>      Which calls are captures: a .json/.mjs file shaped like the ESLint
                       plugin's settings.herald ({ "presets": [...], "matchers": [...],
                       "rules": { "no-dynamic-event-name": "off" } }),
                       or a herald.config.* (its "settings"). Default: the nearest
                       herald.config.*, here or above, else every preset.
  --tsconfig <file>    Compiler options (paths, jsx) for every file (default: each file's
                       nearest tsconfig.json, up to the current folder). Workspace
                       packages (pnpm-workspace.yaml, package.json workspaces) resolve
                       to their sources, installed or not.
  --max-file-size <MB> Skip (and list) source files larger than this, such as bundles
                       not named *.min.js (default: 4).
  --format <format>    pretty (default), json, sarif, markdown or github
  --output <file>      Write the report to <file> instead of stdout.
  --fail-on <level>    error (default), warning or never: which findings exit with 1.
  --allow-empty        Exit 0 when the paths hold no source file (default: exit 1,
                       since an audit that read nothing has checked nothing).
  -h, --help           Show this help

Formats:
  pretty    findings grouped by file, a summary and coverage (colour on a terminal)
  json      { findings, callSites, coverage, unresolvedImports, warnings, skippedFiles,
            stats }, documented by
            packages/audit/schema/audit-report.schema.json
  sarif     SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif)
  markdown  the inventory as a surface → event → properties table, findings, coverage
  github    ::error file=…,line=…,col=…:: annotations for GitHub Actions

Exit codes: 0 no findings at --fail-on, 1 findings at --fail-on or no source file
scanned (without --allow-empty), 2 usage error.

Examples:
  herald audit src --catalog schema/events.catalog.json
  herald audit --format sarif --output herald.sarif
  herald audit apps/web --config herald-settings.json --format markdown > telemetry.md
`

const FORMATS = ['pretty', 'json', 'sarif', 'markdown', 'github'] as const
type Format = (typeof FORMATS)[number]
const FAIL_ON = ['error', 'warning', 'never'] as const
const SOURCE_LIST = '.ts, .tsx, .mts, .cts, .js, .jsx, .mjs, .cjs'

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    catalog: { type: 'string' },
    config: { type: 'string' },
    tsconfig: { type: 'string' },
    'max-file-size': { type: 'string' },
    format: { type: 'string', default: 'pretty' },
    output: { type: 'string' },
    'fail-on': { type: 'string', default: 'error' },
    'allow-empty': { type: 'boolean', default: false },
  })
  const format = values.format as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`)
  const maxFileMegabytes = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size'])
  if (maxFileMegabytes !== undefined && !(maxFileMegabytes > 0))
    throw new UsageError(`--max-file-size must be a number of megabytes above 0, not "${values['max-file-size']}".`)
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number]
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}".`)

  // ts-morph and TypeScript load only here, so `herald --help` and `herald check` stay fast.
  const audit = await import('@herald/audit')
  const { settings, catalogFromConfig, settingsDir } = await readSettings(audit, values.config, io)
  const { catalog, catalogFile, failed } = loadCatalogFor(values.catalog, catalogFromConfig, io)
  if (failed) return EXIT_USAGE

  const progress = io.stderrIsTTY && !io.env.CI ? audit.progressLine(io.stderr) : undefined
  let report
  try {
    report = await audit.auditRepo({
      paths: positionals,
      cwd: io.cwd,
      ...(catalog ? { catalog, catalogFile } : {}),
      settings,
      ...(settingsDir !== undefined ? { settingsDir } : {}),
      ...(values.tsconfig !== undefined ? { tsconfig: values.tsconfig } : {}),
      ...(maxFileMegabytes !== undefined ? { maxFileBytes: Math.round(maxFileMegabytes * 1024 * 1024) } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    })
  } catch (error) {
    if (error instanceof audit.AuditInputError) throw new UsageError(`${error.message} Paths are relative to ${io.cwd}.`)
    if (error instanceof audit.TsconfigError) throw new UsageError(`${error.message} Fix it, or pass another with --tsconfig.`)
    throw error
  } finally {
    progress?.done()
  }

  const empty = report.stats.files === 0 && !values['allow-empty']
  const color = values.output === undefined && io.stdoutIsTTY && !io.env.NO_COLOR
  const text =
    format === 'json'
      ? audit.formatJson(report)
      : format === 'sarif'
        ? audit.formatSarif(report)
        : format === 'markdown'
          ? audit.formatMarkdown(report)
          : format === 'github'
            ? audit.formatGithub(report)
            : audit.formatPretty(report, { color })
  if (values.output !== undefined) {
    const target = resolve(io.cwd, values.output)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, text)
    io.stderr(`Wrote the ${format} report to ${values.output}: ${report.callSites.length} call sites, ${report.findings.length} findings.\n`)
  } else if (!(empty && format === 'pretty')) io.stdout(text) // "No problems" over no file would mislead
  if (format !== 'pretty') {
    // Machine formats keep stdout clean; a skipped file must still be seen by a person.
    for (const w of report.warnings) io.stderr(`herald audit: warning ${w.file}: ${w.message}\n`)
    for (const s of report.skippedFiles) io.stderr(`herald audit: skipped ${s.file}:${s.line}:${s.column}: ${s.message}\n`)
  }

  if (empty) {
    const where = positionals.length > 0 ? positionals.join(', ') : 'the current folder'
    io.stderr(
      `herald audit: no source file (${SOURCE_LIST}) under ${where}, so nothing was audited. Pass the folders that hold the code, or --allow-empty when none is expected.\n`,
    )
    return EXIT_FINDINGS
  }
  const failing = failOn === 'never' ? [] : report.findings.filter((f) => failOn === 'warning' || f.severity === 'error')
  return failing.length > 0 ? EXIT_FINDINGS : EXIT_OK
}

type AuditModule = typeof import('@herald/audit')

/**
 * Settings from --config (a settings.herald-shaped .json/.mjs, or a herald.config.*), else from the nearest
 * herald.config.* (here or above), else every preset. The catalog is the config's, else the nearest default one.
 */
export async function readSettings(
  audit: AuditModule,
  config: string | undefined,
  io: CommandIO,
): Promise<{ settings: Pick<HeraldSettings, 'presets' | 'matchers' | 'rules'>; catalogFromConfig?: string; settingsDir?: string }> {
  if (config === undefined) {
    const found = await discoverCatalog(io)
    const settings = found.settings ? pickSettings(found.settings) : {}
    // A config that names no catalog points at the default one only where it exists.
    const catalog = found.settings?.catalog ?? (found.file !== undefined && existsSync(found.file) ? found.file : undefined)
    const settingsDir = found.config?.dir
    return { settings, ...(catalog !== undefined ? { catalogFromConfig: catalog } : {}), ...(settingsDir !== undefined ? { settingsDir } : {}) }
  }
  const file = resolve(io.cwd, config)
  if (isHeraldConfigFile(file)) {
    const loaded = await loadConfigOrUsageError(file, io)
    const settings = settingsOrUsageError(loaded, io)
    const defaultCatalog = join(loaded.dir, DEFAULT_CATALOG_PATH)
    const catalog = settings.catalog ?? (existsSync(defaultCatalog) ? defaultCatalog : undefined)
    return { settings: pickSettings(settings), ...(catalog !== undefined ? { catalogFromConfig: catalog } : {}), settingsDir: loaded.dir }
  }
  try {
    const loaded = await audit.loadSettings(file)
    return { settings: loaded.settings, ...(loaded.catalog !== undefined ? { catalogFromConfig: loaded.catalog } : {}), settingsDir: dirname(file) }
  } catch (error) {
    if (error instanceof audit.SettingsError) throw new UsageError(`${error.message.replaceAll(file, config)} See herald audit --help for the settings shape.`)
    throw error
  }
}

function pickSettings(settings: Pick<HeraldSettings, 'presets' | 'matchers' | 'rules'>): Pick<HeraldSettings, 'presets' | 'matchers' | 'rules'> {
  return {
    ...(settings.presets !== undefined ? { presets: settings.presets } : {}),
    ...(settings.matchers !== undefined ? { matchers: settings.matchers } : {}),
    ...(settings.rules !== undefined ? { rules: settings.rules } : {}),
  }
}

/** The catalog: --catalog, else the config's, else the default path when it exists, else none. */
function loadCatalogFor(
  flag: string | undefined,
  fromConfig: string | undefined,
  io: CommandIO,
): { catalog?: Catalog; catalogFile?: string; failed?: boolean } {
  const explicit = flag ?? (fromConfig !== undefined ? relative(io.cwd, fromConfig) || fromConfig : undefined)
  if (explicit === undefined) return {}
  const file = explicit
  const result = loadCatalogSync(resolve(io.cwd, file))
  if (result.diagnostics.some((d) => d.code === 'file-not-found')) {
    throw new UsageError(`no catalog at ${file}. Pass the path of your events catalog with --catalog, or leave it out to run the catalog-free rules.`)
  }
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error')
    io.stderr(
      `${errors.map((d) => formatDiagnostic(shownDiagnostic(d, resolve(io.cwd, file), file, io.cwd))).join('\n')}\nherald audit: the catalog ${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix them first (herald check ${file}).\n`,
    )
    return { failed: true }
  }
  return { catalog: result.catalog, catalogFile: file }
}
