/** The errors an edit brings into a file: the file's diagnostics after, less those it already had before. */
import type { Project } from 'ts-morph'
import { ts } from 'ts-morph'

export interface IntroducedError {
  /** Offset in the new text. */
  start: number
  message: string
  /** A "declared but never read" error (TS6133 and kin), and the name it is about. */
  unused: boolean
  name?: string
}

const UNUSED_CODES = new Set([6133, 6138, 6192, 6196, 6198, 6199, 6205])

/**
 * The type check of the plan: the files as the project holds them (their own texts, never changed) and, beside
 * them, programs of the same files with the edited texts set. A program is built only when a check asks for it
 * after a change, so one program serves every file of a round; it is a plain TypeScript program that takes every
 * file it does not edit (and the libraries) from the project's, already parsed and bound.
 *
 * With `at` (the positions of the file's capture or emitter calls) only the statements holding them and the
 * file's imports are type-checked (TypeScript's region check, as editors use it), with the file's syntax and
 * binding errors: an edit changes only those, when `regionCheckable` says so. Without it, the whole file.
 */
export class TypeCheck {
  readonly #project: Project
  #base: ts.Program | undefined
  #program: ts.Program | undefined
  #previous: ts.Program | undefined
  readonly #texts = new Map<string, string>()
  readonly #parsed = new Map<string, ts.SourceFile>()
  readonly #read = new Map<string, ts.SourceFile | undefined>()

  constructor(project: Project) {
    this.#project = project
  }

  /** The file's errors with its own text. */
  errorsBefore(path: string, at?: readonly number[]): readonly ts.Diagnostic[] {
    const base = this.#baseProgram()
    return errorsIn(base, base.getSourceFile(path)!, at)
  }

  /** Sets the text a file has in the next checks (`undefined`: its own). */
  set(path: string, text: string | undefined): void {
    if (this.#texts.get(path) === text) return
    if (text === undefined) this.#texts.delete(path)
    else this.#texts.set(path, text)
    this.#parsed.delete(path)
    if (this.#program) this.#previous = this.#program
    this.#program = undefined
  }

  /** The file's errors with the text set for it. */
  errors(path: string, at?: readonly number[]): readonly ts.Diagnostic[] {
    if (!this.#texts.has(path)) return this.errorsBefore(path, at)
    const program = this.#currentProgram()
    return errorsIn(program, program.getSourceFile(path)!, at)
  }

  #baseProgram(): ts.Program {
    this.#base ??= this.#project.getProgram().compilerObject
    return this.#base
  }

  #currentProgram(): ts.Program {
    if (this.#program) return this.#program
    const base = this.#baseProgram()
    const library = base.getSourceFiles().find((f) => base.isSourceFileDefaultLibrary(f))
    const libraryFolder = library ? library.fileName.slice(0, library.fileName.lastIndexOf('/')) : undefined
    const sys = ts.sys
    const host: ts.CompilerHost = {
      getSourceFile: (fileName, languageVersionOrOptions) => {
        const text = this.#texts.get(fileName)
        if (text !== undefined) {
          let parsed = this.#parsed.get(fileName)
          if (!parsed) this.#parsed.set(fileName, (parsed = ts.createSourceFile(fileName, text, languageVersionOrOptions)))
          return parsed
        }
        const known = base.getSourceFile(fileName)
        if (known) return known
        if (!this.#read.has(fileName)) {
          const content = sys.readFile(fileName)
          this.#read.set(fileName, content === undefined ? undefined : ts.createSourceFile(fileName, content, languageVersionOrOptions))
        }
        return this.#read.get(fileName)
      },
      getDefaultLibFileName: (options) =>
        libraryFolder !== undefined ? `${libraryFolder}/${ts.getDefaultLibFileName(options)}` : ts.getDefaultLibFilePath(options),
      writeFile: () => {},
      getCurrentDirectory: () => base.getCurrentDirectory(),
      getCanonicalFileName: (fileName) => (sys.useCaseSensitiveFileNames ? fileName : fileName.toLowerCase()),
      useCaseSensitiveFileNames: () => sys.useCaseSensitiveFileNames,
      getNewLine: () => sys.newLine,
      fileExists: (fileName) => this.#texts.has(fileName) || base.getSourceFile(fileName) !== undefined || sys.fileExists(fileName),
      readFile: (fileName) => this.#texts.get(fileName) ?? base.getSourceFile(fileName)?.text ?? sys.readFile(fileName),
      directoryExists: (folder) => (libraryFolder !== undefined && folder === libraryFolder) || sys.directoryExists(folder),
      getDirectories: (folder) => sys.getDirectories(folder),
      realpath: (path) => (libraryFolder !== undefined && path.startsWith(`${libraryFolder}/`) ? path : sys.realpath ? sys.realpath(path) : path),
    }
    this.#program = ts.createProgram({
      rootNames: base.getRootFileNames(),
      options: base.getCompilerOptions(),
      host,
      oldProgram: this.#previous ?? base,
    })
    return this.#program
  }
}

