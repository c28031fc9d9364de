/**
 * Cross-file constants without a type checker: `import { EVENTS } from "../events"` is followed to the
 * exporting file (through re-exports and `export *`), which is parsed once and kept, and the exported
 * `const`'s initializer is read as syntax. Modules are resolved by TypeScript's own resolver with the
 * options of the importing file's own tsconfig (paths, baseUrl), so what it finds is what the compiler would;
 * a workspace package's name is resolved to the package's source first — core's `ProjectModules`, which the
 * ESLint plugin resolves with too. A name this cannot
 * settle (a parameter, a function's result) is left for the typed pass; a name whose module cannot be found at
 * all is remembered (`unresolvedImports`), for the report to say so.
 */
import { readFileSync } from 'node:fs'
import { ProjectModules, Workspaces } from '@herald/core'
import { ts } from './typescript.js'

const MAX_REEXPORT_DEPTH = 8

export interface ExportedValue {
  /** The initializer of the exported `const` (or the `export default` expression). */
  expression: ts.Expression
  sourceFile: ts.SourceFile
}

/** Which compiler options to resolve an import of a file with: one set, or the file's own tsconfig's. */
export type OptionsForFile = ts.CompilerOptions | ((file: string) => ts.CompilerOptions)

/** An import whose module neither the workspace nor TypeScript's resolver finds, and a name taken from it. */
export interface UnresolvedImport {
  /** Absolute path of the importing file. */
  fromFile: string
  specifier: string
  names: string[]
}

export class ModuleIndex {
  private readonly files = new Map<string, ts.SourceFile | null>()
  private readonly modules: ProjectModules
  private readonly unresolved = new Map<string, UnresolvedImport>()

  constructor(
    options: OptionsForFile,
    private readonly cwd: string,
    readonly workspaces: Workspaces = new Workspaces([]),
  ) {
    this.modules = new ProjectModules(ts, cwd, typeof options === 'function' ? options : () => options, workspaces)
  }

  /** How many modules were read to resolve names. */
  get size(): number {
    return this.files.size
  }

  /** Imports whose module could not be found, once per file and specifier, with the names wanted from them. */
  unresolvedImports(): UnresolvedImport[] {
    return [...this.unresolved.values()]
  }

  /** The value `name` (`"default"` for a default export) exported by `specifier` as imported from `fromFile`. */
  exportedValue(specifier: string, fromFile: string, name: string): ExportedValue | undefined {
    const path = this.resolveNoting(specifier, fromFile, name)
    return path === undefined ? undefined : this.valueIn(path, name, 0, new Set())
  }

  /**
   * The function `name` exported by `specifier` as imported from `fromFile` (`export function name`, or an
   * exported `const` holding an arrow or function expression, also through re-exports), for what a wrapper
   * declared there adds to the properties it is given.
   */
  exportedFunction(specifier: string, fromFile: string, name: string): ts.Node | undefined {
    const path = this.resolve(specifier, fromFile)
    if (path === undefined) return undefined
    const declared = this.parsed(path)?.statements.find(
      (s): s is ts.FunctionDeclaration =>
        ts.isFunctionDeclaration(s) && s.body !== undefined && isExported(s) && (name === 'default' ? isDefault(s) : s.name?.text === name),
    )
    if (declared) return declared
    let value: ts.Node | undefined = this.valueIn(path, name, 0, new Set())?.expression
    while (value && ts.isParenthesizedExpression(value)) value = value.expression
    return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined
  }

  /** The module `specifier` names from `fromFile`: a source file of the project, never a library's. */
  resolve(specifier: string, fromFile: string): string | undefined {
    return this.modules.resolve(specifier, fromFile)
  }

  /**
   * `resolve`, and also a package's source file (a workspace package whose `exports` name its `.ts`), which
   * TypeScript counts as a library's, and a declaration file (generated emitters are `events.js` with
   * `events.d.ts` beside it; the caller tells them by their header).
   */
  resolveSource(specifier: string, fromFile: string): string | undefined {
    return this.resolveWithTypeScript(specifier, fromFile)?.resolvedFileName ?? this.workspaces.resolve(specifier)
  }

