/**
 * `herald.config.(ts|mjs|json)`: what `herald generate` writes, and the call-site settings `herald audit` uses.
 * `defineConfig` only returns its argument; it exists so editors complete and check the config.
 */
import type { HeraldSettings } from '@herald/core'

export interface OutputConfig<Options = Record<string, unknown>> {
  /** Output directory, relative to the config file. */
  out: string
  options?: Options
}

export interface HeraldConfig {
  /** The catalog, relative to the config file. */
  catalog: string
  outputs: {
    typescript?: OutputConfig
    redaction?: OutputConfig
    'json-schema'?: OutputConfig
    /** Markdown pages; `site: true` adds a buildable VitePress site. */
    docs?: OutputConfig<{ site?: boolean; [key: string]: unknown }>
    /** PostHog dashboards (`dashboards/<id>.json`) and event/property definitions (`definitions.json`). */
    posthog?: OutputConfig<{ definitions?: boolean }>
  }
  /** What `herald migrate` puts in place of raw capture calls. */
  migrate?: {
    /** The expression that gives the telemetry client at a call site: `telemetry`, `useTelemetry()`. */
    client: string
    /** Where its name is imported from: a file relative to the config, or a package or alias specifier. */
    clientImport?: { name: string; from: string }
  }
  /** Call-site matching for `herald audit` (the same shape as the ESLint plugin's `settings.herald`). */
  settings?: Omit<HeraldSettings, 'catalog'>
}

export function defineConfig(config: HeraldConfig): HeraldConfig {
  return config
}
