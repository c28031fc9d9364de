/**
 * The base catalog of `herald diff --base`: a file when one exists at that path, else the catalog's own path
 * at a git ref, read with `git show REF:./path` (no checkout, nothing written).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'

export class BaseError extends Error {}

export interface BaseText {
  text: string
  /** How locations in the base are shown: the path as given, or `REF:path`. */
  file: string
  ref?: string
}

export function readBase(base: string, headPath: string, headShown: string, cwd: string): BaseText {
  const asFile = resolve(cwd, base)
  if (existsSync(asFile) && statSync(asFile).isFile()) return { text: readFileSync(asFile, 'utf8'), file: base }
  const git = (args: string[], at: string) => spawnSync('git', args, { cwd: at, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  const folder = dirname(headPath)
  const inRepo = git(['rev-parse', '--is-inside-work-tree'], folder)
  if (inRepo.error) throw new BaseError(`--base ${base} is not a file, and git could not be run to read it as a ref (${inRepo.error.message}).`)
  if (inRepo.status !== 0) throw new BaseError(`--base ${base} is not a file, and ${headShown} is not in a git repository to read it as a ref.`)
  const commit = git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`], folder)
  if (commit.status !== 0)
    throw new BaseError(
      `--base ${base} is neither a file nor a git ref (branch, tag or commit) in this repository. Hint: fetch it first (git fetch origin main), or pass a file.`,
    )
  const shown = git(['show', `${base}:./${basename(headPath)}`], folder)
  if (shown.status !== 0) throw new BaseError(`${headShown} does not exist at ${base}. Hint: pass the base catalog as a file if it was moved.`)
  return { text: shown.stdout, file: `${base}:${headShown}`, ref: base }
}
