/**
 * Workspace packages, resolved to their sources whether or not they are installed: a monorepo's
 * `import { EVENTS } from "@acme/shared"` is followed to `packages/shared/src/…` without the `node_modules`
 * links `pnpm install` would make (and, when they are there, to the source rather than a built `dist`).
 * The packages are those of `pnpm-workspace.yaml`'s `packages:`, or of the root package.json's `workspaces`
 * (npm and yarn: an array, or `{ packages: [...] }`), or of `lerna.json`'s `packages` (Lerna's default
 * `packages/*` when it names none), in that order, as Lerna itself prefers the package manager's list.
 * Shared by both front-ends: the audit (its module index and typed pass) and the ESLint plugin (`declaredIn`,
 * and whether an imported name's module exists), which needs the synchronous `findWorkspacesSync`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { glob, globSync } from 'tinyglobby'

export interface WorkspacePackage {
  name: string
  /** Absolute folder of the package. */
  dir: string
  manifest: Manifest
}

interface Manifest {
  name?: unknown
  exports?: unknown
  types?: unknown
  typings?: unknown
  source?: unknown
  module?: unknown
  main?: unknown
  workspaces?: unknown
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts']
const INDEX_FILES = ['src/index.ts', 'src/index.tsx', 'index.ts', 'index.tsx']
/** Export conditions, the source-like first. */
const CONDITIONS = ['source', 'types', 'typings', 'import', 'module', 'default', 'require', 'node', 'browser']
const BUILD_FOLDERS = /^(?:\.\/)?(?:dist|build|lib|out)\//

export class Workspaces {
  private readonly byName: Map<string, WorkspacePackage>
  private readonly names: string[]

  constructor(packages: readonly WorkspacePackage[]) {
    this.byName = new Map(packages.map((p) => [p.name, p]))
    // Longest first, so that `@acme/shared-ui` is not taken for `@acme/shared` plus a subpath.
    this.names = [...this.byName.keys()].sort((a, b) => b.length - a.length)
  }

  get size(): number {
    return this.byName.size
  }

  /** Whether `specifier` names a workspace package or a subpath of one. */
  owns(specifier: string): boolean {
    return this.packageOf(specifier) !== undefined
  }

  /** The source file `specifier` (`@acme/shared`, `@acme/shared/events`) stands for, or undefined. */
  resolve(specifier: string): string | undefined {
    const found = this.packageOf(specifier)
    if (!found) return undefined
    const { pkg, subpath } = found
    for (const target of exportTargets(pkg.manifest.exports, subpath)) {
      const source = sourceFor(pkg.dir, target)
      if (source) return source
    }
    if (subpath === '.') {
      for (const field of [pkg.manifest.source, pkg.manifest.types, pkg.manifest.typings, pkg.manifest.module, pkg.manifest.main]) {
        const source = typeof field === 'string' ? sourceFor(pkg.dir, field) : undefined
        if (source) return source
      }
      for (const index of INDEX_FILES) if (isFile(join(pkg.dir, index))) return join(pkg.dir, index)
      return undefined
    }
    return sourceFor(pkg.dir, subpath) ?? sourceFor(pkg.dir, `./src/${subpath.slice(2)}`)
  }

  private packageOf(specifier: string): { pkg: WorkspacePackage; subpath: string } | undefined {
    if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined
    for (const name of this.names) {
      if (specifier === name) return { pkg: this.byName.get(name)!, subpath: '.' }
      if (specifier.startsWith(`${name}/`)) return { pkg: this.byName.get(name)!, subpath: `./${specifier.slice(name.length + 1)}` }
    }
    return undefined
  }
}

/** The workspace of the nearest folder at or above `cwd` that declares one; no packages when none does. */
export async function findWorkspaces(cwd: string): Promise<Workspaces> {
  const query = manifestQuery(cwd)
  return new Workspaces(query ? packagesOf(await glob(...query)) : [])
}

/** `findWorkspaces`, synchronously (for an ESLint rule). */
export function findWorkspacesSync(cwd: string): Workspaces {
  const query = manifestQuery(cwd)
  return new Workspaces(query ? packagesOf(globSync(...query)) : [])
}

/** Whether `dir` declares a workspace (pnpm-workspace.yaml, package.json `workspaces`, lerna.json), as `findWorkspaces` looks for one. */
export function declaresWorkspace(dir: string): boolean {
  return workspacePatterns(dir) !== undefined
}

type GlobOptions = { cwd: string; absolute: true; ignore: string[]; followSymbolicLinks: false }

/** The glob of the package.json files of the nearest workspace at or above `cwd`; undefined when there is none or it lists no packages. */
function manifestQuery(cwd: string): [string[], GlobOptions] | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const patterns = workspacePatterns(dir)
    if (patterns) {
      const include = patterns.filter((p) => !p.startsWith('!')).map((p) => `${p.replace(/\/+$/, '')}/package.json`)
      const ignore = ['**/node_modules/**', ...patterns.filter((p) => p.startsWith('!')).map((p) => `${p.slice(1).replace(/\/+$/, '')}/package.json`)]
      return include.length === 0 ? undefined : [include, { cwd: dir, absolute: true, ignore, followSymbolicLinks: false }]
    }
    if (dirname(dir) === dir) return undefined
  }
}