  /** TypeScript's resolution of `specifier` from `fromFile`, with the options of `fromFile`'s tsconfig. */
  resolveWithTypeScript(specifier: string, fromFile: string): ReturnType<typeof ts.resolveModuleName>['resolvedModule'] {
    return this.modules.resolveWithTypeScript(specifier, fromFile)
  }

  /** `resolve`, remembering a module that is not found at all (a library's module is found, and not a source). */
  private resolveNoting(specifier: string, fromFile: string, name: string): string | undefined {
    const path = this.resolve(specifier, fromFile)
    if (path !== undefined || this.resolveWithTypeScript(specifier, fromFile) !== undefined) return path
    const key = `${fromFile}\0${specifier}`
    const entry = this.unresolved.get(key) ?? { fromFile, specifier, names: [] }
    if (!entry.names.includes(name)) entry.names.push(name)
    this.unresolved.set(key, entry)
    return undefined
  }

  /** The module at `path`, parsed once and kept (undefined when it cannot be read). */
  parsed(path: string): ts.SourceFile | undefined {
    let file = this.files.get(path)
    if (file === undefined) {
      try {
        const text = readFileSync(path, 'utf8')
        file = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true)
      } catch {
        file = null
      }
      this.files.set(path, file)
    }
    return file ?? undefined
  }

  private valueIn(path: string, name: string, depth: number, seen: Set<string>): ExportedValue | undefined {
    const key = `${path}#${name}`
    if (depth > MAX_REEXPORT_DEPTH || seen.has(key)) return undefined
    seen.add(key)
    const sourceFile = this.parsed(path)
    if (!sourceFile) return undefined
    const starSources: string[] = []
    for (const statement of sourceFile.statements) {
      if (ts.isVariableStatement(statement) && isExported(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer)
            return { expression: declaration.initializer, sourceFile }
        }
      } else if (ts.isExportAssignment(statement) && !statement.isExportEquals && name === 'default') {
        return { expression: statement.expression, sourceFile }
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined
        const clause = statement.exportClause
        if (!clause) {
          if (from !== undefined && name !== 'default') starSources.push(from)
          continue
        }
        if (!ts.isNamedExports(clause)) continue
        for (const element of clause.elements) {
          if (element.name.text !== name) continue
          const local = (element.propertyName ?? element.name).text
          if (from !== undefined) {
            const target = this.resolveNoting(from, path, local)
            return target === undefined ? undefined : this.valueIn(target, local, depth + 1, seen)
          }
          return this.localValue(sourceFile, local, depth, seen)
        }
      }
    }
    for (const from of starSources) {
      const target = this.resolveNoting(from, path, name)
      const found = target === undefined ? undefined : this.valueIn(target, name, depth + 1, seen)
      if (found) return found
    }
    return undefined
  }

  /** `const a = …; export { a as name }`, or an imported name re-exported that way. */
  private localValue(sourceFile: ts.SourceFile, local: string, depth: number, seen: Set<string>): ExportedValue | undefined {
    for (const statement of sourceFile.statements) {
      if (ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0) {
        for (const declaration of statement.declarationList.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.name.text === local && declaration.initializer)
            return { expression: declaration.initializer, sourceFile }
        }
      } else if (
        ts.isImportDeclaration(statement) &&
        ts.isStringLiteral(statement.moduleSpecifier) &&
        statement.importClause?.namedBindings &&
        ts.isNamedImports(statement.importClause.namedBindings)
      ) {
        for (const specifier of statement.importClause.namedBindings.elements) {
          if (specifier.name.text !== local) continue
          const target = this.resolveNoting(statement.moduleSpecifier.text, sourceFile.fileName, (specifier.propertyName ?? specifier.name).text)
          return target === undefined ? undefined : this.valueIn(target, (specifier.propertyName ?? specifier.name).text, depth + 1, seen)
        }
      }
    }
    return undefined
  }
}

function isExported(statement: ts.VariableStatement | ts.FunctionDeclaration): boolean {
  return ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false
}

function isDefault(statement: ts.FunctionDeclaration): boolean {
  return ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false
}
