/**
 * The compiler options the audit resolves modules and types with: the project's tsconfig (paths, baseUrl,
 * jsx, moduleResolution) when there is one, with its libraries replaced on purpose. The DOM library, the
 * later ECMAScript libraries and `@types/*` packages cost up to a second to load and settle none of the
 * audit's questions (string literal names, whether a value is a boolean or a number); the core ones below
 * settle nearly all (`ReturnType`, strings, arrays, `Map`, `Promise`). A value typed from a library left out
 * counts as of unknown type, which keeps a finding rather than dropping it.
 */
import { dirname } from 'node:path'
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
export function auditCompilerOptions(tsconfig: string | undefined): AuditCompilerOptions {
  if (tsconfig === undefined) return { options: { ...DEFAULTS, ...AUDIT_OVERRIDES }, source: 'defaults' }
  const read = ts.readConfigFile(tsconfig, ts.sys.readFile)
  if (read.error) throw new TsconfigError(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, ' ')}`)
  // A host that lists no directories: only the options are wanted, and listing a large repo costs time.
  const host: ts.ParseConfigHost = { ...ts.sys, useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames, readDirectory: () => [] }
  const parsed = ts.parseJsonConfigFileContent(read.config, host, dirname(tsconfig), undefined, tsconfig)
  const fatal = parsed.errors.find((e) => e.category === ts.DiagnosticCategory.Error && e.code !== NO_INPUTS_CODE)
  if (fatal) throw new TsconfigError(`${tsconfig}: ${ts.flattenDiagnosticMessageText(fatal.messageText, ' ')}`)
  return { options: { ...DEFAULTS, ...parsed.options, ...AUDIT_OVERRIDES }, source: tsconfig }
}

/** "No inputs were found in config file": expected, since the host lists no files. */
const NO_INPUTS_CODE = 18003

/** A tsconfig that cannot be read; the CLI reports it as a usage error. */
export class TsconfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TsconfigError'
  }
}
