/**
 * Imports resolved as `herald audit` resolves them — core's `ProjectModules`, shared with the audit: a workspace
 * package's name (pnpm, npm, yarn, Lerna) to its source, installed or not; any other specifier with the options of
 * the importing file's nearest tsconfig.json (`paths` such as `@/lib/analytics`, `baseUrl`; `extends` followed, a
 * base not installed yet a warning) by TypeScript's own resolver (core's `TsconfigResolver` and `moduleResolver`).
 * Asked for matchers with `declaredIn`, and for whether the module of an imported event name exists. The workspace
 * is listed, the project's TypeScript loaded and tsconfigs read only when first asked; each once per process.
 * Without TypeScript (an optional peer) workspace packages, relative files and installed packages still resolve,
 * and a warning says that tsconfig paths do not.
 */
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import {
  defaultCompilerOptions,
  declaresWorkspace,
  findWorkspacesSync,
  ProjectModules,
  Workspaces,
  readTsconfigOptions,
  TsconfigResolver,
  type TypeScriptApi,
} from '@herald/core'
import type { CompilerOptions } from 'typescript'

const READER = { name: 'the ESLint plugin', verb: 'linted' }
const NO_WORKSPACE = new Workspaces([])

export const NO_TYPESCRIPT_WARNING =
  '@herald/eslint-plugin: warning: `typescript` is not installed, so imports through tsconfig `paths` are not resolved (for `declaredIn` matchers and imported event names); workspace packages and relative imports still are. Install typescript (an optional peer dependency) to resolve them as `herald audit` does.'

export class ModuleResolution {
  private state?: { modules: ProjectModules; tsconfigs?: TsconfigResolver<CompilerOptions> }
  private warned = 0

  /**
   * `root`: the folder tsconfigs are looked for up to (ESLint's working directory). Each file's workspace is
   * that of the nearest folder at or above it that declares one.
   * `loadTypeScript`: how the project's TypeScript is found (a test passes one that finds none).
   */
  constructor(
    private readonly root: string,
    private readonly loadTypeScript: (root: string) => TypeScriptApi | undefined = projectTypeScript,
  ) {}

  /** The project's source file a bare specifier names from `fromFile`, or undefined (a package's, or none). */
  resolve(specifier: string, fromFile: string): string | undefined {
    const { modules } = (this.state ??= this.start())
    const resolved = modules.resolve(specifier, fromFile)
    if (resolved === undefined && !modules.inWorkspace(specifier, fromFile)) this.warnUntyped()
    this.report()
    return resolved
  }

  /** Whether the module `specifier` names from `fromFile` exists; undefined when that cannot be told (see `ProjectModules.exists`). */
  exists(specifier: string, fromFile: string): boolean | undefined {
    // asked for every file that uses an imported event name: found on disk where it can be, so that TypeScript is
    // loaded and tsconfigs read only for what the disk does not answer. Modules found are kept, by folder and
    // specifier; one not found is looked for again, so an editor's long-lived ESLint sees the file once it is made.
    const key = `${dirname(fromFile)}\0${specifier}`
    if (this.existing.has(key)) return true
    let found = (this.untyped ??= new ProjectModules(undefined, this.root, () => ({}), this.workspaces)).exists(specifier, fromFile)
    if (found !== true) {
      const { modules } = (this.state ??= this.start())
      found = modules.exists(specifier, fromFile)
      if (found === undefined) this.warnUntyped()
      this.report()
    }
    if (found === true) this.existing.add(key)
    return found
  }

  private readonly existing = new Set<string>()
  private untyped?: ProjectModules
  private readonly workspaces = (file: string): Workspaces => this.workspacesOf(dirname(file))

  private start(): { modules: ProjectModules; tsconfigs?: TsconfigResolver<CompilerOptions> } {
    const workspaces = this.workspaces
    const ts = this.loadTypeScript(this.root)
    if (ts === undefined) return { modules: new ProjectModules(undefined, this.root, () => ({}), workspaces) }
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
    return { modules: new ProjectModules(ts, this.root, (file) => tsconfigs.forFile(file).options, workspaces), tsconfigs }
  }

  private readonly byFolder = new Map<string, Workspaces>()

  /** The workspace of the nearest folder at or above `folder` that declares one (each folder asked once). */
  private workspacesOf(folder: string): Workspaces {
    let found = this.byFolder.get(folder)
    if (found === undefined) {
      const parent = dirname(folder)
      found = declaresWorkspace(folder) ? findWorkspacesSync(folder) : parent === folder ? NO_WORKSPACE : this.workspacesOf(parent)
      this.byFolder.set(folder, found)
    }
    return found
  }

  private untypedWarned = false

  /** Once, when TypeScript is missing and was needed. */
  private warnUntyped(): void {
    if (this.untypedWarned || this.state?.modules.typed !== false) return
    this.untypedWarned = true
    console.warn(NO_TYPESCRIPT_WARNING)
  }

  /** Each warning once, on stderr: ESLint has no place for a message about a tsconfig rather than a linted file. */
  private report(): void {
    const warnings = this.state?.tsconfigs?.warnings ?? []
    for (; this.warned < warnings.length; this.warned++) {
      const { tsconfig, message } = warnings[this.warned]!
      console.warn(`@herald/eslint-plugin: warning ${relative(this.root, tsconfig) || tsconfig}: ${message}`)
    }
  }
}

/** The project's `typescript` (from `root`), else one this plugin can reach (the parser's peer), else none. */
function projectTypeScript(root: string): TypeScriptApi | undefined {
  for (const from of [join(root, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from)('typescript') as TypeScriptApi
    } catch {
      // not installed there
    }
  }
  return undefined
}
