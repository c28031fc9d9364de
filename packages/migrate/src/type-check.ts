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

/** A file's errors as the project has it now (call before editing it; one program serves every file). */
export function currentErrors(project: Project, path: string): readonly ts.Diagnostic[] {
  return errorsOf(project.getSourceFileOrThrow(path))
}

/** The errors `after` has that `before` (the file's errors before the edit, from `currentErrors`) did not. */
export function typeErrorsIntroduced(project: Project, path: string, before: readonly ts.Diagnostic[], after: string): IntroducedError[] {
  const old = counted(before)
  const found: IntroducedError[] = []
  for (const d of diagnostics(project, path, after)) {
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

function diagnostics(project: Project, path: string, text: string): readonly ts.Diagnostic[] {
  return errorsOf(project.createSourceFile(path, text, { overwrite: true }))
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
