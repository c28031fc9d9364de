/**
 * `herald.config.*` for `herald generate`: found upward and loaded by core (`findHeraldConfig`,
 * `loadHeraldConfig`, which the ESLint plugin and the audit use too), then checked here for what generating needs.
 */
import { findHeraldConfig, HeraldConfigError, loadHeraldConfig, nearestNames } from '@herald/core'
import type { HeraldConfig } from './config.js'
import { type GeneratorName, generators } from './generators.js'

export { HERALD_CONFIG_FILES as CONFIG_FILES, HeraldConfigError as ConfigError } from '@herald/core'

export interface LoadedConfig {
  config: HeraldConfig
  file: string
  /** Paths in the config are relative to this directory. */
  dir: string
}

/** The nearest herald.config.* in `cwd` or above it. */
export function findConfig(cwd: string): string | undefined {
  return findHeraldConfig(cwd)
}

export async function loadConfig(file: string): Promise<LoadedConfig> {
  const loaded = await loadHeraldConfig(file)
  return { config: validateConfig(loaded.value, file), file, dir: loaded.dir }
}

const OUTPUT_NAMES = Object.keys(generators) as GeneratorName[]
const TOP_LEVEL = ['catalog', 'outputs', 'settings', 'migrate', '$schema']

export function validateConfig(value: unknown, file: string): HeraldConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HeraldConfigError('The config must export an object.', file, 'export default defineConfig({ catalog, outputs })')
  }
  const config = value as Record<string, unknown>
  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL.includes(key)) throw new HeraldConfigError(`The config has an unknown field "${key}".`, file, didYouMean(key, TOP_LEVEL))
  }
  if (typeof config.catalog !== 'string' || config.catalog === '') {
    throw new HeraldConfigError('The config has no "catalog": the path of the events catalog is required.', file, 'add catalog: "schema/events.catalog.json"')
  }
  const outputs = config.outputs
  if (outputs === null || typeof outputs !== 'object' || Array.isArray(outputs) || Object.keys(outputs).length === 0) {
    throw new HeraldConfigError(
      'The config has no "outputs": list at least one generator and its out directory.',
      file,
      'add outputs: { typescript: { out: "src/telemetry" } }',
    )
  }
  for (const [name, output] of Object.entries(outputs as Record<string, unknown>)) {
    if (!Object.hasOwn(generators, name)) {
      throw new HeraldConfigError(`The output "${name}" is not a Herald generator.`, file, didYouMean(name, OUTPUT_NAMES))
    }
    if (output === null || typeof output !== 'object' || Array.isArray(output)) {
      throw new HeraldConfigError(`The output "${name}" must be an object with an "out" directory.`, file, `${name}: { out: "generated/${name}" }`)
    }
    const { out, options, ...rest } = output as { out?: unknown; options?: unknown }
    const extra = Object.keys(rest)[0]
    if (extra !== undefined) throw new HeraldConfigError(`The output "${name}" has an unknown field "${extra}".`, file, didYouMean(extra, ['out', 'options']))
    if (typeof out !== 'string' || out === '') throw new HeraldConfigError(`The output "${name}" has no "out" directory.`, file, `add out: "generated/${name}"`)
    if (options === undefined) continue
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new HeraldConfigError(`The options of the output "${name}" must be an object.`, file)
    }
    const known = generators[name as GeneratorName].options
    for (const [option, optionValue] of Object.entries(options)) {
      const type = Object.hasOwn(known, option) ? known[option] : undefined
      if (type === undefined) {
        const names = Object.keys(known)
        throw new HeraldConfigError(`The ${name} generator has no option "${option}".`, file, didYouMean(option, names))
      }
      if (typeof optionValue !== type)
        throw new HeraldConfigError(`The ${name} option "${option}" must be a ${type}, not ${JSON.stringify(optionValue)}.`, file)
    }
  }
  return value as HeraldConfig
}

function didYouMean(name: string, known: readonly string[]): string {
  const near = nearestNames(name, known, (n) => n.toLowerCase())
  return near.length > 0 ? `did you mean "${near[0]}"?` : known.length > 0 ? `known: ${known.join(', ')}` : 'it takes no options'
}
