/** The errors an edit brings into a file: the file's diagnostics after, less those it already had before. */
import type { Project, SourceFile } from 'ts-morph'
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
 * A file's errors as the project holds it now (one program serves every file read between two changes). With
 * `at`, the positions of the file's capture or emitter calls, only the statements holding them and the file's
 * imports are type-checked (TypeScript's region check, as editors use it), with the file's syntax and binding
 * errors: an edit changes only those, when `regionCheckable` says so. Without it, the whole file.
 */
export function currentErrors(project: Project, path: string, at?: readonly number[]): readonly ts.Diagnostic[] {
  const sourceFile = project.getSourceFileOrThrow(path)
  if (at === undefined) return errorsOf(sourceFile)
  const program = project.getProgram().compilerObject
  const file = sourceFile.compilerNode
  const nodes = regionNodes(file, at)
  if (nodes === undefined) return errorsOf(sourceFile)
  // The third parameter (the nodes to check) is TypeScript's own, used by its language service; not in its typings.
  const semantic = (program.getSemanticDiagnostics as (f: ts.SourceFile, c: undefined, n: readonly ts.Node[]) => readonly ts.Diagnostic[])(
    file,
    undefined,
    nodes,
  )
  return [...program.getSyntacticDiagnostics(file), ...semantic].filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName === file.fileName)
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

function errorsOf(sourceFile: SourceFile): readonly ts.Diagnostic[] {
  return sourceFile
    .getPreEmitDiagnostics()
    .map((d) => d.compilerObject)
    .filter((d) => d.category === ts.DiagnosticCategory.Error && d.file?.fileName === sourceFile.getFilePath())
}

function keyOf(d: ts.Diagnostic): string {
  return `${d.code}:${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`
}

function counted(list: readonly ts.Diagnostic[]): Map<string, number> {
  const map = new Map<string, number>()
  for (const d of list) map.set(keyOf(d), (map.get(keyOf(d)) ?? 0) + 1)
  return map
}
