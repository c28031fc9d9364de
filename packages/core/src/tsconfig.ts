/**
 * How a file's imports resolve, for both front-ends: each file with the options of its nearest tsconfig.json
 * (following `extends`, tolerating a base that is not installed yet), read once per tsconfig, and TypeScript's own
 * module resolver with one cache per options. The TypeScript API is the caller's (the audit's peer dependency, the
 * ESLint plugin's project's), passed in, so core loads no TypeScript of its own.
 */
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type * as TypeScript from 'typescript'

export type TypeScriptApi = typeof TypeScript

export interface TsconfigWarning {
  /** Absolute path of the tsconfig.json the warning is about. */
  tsconfig: string
  message: string
}

/** A tsconfig that cannot be read; the CLI reports it as a usage error. */
export class TsconfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TsconfigError'
  }
}

/** The options a file without a tsconfig.json is resolved with, and that a tsconfig's own options go over. */
export function defaultCompilerOptions(ts: TypeScriptApi): TypeScript.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    allowJs: true,
    strict: true,
    resolveJsonModule: true,
    allowImportingTsExtensions: true,
  }
}

/** "No inputs were found in config file": expected, since the host lists no files. */
const NO_INPUTS_CODE = 18003
/** "File '…' not found.", for an `extends` base. */
const EXTENDS_NOT_FOUND_CODE = 6053

/** Who reads the tsconfig, for messages: `"the audit"` and `"audited"`, `"the ESLint plugin"` and `"linted"`. */
export interface TsconfigReader {
  name: string
  verb: string
}

/**
 * The compiler options `tsconfig` sets (following `extends`), without listing its files. A base that is not there
 * is a warning (with `onWarning`) and the file's own options hold; any other problem throws a `TsconfigError`.
 */
export function readTsconfigOptions(
  ts: TypeScriptApi,
  tsconfig: string,
  onWarning?: (warning: TsconfigWarning) => void,
  reader: TsconfigReader = { name: 'the audit', verb: 'audited' },
): TypeScript.CompilerOptions {
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile)
  if (read.error) {
    const { file, start } = read.error
    const at = file && start !== undefined ? file.getLineAndCharacterOfPosition(start) : undefined
    throw new TsconfigError(`${tsconfig}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`)
  }
  // A host that lists no directories: only the options are wanted, and listing a large repo costs time.
  const host: TypeScript.ParseConfigHost = { ...ts.sys, useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [] }
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfig), undefined, tsconfig)
  for (const error of parsed.errors) {
    if (error.category !== ts.DiagnosticCategory.Error || error.code === NO_INPUTS_CODE) continue
    const message = ts.flattenDiagnosticMessageText(error.messageText, ' ')
    // A base not installed yet (`extends: "@acme/tsconfig/base.json"` before `pnpm install`): the file's own
    // options still hold, and the run goes on without the base's.
    if (error.code === EXTENDS_NOT_FOUND_CODE && onWarning) {
      const base = /'(.+)'/.exec(message)?.[1] ?? message
      onWarning({ tsconfig, message: `its "extends" base ${base} is not there (not installed yet?); ${reader.name} goes on with this tsconfig's own options.` })
      continue
    }
    throw new TsconfigError(`${tsconfig}: ${message}`)
  }
  return parsed.options
}

export interface ResolvedOptions<T> {
  options: T
  /** Where `options` came from, for messages: the tsconfig's path, or `"defaults"`. */
  source: string
}

/**
 * Each file's options: those of the nearest tsconfig.json from the file's folder up to `root` (a monorepo's apps
 * each have their own paths), found once per folder and read once per tsconfig by `load` (`undefined`: no tsconfig,
 * the defaults). With an explicit tsconfig, that one for every file. A tsconfig that cannot be read is a warning,
 * and the files it covers get the defaults.
 */
export class TsconfigResolver<T> {
  private readonly byFolder = new Map<string, ResolvedOptions<T>>()
  private readonly byTsconfig = new Map<string, ResolvedOptions<T>>()
  readonly warnings: TsconfigWarning[] = []
  private readonly fixed: ResolvedOptions<T> | undefined
  private readonly root: string

  constructor(
    root: string,
    private readonly load: (tsconfig: string | undefined, onWarning: (warning: TsconfigWarning) => void) => ResolvedOptions<T>,
    explicit?: string,
    private readonly reader: TsconfigReader = { name: 'the audit', verb: 'audited' },
  ) {
    this.root = resolve(root)
    this.fixed = explicit === undefined ? undefined : load(explicit, (w) => this.warnings.push(w))
  }

  /** The options for the file at `path` (absolute). Options objects are shared by files of one tsconfig. */
  forFile(path: string): ResolvedOptions<T> {
    return this.fixed ?? this.forFolder(dirname(path))
  }

  private forFolder(folder: string): ResolvedOptions<T> {
    const cached = this.byFolder.get(folder)
    if (cached) return cached
    const candidate = join(folder, 'tsconfig.json')
    let found: ResolvedOptions<T>
    if (existsSync(candidate)) found = this.read(candidate)
    else {
      const parent = dirname(folder)
      found = folder === this.root || parent === folder || !isInside(this.root, folder) ? this.read(undefined) : this.forFolder(parent)
    }
    this.byFolder.set(folder, found)
    return found
  }

  private read(tsconfig: string | undefined): ResolvedOptions<T> {
    const key = tsconfig ?? ''
    let options = this.byTsconfig.get(key)
    if (!options) {
      try {
        options = this.load(tsconfig, (w) => this.warnings.push(w))
      } catch (error) {
        if (!(error instanceof TsconfigError) || tsconfig === undefined) throw error
        this.warnings.push({
          tsconfig,
          message: `cannot be read (${error.message.replace(/\.$/, '')}); the files under it are ${this.reader.verb} with the default options.`,
        })
        options = this.load(undefined, () => {})
      }
      this.byTsconfig.set(key, options)
    }
    return options
  }
}

function isInside(root: string, folder: string): boolean {
  const rel = relative(root, folder)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/** TypeScript's resolution of `specifier` from `fromFile` with `fromFile`'s options, one resolution cache per options object. */
export function moduleResolver(
  ts: TypeScriptApi,
  cwd: string,
  optionsFor: (file: string) => TypeScript.CompilerOptions,
): (specifier: string, fromFile: string) => TypeScript.ResolvedModuleFull | undefined {
  const caches = new Map<TypeScript.CompilerOptions, TypeScript.ModuleResolutionCache>()
  return (specifier, fromFile) => {
    const options = optionsFor(fromFile)
    let cache = caches.get(options)
    if (!cache) {
      cache = ts.createModuleResolutionCache(cwd, (f) => f, options)
      caches.set(options, cache)
    }
    return ts.resolveModuleName(specifier, fromFile, options, ts.sys, cache).resolvedModule
  }
}
