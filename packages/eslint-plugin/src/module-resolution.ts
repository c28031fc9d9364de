/**
 * Imports resolved as `herald audit` resolves them, for matchers with `declaredIn`: each file with the options of its
 * nearest tsconfig.json (`paths` such as `@/lib/analytics`, `baseUrl`; `extends` followed, a base not installed yet a
 * warning), by TypeScript's own resolver — core's `TsconfigResolver` and `moduleResolver`, shared with the audit. The
 * project's TypeScript is loaded, and tsconfigs read, only when a file imports the function of such a matcher by a
 * bare specifier; each tsconfig is read once per process. Without TypeScript, a bare specifier stays a package name.
 */
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { defaultCompilerOptions, moduleResolver, readTsconfigOptions, TsconfigResolver, type TypeScriptApi } from '@herald/core'
import type { CompilerOptions } from 'typescript'

const READER = { name: 'the ESLint plugin', verb: 'linted' }

export class ModuleResolution {
  private state?: { resolve: ReturnType<typeof moduleResolver>; tsconfigs: TsconfigResolver<CompilerOptions> } | null
  private warned = 0

  /** `root`: the folder tsconfigs are looked for up to (ESLint's working directory). */
  constructor(private readonly root: string) {}

  /** The project's source file a bare specifier names from `fromFile` (a tsconfig path), or undefined (a package's, or none). */
  resolve(specifier: string, fromFile: string): string | undefined {
    if (this.state === undefined) this.state = this.start()
    if (this.state === null) return undefined
    const resolved = this.state.resolve(specifier, fromFile)
    this.report()
    if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) return undefined
    return resolved.resolvedFileName
  }

  private start(): { resolve: ReturnType<typeof moduleResolver>; tsconfigs: TsconfigResolver<CompilerOptions> } | null {
    const ts = loadTypeScript(this.root)
    if (ts === undefined) return null
    const defaults = defaultCompilerOptions(ts)
    const tsconfigs = new TsconfigResolver<CompilerOptions>(
      this.root,
      (tsconfig, onWarning) =>
        tsconfig === undefined
          ? { options: defaults, source: 'defaults' }
          : { options: { ...defaults, ...readTsconfigOptions(ts, tsconfig, onWarning, READER) }, source: tsconfig },
      undefined,
      READER,
    )
    return { resolve: moduleResolver(ts, this.root, (file) => tsconfigs.forFile(file).options), tsconfigs }
  }

  /** Each warning once, on stderr: ESLint has no place for a message about a tsconfig rather than a linted file. */
  private report(): void {
    const warnings = this.state?.tsconfigs.warnings ?? []
    for (; this.warned < warnings.length; this.warned++) {
      const { tsconfig, message } = warnings[this.warned]!
      console.warn(`@herald/eslint-plugin: warning ${relative(this.root, tsconfig) || tsconfig}: ${message}`)
    }
  }
}

/** The project's `typescript` (from `root`), else one this plugin can reach (the parser's peer), else none. */
function loadTypeScript(root: string): TypeScriptApi | undefined {
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)('typescript') as TypeScriptApi
    } catch {
      // not installed there
    }
  }
  return undefined
}
