/** The generators `herald generate` knows, each loaded only when an output asks for it, and the options each takes. */
import type { Generator } from '@herald/core'

export type GeneratorName = 'typescript' | 'redaction' | 'json-schema' | 'docs' | 'posthog'

export interface GeneratorEntry {
  load: () => Promise<Generator<never>>
  /** Each option and the type of its value, so a config with a misspelt or mistyped option is refused. */
  options: Readonly<Record<string, 'string' | 'boolean'>>
}

export const generators: Record<GeneratorName, GeneratorEntry> = {
  typescript: {
    load: async () => (await import('@herald/generator-typescript')).generate as Generator<never>,
    options: { runtimeModule: 'string', validators: 'boolean', fileName: 'string' },
  },
  redaction: {
    load: async () => (await import('@herald/generator-redaction')).generate as Generator<never>,
    options: { runtimeModule: 'string', emittersModule: 'string' },
  },
  'json-schema': {
    load: async () => (await import('@herald/generator-json-schema')).generate as Generator<never>,
    options: { perEvent: 'boolean' },
  },
  docs: {
    load: async () => (await import('@herald/generator-docs')).generate as Generator<never>,
    options: { site: 'boolean' },
  },
  posthog: {
    load: async () => (await import('@herald/generator-posthog')).generate as Generator<never>,
    options: { definitions: 'boolean' },
  },
}
