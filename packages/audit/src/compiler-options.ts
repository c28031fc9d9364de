/**
 * The compiler options the audit resolves modules and types with: the project's tsconfig (paths, baseUrl,
 * jsx, moduleResolution) when there is one, with its libraries replaced on purpose. The DOM library, the
 * later ECMAScript libraries and `@types/*` packages cost up to a second to load and settle none of the
 * audit's questions (string literal names, whether a value is a boolean or a number); the core ones below
 * settle nearly all (`ReturnType`, strings, arrays, `Map`, `Promise`). A value typed from a library left out
 * counts as of unknown type, which keeps a finding rather than dropping it.
 */
import {
  defaultCompilerOptions,
  readTsconfigOptions,
  type ResolvedOptions,
  TsconfigError,
  TsconfigResolver as Resolver,
  type TsconfigWarning,
} from '@herald/core'
import { ts } from './typescript.js'

export { TsconfigError, type TsconfigWarning }

const DEFAULTS = defaultCompilerOptions(ts)

const AUDIT_LIBS = ['lib.es5.d.ts', 'lib.es2015.core.d.ts', 'lib.es2015.collection.d.ts', 'lib.es2015.promise.d.ts', 'lib.es2016.array.include.d.ts']
const AUDIT_OVERRIDES: ts.CompilerOptions = { noEmit: true, skipLibCheck: true, types: [], lib: AUDIT_LIBS }

export type AuditCompilerOptions = ResolvedOptions<ts.CompilerOptions>

/** Reads `tsconfig` (following `extends`) without listing its files; the defaults when there is none. */
export function auditCompilerOptions(tsconfig: string | undefined, onWarning?: (warning: TsconfigWarning) => void): AuditCompilerOptions {
  if (tsconfig === undefined) return { options: { ...DEFAULTS, ...AUDIT_OVERRIDES }, source: 'defaults' }
  return { options: { ...DEFAULTS, ...readTsconfigOptions(ts, tsconfig, onWarning), ...AUDIT_OVERRIDES }, source: tsconfig }
}

/** Each file's compiler options, by its nearest tsconfig.json (core's `TsconfigResolver`), read as the audit reads them. */
export class TsconfigResolver extends Resolver<ts.CompilerOptions> {
  constructor(root: string, explicit?: string) {
    super(root, auditCompilerOptions, explicit)
  }
}
