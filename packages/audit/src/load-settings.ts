/**
 * Which calls are captures, for `herald audit --config` and `herald init --config`: a JSON or JS file holding
 * the `settings.herald` shape of the ESLint plugin (presets, matchers, and optionally the catalog), checked
 * with core's `settingsProblems`, the same check the plugin runs. A `herald.config.*` is read by core's
 * config loader, as the CLI and the ESLint plugin read it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type HeraldSettings, HeraldConfigError, heraldConfigSettings, isHeraldConfigFile, loadHeraldConfig, settingsProblems } from '@herald/core'

export interface LoadedSettings {
  settings: Pick<HeraldSettings, 'presets' | 'matchers' | 'rules'>
  /** The catalog the file names, resolved against the file's folder. */
  catalog?: string
}

/** A settings file that cannot be used; the message names the file and says what would be right. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsError'
  }
}

export async function loadSettings(path: string): Promise<LoadedSettings> {
  if (!existsSync(path)) throw new SettingsError(`No settings file at ${path}.`)
  if (isHeraldConfigFile(path)) {
    // the loader the CLI and the ESLint plugin use, so a herald.config means the same to all three
    try {
      const { catalog, ...settings } = heraldConfigSettings(await loadHeraldConfig(path))
      return { settings, ...(catalog !== undefined ? { catalog } : {}) }
    } catch (error) {
      if (error instanceof HeraldConfigError) throw new SettingsError(`${path}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`)
      throw error
    }
  }
  let value: unknown
  if (path.endsWith('.json')) {
    try {
      value = JSON.parse(readFileSync(path, 'utf8'))
    } catch (error) {
      throw new SettingsError(`${path} is not valid JSON: ${(error as Error).message}.`)
    }
  } else if (/\.[cm]?js$/.test(path)) {
    let module: { default?: unknown }
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown }
    } catch (error) {
      throw new SettingsError(`${path}: loading it failed: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`)
    }
    value = module.default ?? module
  } else {
    throw new SettingsError(`${path}: settings are read from .json, .mjs or .js files (or a herald.config.*).`)
  }
  return readSettings(value, path)
}

/** Settings given as a value (a herald.config's `settings`); `file` names where they came from. */
export function readSettings(value: unknown, file: string): LoadedSettings {
  const problems = settingsProblems(value)
  if (problems.length > 0) throw new SettingsError(`${file}: ${problems.join(' ')}`)
  const settings = (value ?? {}) as HeraldSettings
  const result: LoadedSettings = { settings: {} }
  if (settings.presets !== undefined) result.settings.presets = settings.presets
  if (settings.matchers !== undefined) result.settings.matchers = settings.matchers
  if (settings.rules !== undefined) result.settings.rules = settings.rules
  if (settings.catalog !== undefined) result.catalog = resolve(dirname(file), settings.catalog)
  return result
}
