/**
 * The base catalog of `herald diff --base`: a file when one exists at that path, else the catalog's own path
 * at a git ref, read with `git show REF:./path` (no checkout, nothing written).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, relative, resolve, sep } from 'node:path'
import { type CatalogFileReader, readCatalogFile } from '@herald/core'

export class BaseError extends Error {}

export interface BaseText {
  text: string
  /** How locations in the base are shown: the path as given, or `REF:path`. */
  file: string
  /** Where the base stands on disk, or would at the ref: the folder its `extends` paths are resolved from. */
  path: string
  ref?: string
  /** How the files it `extends` are read: at the same ref, when they are in the repository. */
  readFile?: CatalogFileReader
  /** How a file it extends is shown in findings. */
  show: (path: string) => string
}

export function readBase(base: string, headPath: string, headShown: string, cwd: string): BaseText {
  const asFile = resolve(cwd, base)
  if (existsSync(asFile) && statSync(asFile).isFile()) {
    return { text: readFileSync(asFile, 'utf8'), file: base, path: asFile, show: (path) => (path === asFile ? base : relative(cwd, path)) }
  }
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
  const top = git(['rev-parse', '--show-toplevel'], folder).stdout.trim()
  const inside = (path: string) => top !== '' && !relative(top, path).startsWith('..') && !relative(top, path).split(sep).includes('node_modules')
  // A base in the repository is read as it was at the ref; an installed package as it is now.
  const readFile: CatalogFileReader = (path) => {
    if (!inside(path)) return readCatalogFile(path)
    const at = git(['show', `${base}:./${relative(folder, path).split(sep).join('/')}`], folder)
    return at.status === 0 ? { text: at.stdout } : { code: 'file-not-found', message: `No catalog at ${path} at ${base}.` }
  }
  const show = (path: string) => (path === headPath ? `${base}:${headShown}` : inside(path) ? `${base}:${relative(cwd, path)}` : relative(cwd, path))
  return { text: shown.stdout, file: `${base}:${headShown}`, path: headPath, ref: base, readFile, show }
}
