/**
 * The semantic half of the front-end: a TypeScript program holding only the files whose questions need types,
 * plus what the compiler loads to answer them (their imports), never the whole repository.
 *
 * The program is built as ts-morph's `Project` builds one (`ts.createProgram` over a host that serves the
 * TypeScript libraries from ts-morph's bundled copies), without the `Project` around it: the audit asks the
 * checker only, and the files to type were parsed already by the syntax pass. A TypeScript file's parse is
 * handed to the program as it is (JSDoc, which the syntax pass skips, carries no types there); a JavaScript
 * file, whose JSDoc can carry types, is parsed again with it.
 */
import type { FunctionUse, PropertyValueKind } from '@herald/core'
import { elementUse, functionDeclarationName } from './constant-syntax.js'
import type { SemanticResolver } from './extract-call-sites.js'
import { libFiles, ts } from './typescript.js'
import type { Workspaces } from '@herald/core'

const MAX_UNION_VALUES = 64

/** Where the host says the TypeScript libraries are (they are served from memory), as ts-morph does. */
const LIB_FOLDER = '/node_modules/typescript/lib'

export interface SemanticFile {
  /** Absolute path. */
  path: string
  text: string
  /** The syntax pass's parse of `text` (JSDoc skipped), reused for a TypeScript file. */
  sourceFile?: ts.SourceFile
}

export interface SemanticProgram {
  resolver: SemanticResolver
  /** The program's parsed file for `path`, the one the resolver's types refer to. */
  sourceFile(path: string): ts.SourceFile | undefined
  /** How many files the compiler loaded to answer (the involved files and their imports). */
  fileCount: number
}

/**
 * `compilerOptions` come from `auditCompilerOptions` (the files' tsconfig, without DOM and `@types`): the audit
 * makes one program per tsconfig that has files to type. Imports of workspace packages resolve to their
 * sources, as in the syntax pass (`ModuleIndex`).
 */
export function createSemanticProgram(files: readonly SemanticFile[], compilerOptions: ts.CompilerOptions, workspaces?: Workspaces): SemanticProgram {
  const program = ts.createProgram({ rootNames: files.map((f) => f.path), options: compilerOptions, host: compilerHost(files, compilerOptions, workspaces) })
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

  // A node the extractor reached through another file's parse (`ModuleIndex`, a constant imported from a file the
  // program holds in its own parse) is not the program's: the checker has no answer for it, and is never asked.
  const own = (node: ts.Node) => {
    const sourceFile = node.getSourceFile() as ts.SourceFile | undefined
    return sourceFile !== undefined && program.getSourceFile(sourceFile.fileName) === sourceFile
  }
  const resolver: SemanticResolver = {
    stringValues(expression) {
      return own(expression) ? literalStrings(checker.getTypeAtLocation(expression)) : undefined
    },
    valueKind(expression) {
      return own(expression) ? kindOfType(checker, checker.getTypeAtLocation(expression)) : 'unknown'
    },
    hookOrigin(expressions, hooks) {
      for (const hook of hooks) {
        const returns = returnTypesOf(hook)
        if (returns.length === 0) continue
        for (const expression of expressions) {
          if (!own(expression)) continue
          const type = checker.getTypeAtLocation(expression)
          if (returns.includes(type) || returns.includes(checker.getNonNullableType(type))) return hook
        }
      }
      return undefined
    },
  }
  // The calls and elements of the typed files, by the node that names what they call, found once per program:
  // where a function is called from another file (`exportAsJson({ capture })`, `<Child capture={capture} />`).
  let callers: Array<{ callee: ts.Node; file: ts.SourceFile; use: FunctionUse<ts.Node> }> | undefined
  const usesByFunction = new Map<ts.Node, readonly FunctionUse<ts.Node>[]>()
  resolver.usesOf = (fn) => {
    let uses = usesByFunction.get(fn)
    if (uses) return uses
    uses = []
    usesByFunction.set(fn, uses)
    const name = functionDeclarationName(fn)
    const target = name && own(name) ? checker.getSymbolAtLocation(name) : undefined
    if (!target) return uses
    callers ??= files.flatMap((given) => {
      const sourceFile = program.getSourceFile(given.path)
      return sourceFile ? callersIn(sourceFile) : []
    })
    const home = fn.getSourceFile()
    for (const caller of callers) {
      if (caller.file === home) continue
      let symbol = checker.getSymbolAtLocation(caller.callee)
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol)
      if (symbol === target) (uses as FunctionUse<ts.Node>[]).push(caller.use)
    }
    return uses
  }
  return {
    resolver,
    sourceFile: (path) => program.getSourceFile(path),
    fileCount: program.getSourceFiles().filter((f) => !program.isSourceFileDefaultLibrary(f)).length,
  }
}

/**
 * A compiler host over the real file system, with the libraries from memory and the given files' texts (and,
 * for TypeScript files, their parses) in place of a second read. JSDoc is parsed only in JavaScript files,
 * the only ones where it carries types.
 */
