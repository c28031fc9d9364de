/**
 * Where a command finds its config and catalog when no flag names them: upward from the working folder, as ESLint
 * and tsc find theirs, so that every command works from any subfolder of the project.
 */
import { join } from 'node:path'
import {
  DEFAULT_CATALOG_PATH,
  findHeraldProject,
  HeraldConfigError,
  heraldConfigSettings,
  type HeraldConfigSettings,
  type LoadedHeraldConfig,
  loadHeraldConfig,
} from '@herald/core'
import { type CommandIO, UsageError } from './io.js'
import { shownPath } from './output-files.js'

export interface DiscoveredCatalog {
  /** Absolute; undefined when there is none here or above. */
  file?: string
  /** The config that named it, when one did. */
  config?: LoadedHeraldConfig
  settings?: HeraldConfigSettings
}

/** The nearest herald.config's catalog, else the nearest schema/events.catalog.json, from `io.cwd` upward. */
export async function discoverCatalog(io: CommandIO): Promise<DiscoveredCatalog> {
  const project = findHeraldProject(io.cwd)
  if (project === undefined) return {}
  if (project.catalog !== undefined) return { file: project.catalog }
  const config = await loadConfigOrUsageError(project.config!, io)
  const settings = settingsOrUsageError(config, io)
  return { file: settings.catalog ?? join(config.dir, DEFAULT_CATALOG_PATH), config, settings }
}

/** A config that fails to load is a usage mistake: exit 2 with the file, never an internal error. */
export async function loadConfigOrUsageError(file: string, io: CommandIO): Promise<LoadedHeraldConfig> {
  try {
    return await loadHeraldConfig(file)
  } catch (error) {
    throw configUsageError(error, io)
  }
}

export function settingsOrUsageError(config: LoadedHeraldConfig, io: CommandIO): HeraldConfigSettings {
  try {
    return heraldConfigSettings(config)
  } catch (error) {
    throw configUsageError(error, io)
  }
}

export function configUsageError(error: unknown, io: CommandIO): unknown {
  if (!(error instanceof HeraldConfigError)) return error
  return new UsageError(`${shownPath(io.cwd, error.file)}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`)
}

export const NO_CATALOG_HINT = `no ${DEFAULT_CATALOG_PATH} and no herald.config.* here or in a folder above. Pass the catalog's path, or run herald init to write one.`
