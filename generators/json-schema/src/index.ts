import type { Catalog, GeneratedFile } from '@herald/core'

/** Not built yet: see the generators issue. */
export function generate(_catalog: Catalog, _options: Record<string, unknown> = {}): GeneratedFile[] {
  throw new Error('This generator is not built yet.')
}