function workspacePatterns(dir: string): string[] | undefined {
  const yaml = join(dir, 'pnpm-workspace.yaml')
  if (isFile(yaml)) return pnpmPatterns(readText(yaml) ?? '')
  const manifest = readManifest(join(dir, 'package.json'))
  const workspaces = manifest?.workspaces
  const list = Array.isArray(workspaces) ? workspaces : isObject(workspaces) && Array.isArray(workspaces.packages) ? workspaces.packages : undefined
  if (list) return strings(list)
  const lerna = join(dir, 'lerna.json')
  if (!isFile(lerna)) return undefined
  const config = readManifest(lerna) as { packages?: unknown } | undefined
  return Array.isArray(config?.packages) ? strings(config.packages) : ['packages/*']
}

function strings(list: readonly unknown[]): string[] {
  return list.filter((p): p is string => typeof p === 'string')
}

/**
 * `packages:` of pnpm-workspace.yaml, as a block list (`  - "apps/*"`) or a flow list (`[apps/*, packages/*]`).
 * Only this key is read, so a YAML parser is not needed; other keys (`catalog:`, `onlyBuiltDependencies:`) are skipped.
 */
export function pnpmPatterns(text: string): string[] {
  const lines = text.split(/\r?\n/)
  const patterns: string[] = []
  const start = lines.findIndex((l) => /^packages\s*:/.test(l))
  if (start < 0) return patterns
  const inline = lines[start]!.replace(/^packages\s*:/, '')
    .replace(/\s#.*$/, '')
    .trim()
  if (inline.startsWith('['))
    return inline
      .replace(/^\[|\]$/g, '')
      .split(',')
      .map(unquote)
      .filter((p) => p !== '')
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue
    const item = /^\s+-\s*(.*?)\s*(?:\s#.*)?$/.exec(line)
    if (!item) break
    patterns.push(unquote(item[1]!))
  }
  return patterns.filter((p) => p !== '')
}

function unquote(text: string): string {
  return text.trim().replace(/^(['"])(.*)\1$/, '$2')
}

function packagesOf(manifests: string[]): WorkspacePackage[] {
  const packages: WorkspacePackage[] = []
  for (const file of manifests.sort()) {
    const manifest = readManifest(file)
    if (manifest && typeof manifest.name === 'string' && manifest.name !== '') packages.push({ name: manifest.name, dir: dirname(file), manifest })
  }
  return packages
}

/** The targets `exports` gives `subpath`, in the order to try them (conditions source-like first). */
function exportTargets(exports: unknown, subpath: string): string[] {
  if (exports === undefined || exports === null) return []
  if (typeof exports === 'string' || Array.isArray(exports) || !Object.keys(exports as object).some((k) => k.startsWith('.'))) {
    return subpath === '.' ? conditionTargets(exports) : []
  }
  const map = exports as Record<string, unknown>
  if (subpath in map) return conditionTargets(map[subpath])
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*')
    if (star < 0) continue
    const prefix = key.slice(0, star)
    const suffix = key.slice(star + 1)
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const matched = subpath.slice(prefix.length, subpath.length - suffix.length)
      return conditionTargets(value).map((t) => t.replaceAll('*', matched))
    }
  }
  return []
}

function conditionTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(conditionTargets)
  if (!isObject(value)) return []
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b))
  return keys.flatMap((k) => conditionTargets(value[k]))
}

function rank(condition: string): number {
  const i = CONDITIONS.indexOf(condition)
  return i < 0 ? CONDITIONS.length : i
}

/**
 * The source file a package's entry stands for: the entry itself when it is a source file, else the same
 * path with a source extension, and for an entry into a build folder (`./dist/index.js`, `./dist/index.d.ts`)
 * the same path under `src/`.
 */
function sourceFor(dir: string, target: string): string | undefined {
  const stem = target.replace(/\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/, '')
  const stems = [stem, ...(BUILD_FOLDERS.test(stem) ? [stem.replace(BUILD_FOLDERS, './src/')] : [])]
  if (SOURCE_EXTENSIONS.some((e) => target.endsWith(e)) && !/\.d\.[cm]?ts$/.test(target) && isFile(join(dir, target))) return join(dir, target)
  for (const s of stems) {
    for (const candidate of [...SOURCE_EXTENSIONS.map((e) => `${s}${e}`), ...SOURCE_EXTENSIONS.map((e) => `${s}/index${e}`)]) {
      if (isFile(join(dir, candidate))) return join(dir, candidate)
    }
  }
  return undefined
}

function readManifest(file: string): Manifest | undefined {
  const text = readText(file)
  if (text === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(text)
    return isObject(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

function readText(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined
  } catch {
    return undefined
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
