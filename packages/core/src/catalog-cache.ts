/**
 * A per-process cache of loaded catalogs, keyed by absolute path and checked against the mtime and size of the
 * file and of every base it extends, so long-lived hosts (editors running ESLint, watch modes) see edits without
 * re-reading every time. Across processes, the verdicts of the costly checks (meta-schema, ReDoS) are kept on
 * disk under the project's `node_modules/.cache/herald` (verdict-cache.ts).
 */
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { type LoadResult, loadCatalogSync } from './load-catalog.js'
import { type VerdictCache, verdictCacheFor } from './verdict-cache.js'

interface Entry {
  /** `mtimeMs:size` of the catalog, then of each base in the order they were read. */
  stamps: string[]
  bases: string[]
  result: LoadResult
  unresolved: boolean
}

const cache = new Map<string, Entry>()
/** The verdict cache of each project folder (`cwd`) catalogs were loaded from. */
const verdicts = new Map<string, VerdictCache | undefined>()

/** Loads `path` (resolved against `cwd`) once per change of the file or of one of its bases. */
export function loadCatalogCached(path: string, cwd = process.cwd()): LoadResult {
  const absolute = resolve(cwd, path)
  const entry = cache.get(absolute)
  if (entry && !entry.unresolved && entry.stamps.every((stamp, i) => stamp !== MISSING && stamp === stampOf(i === 0 ? absolute : entry.bases[i - 1]!)))
    return entry.result
  // Stamped before reading, so an edit made while loading is seen by the next call.
  const before = stampOf(absolute)
  if (!verdicts.has(cwd)) verdicts.set(cwd, verdictCacheFor(cwd))
  const projectVerdicts = verdicts.get(cwd)
  const result = loadCatalogSync(absolute, projectVerdicts ? { verdicts: projectVerdicts } : {})
  projectVerdicts?.save()
  const bases = (result.bases ?? []).map((base) => resolve(cwd, base))
  // A package base that did not resolve may be installed by the next call.
  const unresolved = result.diagnostics.some((d) => d.code === 'base-not-found')
  cache.set(absolute, { stamps: [before, ...bases.map(stampOf)], bases, result, unresolved })
  return result
}

export function clearCatalogCache(): void {
  cache.clear()
  verdicts.clear()
}

const MISSING = 'missing'

/** A missing file is loaded (and reported) each time, so it is picked up once it exists. */
function stampOf(file: string): string {
  try {
    const stat = statSync(file)
    return `${stat.mtimeMs}:${stat.size}`
  } catch {
    return MISSING
  }
}
