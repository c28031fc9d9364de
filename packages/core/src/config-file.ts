/**
 * `herald.config.*`: found upward from a folder, as ESLint and tsc find theirs, and loaded the same way by the
 * CLI, the audit and the ESLint plugin (which cannot await, hence `loadHeraldConfigSync`). TypeScript configs go
 * through jiti, as ESLint loads `eslint.config.ts`: it compiles the config and the TypeScript it imports in
 * memory, writes no cache files, and is loaded only when a TypeScript (or, synchronously, a JavaScript) config is.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type HeraldSettings, settingsProblems } from './matchers.js'

/** In the order they are looked for in one folder. */
export const HERALD_CONFIG_FILES = ['herald.config.ts', 'herald.config.mts', 'herald.config.mjs', 'herald.config.js', 'herald.config.json'] as const

/** The catalog every tool reads when no config or flag names one, relative to the project's folder. */
export const DEFAULT_CATALOG_PATH = 'schema/events.catalog.json'

/** A config that cannot be used: a sentence for the user, the file, and a hint. */
export class HeraldConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'HeraldConfigError'
  }
}

export interface LoadedHeraldConfig {
  file: string
  /** Paths in the config are relative to this folder. */
  dir: string
  /** The default export, an object (its shape is checked by whoever uses a part of it). */
  value: Record<string, unknown>
}

/** What the config says to the call-site tools: `catalog` is absolute. */
export interface HeraldConfigSettings extends Pick<HeraldSettings, 'presets' | 'matchers' | 'rules'> {
  catalog?: string
}

/** The nearest herald.config.* in `startDir` or a folder above it. */
export function findHeraldConfig(startDir: string): string | undefined {
  return findHeraldProject(startDir)?.config
}

/**
 * The nearest folder, from `startDir` upward, that holds a herald.config.* or the default catalog, and which
 * of them it holds (the config when it holds both: the config names the catalog).
 */
export function findHeraldProject(startDir: string): { dir: string; config?: string; catalog?: string } | undefined {
  let dir = resolve(startDir)
  for (;;) {
    for (const name of HERALD_CONFIG_FILES) {
      const file = join(dir, name)
      if (existsSync(file)) return { dir, config: file }
    }
    const catalog = join(dir, DEFAULT_CATALOG_PATH)
    if (existsSync(catalog)) return { dir, catalog }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** Whether `file` is named like a herald.config (and not like a bare settings file). */
export function isHeraldConfigFile(file: string): boolean {
  return basename(file).startsWith('herald.config.')
}

type Jiti = ((id: string) => unknown) & { import(id: string): Promise<unknown> }
let jiti: Jiti | undefined

function getJiti(): Jiti {
  if (!jiti) {
    const { createJiti } = createRequire(import.meta.url)('jiti') as { createJiti(from: string, options: object): Jiti }
    jiti = createJiti(import.meta.url, { fsCache: false, moduleCache: false, interopDefault: true })
  }
  return jiti
}

/** Loads a config synchronously (JSON parsed, anything else through jiti), for the ESLint plugin. */
export function loadHeraldConfigSync(file: string): LoadedHeraldConfig {
  return finish(file, () => (isJson(file) ? readJson(file) : defaultExport(getJiti()(file))))
}

/** Loads a config: JSON parsed, JavaScript imported natively (top-level await works), TypeScript through jiti. */
export async function loadHeraldConfig(file: string): Promise<LoadedHeraldConfig> {
  if (!existsSync(file)) throw missing(file)
  let value: unknown
  try {
    if (isJson(file)) value = readJson(file)
    else if (/\.[cm]?ts$/.test(file)) value = defaultExport(await getJiti().import(file))
    else value = defaultExport(await import(pathToFileURL(file).href))
  } catch (error) {
    throw loadFailed(file, error)
  }
  return checked(file, value)
}

/** The catalog, presets and matchers a config names, for the ESLint plugin and the audit. */
export function heraldConfigSettings(loaded: LoadedHeraldConfig): HeraldConfigSettings {
  const { value, file, dir } = loaded
  const settings = value.settings ?? {}
  const problems = settingsProblems(settings)
  if (problems.length > 0)
    throw new HeraldConfigError(
      `Its "settings" are not valid: ${problems.join(' ')}`,
      file,
      "settings take { presets, matchers, rules }, as the ESLint plugin's settings.herald",
    )
  if (value.catalog !== undefined && (typeof value.catalog !== 'string' || value.catalog === '')) {
    throw new HeraldConfigError('Its "catalog" must be the path of the events catalog.', file, `catalog: "${DEFAULT_CATALOG_PATH}"`)
  }
  const { presets, matchers, rules } = settings as HeraldSettings
  return {
    ...(typeof value.catalog === 'string' ? { catalog: resolve(dir, value.catalog) } : {}),
    ...(presets !== undefined ? { presets } : {}),
    ...(matchers !== undefined ? { matchers } : {}),
    ...(rules !== undefined ? { rules } : {}),
  }
}

function finish(file: string, read: () => unknown): LoadedHeraldConfig {
  if (!existsSync(file)) throw missing(file)
  let value: unknown
  try {
    value = read()
  } catch (error) {
    throw loadFailed(file, error)
  }
  return checked(file, value)
}

function checked(file: string, value: unknown): LoadedHeraldConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HeraldConfigError('The config must export an object as its default export.', file, 'export default { catalog, outputs }')
  }
  return { file, dir: dirname(file), value: value as Record<string, unknown> }
}

