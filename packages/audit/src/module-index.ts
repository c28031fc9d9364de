/**
 * Cross-file constants without a type checker: `import { EVENTS } from "../events"` is followed to the
 * exporting file (through re-exports and `export *`), which is parsed once and kept, and the exported
 * `const`'s initializer is read as syntax. Modules are resolved by TypeScript's own resolver with the
 * project's options (paths, baseUrl), so what it finds is what the compiler would. A name this cannot settle
 * (a parameter, a function's result) is left for the typed pass.
 */
import { readFileSync } from 'node:fs'
import { ts } from './typescript.js'

const MAX_REEXPORT_DEPTH = 8

export interface ExportedValue {
  /** The initializer of the exported `const` (or the `export default` expression). */
  expression: ts.Expression
  sourceFile: ts.SourceFile
}

export class ModuleIndex {
  private readonly files = new Map<string, ts.SourceFile | null>()
  private readonly cache: ts.ModuleResolutionCache

  constructor(
    private readonly options: ts.CompilerOptions,
    cwd: string,
  ) {
    this.cache = ts.createModuleResolutionCache(cwd, (f) => f, options)
  }

  /** How many modules were read to resolve names. */
  get size(): number {
    return this.files.size
  }

  /** The value `name` (`"default"` for a default export) exported by `specifier` as imported from `fromFile`. */
  exportedValue(specifier: string, fromFile: string, name: string): ExportedValue | undefined {
    const path = this.resolve(specifier, fromFile)
    return path === undefined ? undefined : this.valueIn(path, name, 0, new Set())
  }

  /** The module `specifier` names from `fromFile`: a source file of the project, never a library's. */
  resolve(specifier: string, fromFile: string): string | undefined {
    const resolved = ts.resolveModuleName(specifier, fromFile, this.options, ts.sys, this.cache).resolvedModule
    if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts')) return undefined
    return resolved.resolvedFileName
  }

  /**
   * `resolve`, and also a package's source file (a workspace package whose `exports` name its `.ts`), which
   * TypeScript counts as a library's, and a declaration file (generated emitters are `events.js` with
   * `events.d.ts` beside it; the caller tells them by their header).
   */
  resolveSource(specifier: string, fromFile: string): string | undefined {
    return ts.resolveModuleName(specifier, fromFile, this.options, ts.sys, this.cache).resolvedModule?.resolvedFileName
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
          if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) return { expression: declaration.initializer, sourceFile }
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
            const target = this.resolve(from, path)
            return target === undefined ? undefined : this.valueIn(target, local, depth + 1, seen)
          }
          return this.localValue(sourceFile, local, depth, seen)
        }
      }
    }
    for (const from of starSources) {
      const target = this.resolve(from, path)
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
          if (ts.isIdentifier(declaration.name) && declaration.name.text === local && declaration.initializer) return { expression: declaration.initializer, sourceFile }
        }
      } else if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
        for (const specifier of statement.importClause.namedBindings.elements) {
          if (specifier.name.text !== local) continue
          const target = this.resolve(statement.moduleSpecifier.text, sourceFile.fileName)
          return target === undefined ? undefined : this.valueIn(target, (specifier.propertyName ?? specifier.name).text, depth + 1, seen)
        }
      }
    }
    return undefined
  }
}

function isExported(statement: ts.VariableStatement): boolean {
  return ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false
}