function errorsIn(program: ts.Program, file: ts.SourceFile, at: readonly number[] | undefined): readonly ts.Diagnostic[] {
  const nodes = at === undefined ? undefined : regionNodes(file, at)
  const all =
    nodes === undefined
      ? ts.getPreEmitDiagnostics(program, file)
      : [
          ...program.getSyntacticDiagnostics(file),
          // The third parameter (the nodes to check) is TypeScript's own, used by its language service; not in its typings.
          ...(program.getSemanticDiagnostics as (f: ts.SourceFile, c: undefined, n: readonly ts.Node[]) => readonly ts.Diagnostic[])(file, undefined, nodes),
        ]
  return all.filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName === file.fileName)
}

/**
 * Whether a file's new errors can be read from its edited statements and imports alone: not when the compiler
 * reports unused names or emits declarations (both are about the whole file).
 */
export function regionCheckable(options: ts.CompilerOptions): boolean {
  return !options.noUnusedLocals && !options.noUnusedParameters && !options.declaration && !options.composite
}

/** The file's import declarations and the statement around each position, in order, none inside another. */
function regionNodes(file: ts.SourceFile, at: readonly number[]): ts.Node[] | undefined {
  const nodes: ts.Node[] = file.statements.filter((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s))
  for (const pos of at) {
    let statement: ts.Node | undefined
    let node: ts.Node = file
    for (;;) {
      const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? c : undefined))
      if (!child) break
      node = child
      if (isStatement(node)) statement = node
    }
    if (!statement) return undefined
    nodes.push(statement)
  }
  nodes.sort((a, b) => a.pos - b.pos || b.end - a.end)
  const outermost: ts.Node[] = []
  for (const node of nodes) if (outermost.length === 0 || node.pos >= outermost[outermost.length - 1]!.end) outermost.push(node)
  return outermost
}

function isStatement(node: ts.Node): boolean {
  return ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node) || ts.isImportDeclaration(node)
}

/**
 * The errors of a file's new text (`after`, its diagnostics from `currentErrors` once the project holds it) that
 * its text before the edit did not have (`before`, from `currentErrors` then).
 */
export function introducedErrors(before: readonly ts.Diagnostic[], afterErrors: readonly ts.Diagnostic[], after: string): IntroducedError[] {
  const old = counted(before)
  const found: IntroducedError[] = []
  for (const d of afterErrors) {
    const key = keyOf(d)
    const left = old.get(key) ?? 0
    if (left > 0) old.set(key, left - 1)
    else {
      const start = d.start ?? 0
      const unused = UNUSED_CODES.has(d.code)
      found.push({
        start,
        message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
        unused,
        ...(unused && d.length !== undefined ? { name: after.slice(start, start + d.length) } : {}),
      })
    }
  }
  return found
}

function keyOf(d: ts.Diagnostic): string {
  return `${d.code}:${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
}

function counted(list: readonly ts.Diagnostic[]): Map<string, number> {
  const map = new Map<string, number>()
  for (const d of list) map.set(keyOf(d), (map.get(keyOf(d)) ?? 0) + 1)
  return map
}
