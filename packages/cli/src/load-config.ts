/**
 * Finds and loads `herald.config.(ts|mjs|json)`. JSON is parsed, `.mjs` imported; `.ts` goes through tsx's
 * `tsImport`, loaded only for TypeScript configs: it compiles the config and whatever TypeScript it imports
 * in memory (an esbuild transform alone would break on a config importing a sibling `.ts` file) and writes
 * no temporary files.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { HeraldConfig } from './config.js'

export const CONFIG_FILES = ['herald.config.ts', 'herald.config.mjs', 'herald.config.json'] as const

/** A config that cannot be used: a sentence for the user, with the file and a hint. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'ConfigError'
  }
}

export interface LoadedConfig {
  config: HeraldConfig
  file: string
  /** Paths in the config are relative to this directory. */
  dir: string
}

export function findConfig(cwd: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const file = resolve(cwd, name)
    if (existsSync(file)) return file
  }
  return undefined
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  if (!existsSync(file)) throw new ConfigError(`No config file at ${file}.`, file, `create one of ${CONFIG_FILES.join(', ')}, or pass --catalog and --out`)
  let value: unknown
  try {
    if (file.endsWith('.json')) value = JSON.parse(readFileSync(file, 'utf8'))
    else if (file.endsWith('.ts') || file.endsWith('.mts')) {
      const { tsImport } = await import('tsx/esm/api')
      value = defaultExport(await tsImport(pathToFileURL(file).href, import.meta.url))
    } else value = defaultExport(await import(pathToFileURL(file).href))
  } catch (error) {
    throw new ConfigError(`Cannot load the config: ${(error as Error).message.split('\n')[0]}`, file, 'check that the file exports the config as its default export')
  }
  return { config: validateConfig(value, file), file, dir: dirname(file) }
}

function defaultExport(module: unknown): unknown {
  const value = (module as { default?: unknown }).default
  // tsx may wrap a TypeScript module's default export once more.
  return value !== null && typeof value === 'object' && 'default' in value && !('catalog' in value) ? (value as { default: unknown }).default : value
}

const OUTPUT_NAMES = ['typescript', 'redaction', 'json-schema', 'docs', 'posthog']

export function validateConfig(value: unknown, file: string): HeraldConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError('The config must export an object.', file, 'export default defineConfig({ catalog, outputs })')
  }
  const config = value as Record<string, unknown>
  if (typeof config.catalog !== 'string' || config.catalog === '') {
    throw new ConfigError('The config has no "catalog": the path of the events catalog is required.', file, 'add catalog: "schema/events.catalog.json"')
  }
  const outputs = config.outputs
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs) || Object.keys(outputs).length === 0) {
    throw new ConfigError('The config has no "outputs": list at least one generator and its out directory.', file, 'add outputs: { typescript: { out: "src/telemetry" } }')
  }
  for (const [name, output] of Object.entries(outputs as Record<string, unknown>)) {
    if (!OUTPUT_NAMES.includes(name)) {
      throw new ConfigError(`The output "${name}" is not a Herald generator.`, file, `use one of ${OUTPUT_NAMES.join(', ')}`)
    }
    const out = (output as { out?: unknown } | null)?.out
    if (typeof out !== 'string' || out === '') throw new ConfigError(`The output "${name}" has no "out" directory.`, file, `add out: "generated/${name}"`)
  }
  return value as HeraldConfig
}
