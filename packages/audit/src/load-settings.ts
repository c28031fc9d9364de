/**
 * Which calls are captures, for `herald audit` and `herald init`: the `settings.herald` shape of the ESLint
 * plugin (presets, matchers), read from a JSON or JS file of that shape, or from the `settings` of a
 * `herald.config.(json|mjs|js)`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type HeraldSettings, type Matcher, PRESET_NAMES } from '@herald/core'

export const HERALD_CONFIG_FILES = ['herald.config.json', 'herald.config.mjs', 'herald.config.js'] as const

export interface LoadedSettings {
  settings: Pick<HeraldSettings, 'presets' | 'matchers'>
  /** The catalog the file names, resolved against the file's folder. */
  catalog?: string
  file: string
}

/** A settings file that cannot be used; the message names the file and says what would be right. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsError'
  }
}

/** The `herald.config.*` in `cwd`, if there is one. */
export function findHeraldConfig(cwd: string): string | undefined {
  for (const name of HERALD_CONFIG_FILES) {
    const path = resolve(cwd, name)
    if (existsSync(path)) return path
  }
  return undefined
}

export async function loadSettings(path: string): Promise<LoadedSettings> {
  if (!existsSync(path)) throw new SettingsError(`No settings file at ${path}.`)
  let value: unknown
  if (path.endsWith('.json')) {
    try {
      value = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new SettingsError(`${path} is not valid JSON: ${(error as Error).message}.`)
    }
  } else if (/\.[cm]?js$/.test(path)) {
    const module = (await import(pathToFileURL(path).href)) as { default?: unknown }
    value = module.default ?? module
  } else {
    throw new SettingsError(`${path}: settings are read from .json, .mjs or .js files; write it as ${basename(path).replace(/\.[^.]+$/, '')}.mjs or .json.`)
  }
  return readSettings(value, path)
}

function readSettings(value: unknown, file: string): LoadedSettings {
  if (!isObject(value)) throw new SettingsError(`${file}: expected an object with "presets" and/or "matchers" (or a herald.config with "settings").`)
  // A herald.config holds the settings under `settings` and the catalog beside them.
  const isHeraldConfig = 'settings' in value || 'outputs' in value
  const settings = isHeraldConfig ? (value.settings ?? {}) : value
  if (!isObject(settings)) throw new SettingsError(`${file}: "settings" must be an object with "presets" and/or "matchers".`)
  const result: LoadedSettings = { settings: {}, file }
  if (settings.presets !== undefined) result.settings.presets = presetsOf(settings.presets, file)
  if (settings.matchers !== undefined) result.settings.matchers = matchersOf(settings.matchers, file)
  const catalog = isHeraldConfig ? value.catalog : settings.catalog
  if (catalog !== undefined) {
    if (typeof catalog !== 'string') throw new SettingsError(`${file}: "catalog" must be a path, relative to the file.`)
    result.catalog = resolve(dirname(file), catalog)
  }
  return result
}

function presetsOf(value: unknown, file: string): HeraldSettings['presets'] {
  if (!Array.isArray(value)) throw new SettingsError(`${file}: "presets" must be a list of preset names (${PRESET_NAMES.join(', ')}).`)
  for (const name of value) {
    if (!(PRESET_NAMES as readonly unknown[]).includes(name)) throw new SettingsError(`${file}: unknown preset ${JSON.stringify(name)}; known presets: ${PRESET_NAMES.join(', ')}.`)
  }
  return value as HeraldSettings['presets']
}

const INDEX_KEYS = ['nameArg', 'propsArg', 'distinctIdArg'] as const

function matchersOf(value: unknown, file: string): Matcher[] {
  if (!Array.isArray(value)) throw new SettingsError(`${file}: "matchers" must be a list of matchers like { "callee": "capture", "from": "useTracking" }.`)
  return value.map((matcher, i) => {
    const where = `${file}: matchers[${i}]`
    if (!isObject(matcher) || typeof matcher.callee !== 'string' || matcher.callee === '') throw new SettingsError(`${where} needs a "callee" string, the called name (e.g. "capture").`)
    for (const key of ['object', 'from'] as const) {
      if (matcher[key] !== undefined && typeof matcher[key] !== 'string') throw new SettingsError(`${where}: "${key}" must be a string.`)
    }
    for (const key of INDEX_KEYS) {
      const index = matcher[key]
      if (index !== undefined && !(typeof index === 'number' && Number.isInteger(index) && index >= 0)) throw new SettingsError(`${where}: "${key}" must be an argument index (0, 1, …).`)
    }
    const objectForm = matcher.objectForm
    if (objectForm !== undefined) {
      if (!isObject(objectForm) || typeof objectForm.nameKey !== 'string') throw new SettingsError(`${where}: "objectForm" needs a "nameKey" string (e.g. { "nameKey": "event" }).`)
      for (const key of ['propsKey', 'distinctIdKey'] as const) {
        if (objectForm[key] !== undefined && typeof objectForm[key] !== 'string') throw new SettingsError(`${where}: "objectForm.${key}" must be a string.`)
      }
    }
    return matcher as unknown as Matcher
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