function compilerHost(files: readonly SemanticFile[], options: ts.CompilerOptions, workspaces: Workspaces | undefined): ts.CompilerHost {
  const base = ts.createCompilerHost(options)
  const cache = ts.createModuleResolutionCache(base.getCurrentDirectory(), (f) => f, options)
  libTexts ??= new Map(libFiles().map((lib) => [`${LIB_FOLDER}/${lib.fileName}`, lib.text]))
  const libs = libTexts
  const given = new Map(files.map((file) => [slashes(file.path), file]))
  const textOf = (fileName: string) => libs.get(fileName) ?? given.get(slashes(fileName))?.text
  const host: ts.CompilerHost = {
    ...base,
    jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeInfo,
    getDefaultLibLocation: () => LIB_FOLDER,
    getDefaultLibFileName: (o) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(o)}`,
    fileExists: (fileName) => textOf(fileName) !== undefined || base.fileExists(fileName),
    readFile: (fileName) => textOf(fileName) ?? base.readFile(fileName),
    directoryExists: (dir) => dir === LIB_FOLDER || (base.directoryExists?.(dir) ?? true),
    writeFile: () => {},
    resolveModuleNameLiterals(literals, containingFile, redirectedReference, resolveOptions) {
      return literals.map((literal) => {
        const source = workspaces?.resolve(literal.text)
        if (source !== undefined) return { resolvedModule: { resolvedFileName: source, extension: extensionOf(source), isExternalLibraryImport: false } }
        return ts.resolveModuleName(literal.text, containingFile, resolveOptions, host, cache, redirectedReference)
      })
    },
    getSourceFile(fileName, languageVersionOrOptions, onError) {
      const lib = libSourceFile(fileName, languageVersionOrOptions)
      if (lib) return lib
      const file = given.get(slashes(fileName))
      if (file?.sourceFile && isTypeScriptFile(fileName)) return adopt(file.sourceFile, languageVersionOrOptions)
      const text = textOf(fileName)
      if (text !== undefined) return ts.createSourceFile(fileName, text, withJsDocMode(languageVersionOrOptions))
      return base.getSourceFile(fileName, withJsDocMode(languageVersionOrOptions), onError)
    },
  }
  return host
}

/**
 * The libraries' parses, shared by the programs of one run (one per tsconfig with files to type): a library's
 * parse depends on its text and the target only, and binding it is the same in every program.
 */
const libParses = new Map<string, ts.SourceFile>()
let libTexts: Map<string, string> | undefined

function libSourceFile(fileName: string, options: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
  if (!fileName.startsWith(`${LIB_FOLDER}/`)) return undefined
  libTexts ??= new Map(libFiles().map((lib) => [`${LIB_FOLDER}/${lib.fileName}`, lib.text]))
  const text = libTexts.get(fileName)
  if (text === undefined) return undefined
  const target = typeof options === 'object' ? options.languageVersion : options
  const key = `${target}:${fileName}`
  let parsed = libParses.get(key)
  if (!parsed) {
    parsed = ts.createSourceFile(fileName, text, withJsDocMode(options))
    libParses.set(key, parsed)
  }
  return parsed
}

function extensionOf(path: string): string {
  const match = /\.d\.[cm]?ts$|\.[cm]?[jt]sx?$/.exec(path)
  return match ? match[0] : ts.Extension.Ts
}

/** A parse made before the program asked for it, given what the program's own `createSourceFile` would set. */
function adopt(sourceFile: ts.SourceFile, options: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile {
  if (typeof options === 'object') {
    if (options.impliedNodeFormat !== undefined) sourceFile.impliedNodeFormat = options.impliedNodeFormat
    options.setExternalModuleIndicator?.(sourceFile)
  }
  return sourceFile
}

function withJsDocMode(options: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.CreateSourceFileOptions {
  return typeof options === 'object'
    ? { ...options, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeInfo }
    : { languageVersion: options, jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeInfo }
}

/** The program names files with forward slashes. */
function slashes(path: string): string {
  return path.replace(/\\/g, '/')
}

function isTypeScriptFile(fileName: string): boolean {
  return /\.[cm]?tsx?$/.test(fileName) && !/\.d\.[cm]?ts$/.test(fileName)
}

/** Every call by a name (`f(…)`, `x.f(…)`) and every JSX element by a tag name in a file, as uses of what they name. */
function callersIn(file: ts.SourceFile): Array<{ callee: ts.Node; file: ts.SourceFile; use: FunctionUse<ts.Node> }> {
  const found: Array<{ callee: ts.Node; file: ts.SourceFile; use: FunctionUse<ts.Node> }> = []
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression
      if (ts.isIdentifier(callee)) found.push({ callee, file, use: { kind: 'call', args: node.arguments } })
    } else if ((ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) && ts.isIdentifier(node.tagName)) {
      found.push({ callee: node.tagName, file, use: elementUse(node) })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
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
