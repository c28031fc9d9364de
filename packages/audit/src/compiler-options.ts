/**
 * The compiler options the audit resolves modules and types with: the project's tsconfig (paths, baseUrl,
 * jsx, moduleResolution) when there is one, with its libraries replaced on purpose. The DOM library, the
 * later ECMAScript libraries and `@types/*` packages cost up to a second to load and settle none of the
 * audit's questions (string literal names, whether a value is a boolean or a number); the core ones below
 * settle nearly all (`ReturnType`, strings, arrays, `Map`, `Promise`). A value typed from a library left out
 * counts as of unknown type, which keeps a finding rather than dropping it.
 */
import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ts } from './typescript.js'

const DEFAULTS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  allowJs: true,
  strict: true,
  resolveJsonModule: true,
  allowImportingTsExtensions: true,
}

const AUDIT_LIBS = ['lib.es5.d.ts', 'lib.es2015.core.d.ts', 'lib.es2015.collection.d.ts', 'lib.es2015.promise.d.ts', 'lib.es2016.array.include.d.ts']
const AUDIT_OVERRIDES: ts.CompilerOptions = { noEmit: true, skipLibCheck: true, types: [], lib: AUDIT_LIBS }

export interface AuditCompilerOptions {
  options: ts.CompilerOptions
  /** Where `options` came from, for messages. */
  source: string
}

/** Reads `tsconfig` (following `extends`) without listing its files; the defaults when there is none. */
export function auditCompilerOptions(tsconfig: string | undefined, onWarning?: (warning: TsconfigWarning) => void): AuditCompilerOptions {
  if (tsconfig === undefined) return { options: { ...DEFAULTS, ...AUDIT_OVERRIDES }, source: 'defaults' }
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile)
  if (read.error) {
    const { file, start } = read.error
    const at = file && start !== undefined ? file.getLineAndCharacterOfPosition(start) : undefined
    throw new TsconfigError(`${tsconfig}${at ? `:${at.line + 1}:${at.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`)
  }
  // A host that lists no directories: only the options are wanted, and listing a large repo costs time.
  const host: ts.ParseConfigHost = { ...ts.sys, useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [] }
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfig), undefined, tsconfig)
  for (const error of parsed.errors) {
    if (error.category !== ts.DiagnosticCategory.Error || error.code === NO_INPUTS_CODE) continue
    const message = ts.flattenDiagnosticMessageText(error.messageText, ' ')
    // A base not installed yet (`extends: "@acme/tsconfig/base.json"` before `pnpm install`): the file's own
    // options still hold, and the audit goes on without the base's.
    if (error.code === EXTENDS_NOT_FOUND_CODE && onWarning) {
      const base = /'(.+)'/.exec(message)?.[1] ?? message
      onWarning({ tsconfig, message: `its "extends" base ${base} is not there (not installed yet?); the audit goes on with this tsconfig's own options.` })
      continue
    }
    throw new TsconfigError(`${tsconfig}: ${message}`)
  }
  return { options: { ...DEFAULTS, ...parsed.options, ...AUDIT_OVERRIDES }, source: tsconfig }
}

export interface TsconfigWarning {
  /** Absolute path of the tsconfig.json the warning is about. */
  tsconfig: string
  message: string
}

/**
 * Each file's compiler options: those of the nearest tsconfig.json from the file's folder up to `root` (a
 * monorepo's apps each have their own paths), found once per folder and read once per tsconfig. With an
 * explicit tsconfig, that one for every file. A tsconfig that cannot be read is a warning, and the files it
 * covers get the defaults.
 */
export class TsconfigResolver {
  private readonly byFolder = new Map<string, AuditCompilerOptions>()
  private readonly byTsconfig = new Map<string, AuditCompilerOptions>()
  readonly warnings: TsconfigWarning[] = []
  private readonly fixed: AuditCompilerOptions | undefined
  private readonly root: string

  constructor(root: string, explicit?: string) {
    this.root = resolve(root)
    this.fixed = explicit === undefined ? undefined : auditCompilerOptions(explicit, (w) => this.warnings.push(w))
  }

  /** The options for the file at `path` (absolute). Options objects are shared by files of one tsconfig. */
  forFile(path: string): AuditCompilerOptions {
    return this.fixed ?? this.forFolder(dirname(path))
  }

  private forFolder(folder: string): AuditCompilerOptions {
    const cached = this.byFolder.get(folder)
    if (cached) return cached
    const candidate = join(folder, 'tsconfig.json')
    let found: AuditCompilerOptions
    if (existsSync(candidate)) found = this.read(candidate)
    else {
      const parent = dirname(folder)
      found = folder === this.root || parent === folder || !isInside(this.root, folder) ? this.read(undefined) : this.forFolder(parent)
    }
    this.byFolder.set(folder, found)
    return found
  }

  private read(tsconfig: string | undefined): AuditCompilerOptions {
    const key = tsconfig ?? ''
    let options = this.byTsconfig.get(key)
    if (!options) {
      try {
        options = auditCompilerOptions(tsconfig, (w) => this.warnings.push(w))
      } catch (error) {
        if (!(error instanceof TsconfigError) || tsconfig === undefined) throw error
        this.warnings.push({
          tsconfig,
          message: `cannot be read (${error.message.replace(/\.$/, '')}); the files under it are audited with the default options.`,
        })
        options = auditCompilerOptions(undefined)
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

/** "No inputs were found in config file": expected, since the host lists no files. */
const NO_INPUTS_CODE = 18003
/** "File '…' not found.", for an `extends` base. */
const EXTENDS_NOT_FOUND_CODE = 6053

/** A tsconfig that cannot be read; the CLI reports it as a usage error. */
export class TsconfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TsconfigError'
  }
}
