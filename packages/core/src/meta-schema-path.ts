/**
 * Where a catalog's `"$schema"` should point so editors complete it offline: the meta-schema that
 * `@herald/core` ships as `catalog.schema.json`, as a path relative to the catalog's folder.
 */
import { existsSync, realpathSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The absolute path of the meta-schema this copy of `@herald/core` ships. */
export const META_SCHEMA_FILE: string = fileURLToPath(new URL('../catalog.schema.json', import.meta.url))

/**
 * The `$schema` value for a catalog in `catalogDir`: `./node_modules/@herald/core/catalog.schema.json` (or
 * `../…`) when a `node_modules/@herald/core` up the tree is this package, as an editor would resolve it;
 * otherwise the relative path to the file this package ships (pnpm keeps it under `node_modules/.pnpm`).
 */
export function metaSchemaPathFor(catalogDir: string): string {
  const shipped = realpathSafe(META_SCHEMA_FILE)
  for (let dir = catalogDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@herald', 'core', 'catalog.schema.json')
    if (existsSync(candidate) && realpathSafe(candidate) === shipped) return relativeUrl(catalogDir, candidate)
    if (dirname(dir) === dir) break
  }
  return relativeUrl(catalogDir, shipped)
}

function relativeUrl(from: string, to: string): string {
  const path = relative(from, to).split(sep).join('/')
  return path.startsWith('.') ? path : `./${path}`
}

function realpathSafe(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
