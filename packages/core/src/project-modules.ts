/**
 * Where an import leads, for both front-ends: a workspace package's name to its source first (`workspaces.ts`,
 * installed or not), else TypeScript's own resolver with the importing file's options (`moduleResolver`), and
 * whether a module exists at all, so that a name imported from one that does not is reported with the import's
 * location (`unresolvedImportMessage`) rather than left silent. Without a TypeScript API (the ESLint plugin in a
 * project without `typescript`), only workspace packages, relative files and installed packages are known.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type * as TypeScript from 'typescript'
import { moduleResolver, type TypeScriptApi } from './tsconfig.js'
import { Workspaces } from './workspaces.js'

const RELATIVE = /^\.{1,2}(\/|$)/
/** What a relative specifier may leave out, in TypeScript's order (a `.js` written for a `.ts` file is TypeScript's rule). */
const EXTENSIONS = ['', '.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json']

export class ProjectModules {
  private readonly resolveModule: ReturnType<typeof moduleResolver> | undefined
  private readonly workspacesOf: (fromFile: string) => Workspaces

  /** `workspaces`: one workspace for every file (the audit's, from its working directory), or each file's own. */
  constructor(
    ts: TypeScriptApi | undefined,
    cwd: string,
    optionsFor: (file: string) => TypeScript.CompilerOptions,
    workspaces: Workspaces | ((fromFile: string) => Workspaces) = new Workspaces([]),
  ) {
    this.resolveModule = ts === undefined ? undefined : moduleResolver(ts, cwd, optionsFor)
    this.workspacesOf = typeof workspaces === 'function' ? workspaces : () => workspaces
  }

  /** Whether `specifier` names a package of `fromFile`'s workspace (or a subpath of one). */
  inWorkspace(specifier: string, fromFile: string): boolean {
    return this.workspacesOf(fromFile).owns(specifier)
  }

  /** Whether TypeScript's resolver is there (tsconfig `paths`, installed packages' types). */
  get typed(): boolean {
    return this.resolveModule !== undefined
  }

  /** The project's source file `specifier` names from `fromFile`: a workspace package's, else TypeScript's answer when it is no library's. */
  resolve(specifier: string, fromFile: string): string | undefined {
    const workspace = this.workspacesOf(fromFile).resolve(specifier)
    if (workspace !== undefined) return workspace
    const resolved = this.resolveWithTypeScript(specifier, fromFile)
    if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) return undefined
    return resolved.resolvedFileName
  }

  /** TypeScript's resolution of `specifier` from `fromFile`, with the options of `fromFile`'s tsconfig. */
  resolveWithTypeScript(specifier: string, fromFile: string): TypeScript.ResolvedModuleFull | undefined {
    return this.resolveModule?.(specifier, fromFile)
  }

  /**
   * Whether the module exists (a project source, or a library TypeScript or Node finds); undefined when that
   * cannot be told: a bare specifier that is not installed, without TypeScript to try tsconfig `paths`.
   */
  exists(specifier: string, fromFile: string): boolean | undefined {
    if (this.workspacesOf(fromFile).resolve(specifier) !== undefined) return true
    // a file or an installed package: found without TypeScript's resolver (what the ESLint plugin mostly asks)
    const relative = RELATIVE.test(specifier)
    if (relative ? relativeFileExists(resolve(dirname(fromFile), specifier)) : installed(specifier, dirname(fromFile))) return true
    if (this.resolveModule !== undefined) return this.resolveModule(specifier, fromFile) !== undefined
    return relative ? false : undefined
  }
}

function relativeFileExists(path: string): boolean {
  const stem = path.replace(/\.[cm]?js$/, '')
  const stems = stem === path ? [path] : [path, stem]
  for (const s of stems) {
    for (const e of EXTENSIONS) if (isFile(s + e)) return true
    for (const e of EXTENSIONS.slice(1)) if (isFile(join(s, `index${e}`))) return true
  }
  return false
}

/** Whether the package of a bare specifier is in a `node_modules` at or above `dir`. */
function installed(specifier: string, dir: string): boolean {
  const parts = specifier.split('/')
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
  if (specifier.startsWith('node:')) return true
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'node_modules', name))) return true
    if (dirname(at) === at) return false
  }
}

function isFile(path: string): boolean {
  // without throwing for each candidate that is not there (most of them)
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true
}

/** The message for `names` imported from `specifier`, a module that cannot be found: the same words in the audit and ESLint. */
export function unresolvedImportMessage(specifier: string, names: readonly string[]): string {
  const shown = names.map((n) => (n === 'default' ? 'the default export' : n)).join(', ')
  const hint = RELATIVE.test(specifier) ? 'no such file' : 'neither a workspace package nor an installed one, nor a tsconfig path'
  return `Cannot resolve "${specifier}" (${hint}), so ${shown} imported from it is not checked: the call sites that use it get no naming check.`
}
