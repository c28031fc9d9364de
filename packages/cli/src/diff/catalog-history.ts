/**
 * The versions of a catalog from a git ref to HEAD, for `herald docs --base`: the catalog at the base, at each
 * commit of `git rev-list --first-parent <base>..HEAD` (oldest first), then the file as it is now. Each is read
 * with `git show` (its bases at the same commit), never checked out.
 */
import { spawnSync } from 'node:child_process'
import { dirname } from 'node:path'
import { type Catalog, type CatalogVersion, parseCatalog } from '@herald/core'
import { BaseError, readBase } from './read-base.js'

export function catalogHistory(base: string, current: Catalog, catalogPath: string, catalogShown: string, cwd: string): CatalogVersion[] {
  const folder = dirname(catalogPath)
  const git = (args: string[]) => spawnSync('git', args, { cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const inRepo = git(['rev-parse', '--is-inside-work-tree'])
  if (inRepo.error) throw new BaseError(`--base ${base} needs git to read the catalog's history, and git could not be run (${inRepo.error.message}).`)
  if (inRepo.status !== 0) throw new BaseError(`--base ${base}: ${catalogShown} is not in a git repository, so it has no history to read.`)
  const resolved = git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`])
  if (resolved.status !== 0) {
    throw new BaseError(`--base ${base} is not a git ref (branch, tag or commit) in this repository. Hint: fetch it first (git fetch origin main).`)
  }
  const baseCommit = resolved.stdout.trim()
  const walked = git(['rev-list', '--first-parent', '--reverse', `${baseCommit}..HEAD`])
  if (walked.status !== 0) throw new BaseError(`--base ${base}: git rev-list ${base}..HEAD failed: ${walked.stderr.trim()}`)
  const commits = [baseCommit, ...walked.stdout.split('\n').filter((line) => line !== '')]

  const versions: CatalogVersion[] = []
  for (const commit of commits) {
    let text: ReturnType<typeof readBase>
    try {
      text = readBase(commit, catalogPath, catalogShown, cwd)
    } catch (error) {
      // The catalog did not exist yet at this commit (or was elsewhere): its events come later.
      if (error instanceof BaseError) continue
      throw error
    }
    const loaded = parseCatalog(text.text, text.path, text.readFile ? { readFile: text.readFile } : {})
    // A commit whose catalog did not load is passed over: the next one is compared with the last that did.
    if (loaded.ok) versions.push({ catalog: loaded.catalog, commit: commit.slice(0, 7) })
  }
  // The file as it is now is the last commit's unless it was edited since: then it is a version of its own.
  const last = versions.at(-1)
  if (last === undefined || !sameText(last.catalog, current)) versions.push({ catalog: current })
  return versions
}

function sameText(a: Catalog, b: Catalog): boolean {
  return JSON.stringify(a.raw) === JSON.stringify(b.raw)
}