function missing(file: string): HeraldConfigError {
  return new HeraldConfigError(`No config file at ${file}.`, file, `create one of ${HERALD_CONFIG_FILES.join(', ')}`)
}

function loadFailed(file: string, error: unknown): HeraldConfigError {
  const message = error instanceof Error ? error.message : String(error)
  if (error instanceof SyntaxError && isJson(file)) return new HeraldConfigError(`The config is not valid JSON: ${message}.`, file)
  return new HeraldConfigError(
    `Loading the config failed: ${message.split('\n')[0]}`,
    file,
    'the config runs when it is loaded; fix the error it throws, and export the config as its default export',
  )
}

const isJson = (file: string) => file.endsWith('.json')

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'))
}

function defaultExport(module: unknown): unknown {
  if (module === null || typeof module !== 'object') return module
  const value = 'default' in module ? (module as { default: unknown }).default : module
  // a TypeScript module compiled to CommonJS may wrap its default export once more
  return value !== null && typeof value === 'object' && 'default' in value && !('catalog' in value) ? (value as { default: unknown }).default : value
}

const discovered = new Map<string, { settings?: HeraldConfigSettings; problem?: string }>()
/** The project found from each folder: a linter asks once per file, and the answer stays for the process. */
const projectByFolder = new Map<string, ReturnType<typeof findHeraldProject>>()

/**
 * The settings of the nearest herald.config.* above `startDir` (or, with none, the nearest default catalog),
 * loaded synchronously once per folder, for the ESLint plugin: `settings.herald` need not repeat what the config
 * names. A config that cannot be loaded is a `problem` naming the file, to report as a setup problem.
 */
export function discoverHeraldConfigSettingsSync(startDir: string): { file?: string; settings?: HeraldConfigSettings; problem?: string } {
  let project = projectByFolder.get(startDir)
  if (!projectByFolder.has(startDir)) projectByFolder.set(startDir, (project = findHeraldProject(startDir)))
  if (project === undefined) return {}
  if (project.catalog !== undefined) return { settings: { catalog: project.catalog } }
  const file = project.config!
  let entry = discovered.get(file)
  if (!entry) {
    try {
      const loaded = loadHeraldConfigSync(file)
      const settings = heraldConfigSettings(loaded)
      const fallback = join(loaded.dir, DEFAULT_CATALOG_PATH)
      entry = { settings: settings.catalog === undefined && existsSync(fallback) ? { ...settings, catalog: fallback } : settings }
    } catch (error) {
      if (!(error instanceof HeraldConfigError)) throw error
      entry = { problem: `${file}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}` }
    }
    discovered.set(file, entry)
  }
  return { file, ...entry }
}
