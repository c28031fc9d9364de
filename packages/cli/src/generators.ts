/** The generators `herald generate` knows, each loaded only when an output asks for it. */
import type { Generator } from '@herald/core'

export type GeneratorName = 'typescript' | 'redaction' | 'json-schema' | 'docs' | 'posthog'

export const generators: Record<GeneratorName, () => Promise<Generator<never>>> = {
  typescript: async () => (await import('@herald/generator-typescript')).generate as Generator<never>,
  redaction: async () => (await import('@herald/generator-redaction')).generate as Generator<never>,
  'json-schema': async () => (await import('@herald/generator-json-schema')).generate as Generator<never>,
  docs: async () => (await import('@herald/generator-docs')).generate as Generator<never>,
  posthog: async () => (await import('@herald/generator-posthog')).generate as Generator<never>,
}
