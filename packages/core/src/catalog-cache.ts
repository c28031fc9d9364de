/**
 * A per-process cache of loaded catalogs, keyed by absolute path and checked against the file's mtime and
 * size, so long-lived hosts (editors running ESLint, watch modes) see edits without re-reading every time.
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { type LoadResult, loadCatalogSync } from './load-catalog.js'

interface Entry {
  mtimeMs: number
  size: number
  result: LoadResult
}

const cache = new Map<string, Entry>()

/** Loads `path` (resolved against `cwd`) once per change of the file. */
export function loadCatalogCached(path: string, cwd = process.cwd()): LoadResult {
  const absolute = resolve(cwd, path)
  let mtimeMs = -1
  let size = -1
  try {
    const stat = statSync(absolute)
    mtimeMs = stat.mtimeMs
    size = stat.size
  } catch {
    // a missing file is loaded (and reported) each time, so it is picked up once it exists
  }
  const entry = cache.get(absolute)
  if (entry && entry.mtimeMs === mtimeMs && entry.size === size && mtimeMs !== -1) return entry.result
  const result = loadCatalogSync(absolute)
  cache.set(absolute, { mtimeMs, size, result })
  return result
}

export function clearCatalogCache(): void {
  cache.clear()
}
