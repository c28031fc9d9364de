/**
 * The semantic half of the front-end: a ts-morph `Project` holding only the files whose questions need types,
 * plus what the compiler loads to answer them (their imports), never the whole repository.
 */
import type { PropertyValueKind } from '@herald/core'
import type { SemanticResolver } from './extract-call-sites.js'
import { loadTsMorph, ts } from './typescript.js'

const MAX_UNION_VALUES = 64

export interface SemanticFile {
  /** Absolute path. */
  path: string
  text: string
}

export interface SemanticProgram {
  resolver: SemanticResolver
  /** The program's parsed file for `path`, the one the resolver's types refer to. */
  sourceFile(path: string): ts.SourceFile | undefined
  /** How many files the compiler loaded to answer (the involved files and their imports). */
  fileCount: number
}

/** `compilerOptions` come from `auditCompilerOptions` (the project's tsconfig, without DOM and `@types`). */
export function createSemanticProgram(files: readonly SemanticFile[], compilerOptions: ts.CompilerOptions): SemanticProgram {
  const { Project } = loadTsMorph()
  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true })
  for (const file of files) project.createSourceFile(file.path, file.text, { overwrite: true })
  const program = project.getProgram().compilerObject
  const checker = program.getTypeChecker()
  const hookReturnTypes = new Map<string, ts.Type[]>()

  const returnTypesOf = (hook: string): ts.Type[] => {
    let types = hookReturnTypes.get(hook)
    if (types) return types
    types = []
    for (const sourceFile of program.getSourceFiles()) {
      if (program.isSourceFileDefaultLibrary(sourceFile)) continue
      for (const name of topLevelFunctionNames(sourceFile, hook)) {
        for (const signature of checker.getTypeAtLocation(name).getCallSignatures()) types.push(signature.getReturnType())
      }
    }
    hookReturnTypes.set(hook, types)
    return types
  }

  const resolver: SemanticResolver = {
    stringValues(expression) {
      return literalStrings(checker.getTypeAtLocation(expression))
    },
    valueKind(expression) {
      return kindOfType(checker, checker.getTypeAtLocation(expression))
    },
    hookOrigin(expressions, hooks) {
      for (const hook of hooks) {
        const returns = returnTypesOf(hook)
        if (returns.length === 0) continue
        for (const expression of expressions) {
          const type = checker.getTypeAtLocation(expression)
          if (returns.includes(type) || returns.includes(checker.getNonNullableType(type))) return hook
        }
      }
      return undefined
    },
  }
  return {
    resolver,
    sourceFile: (path) => program.getSourceFile(project.getSourceFile(path)?.getFilePath() ?? path),
    fileCount: program.getSourceFiles().filter((f) => !program.isSourceFileDefaultLibrary(f)).length,
  }
}

function topLevelFunctionNames(sourceFile: ts.SourceFile, name: string): ts.Node[] {
  const found: ts.Node[] = []
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name) found.push(statement.name)
    else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name) found.push(declaration.name)
      }
    }
  }
  return found
}

/** A string literal type, or a union of them (template literal types over unions are unions by then). */
function literalStrings(type: ts.Type): string[] | undefined {
  if (type.isStringLiteral()) return [type.value]
  if (!type.isUnion() || type.types.length > MAX_UNION_VALUES) return undefined
  const values: string[] = []
  for (const member of type.types) {
    if (!member.isStringLiteral()) return undefined
    values.push(member.value)
  }
  return values
}

function kindOfType(checker: ts.TypeChecker, type: ts.Type): PropertyValueKind {
  // An optional value (`x?: boolean`) is still a boolean when present.
  const members = (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)))
  let kind: PropertyValueKind | undefined
  for (const member of members) {
    const next = kindOfSingleType(checker, member)
    if (kind !== undefined && next !== kind) return 'unknown'
    kind = next
  }
  return kind ?? 'unknown'
}

function kindOfSingleType(checker: ts.TypeChecker, type: ts.Type): PropertyValueKind {
  const flags = type.flags
  if (flags & ts.TypeFlags.BooleanLike) return 'boolean'
  if (flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) return 'number'
  if (flags & ts.TypeFlags.StringLike) return 'string'
  if (flags & ts.TypeFlags.Null) return 'null'
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never | ts.TypeFlags.TypeParameter)) return 'unknown'
  if (checker.isArrayType(type) || checker.isTupleType(type)) return 'array'
  if (flags & ts.TypeFlags.Object) return 'object'
  return 'unknown'
}
