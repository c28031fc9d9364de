/**
 * The audit pipeline, syntax before semantics:
 *   discover files → text prefilter (the matchers' callee names as whole words, and with a catalog its
 *   emitters' names) → parse only the files that pass → syntax front-end → type the few files whose questions
 *   need types (one small TypeScript program) → checker (capture calls only) → coverage (capture and emitter
 *   calls). No program over the whole repository: each parsed file is dropped once its call sites are taken
 *   (or kept for the typed pass).
 */
import { readFileSync, statSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import {
  type Catalog,
  checkCallSite,
  findWorkspaces,
  type Finding,
  type HeraldSettings,
  type Matcher,
  prefilterWordSets,
  resolveMatchers,
  ruleOptions,
  unmatchedMatchers,
  unresolvedImportMessage,
} from '@herald/core'
import { ts } from './typescript.js'
import { type AuditCompilerOptions, TsconfigResolver } from './compiler-options.js'
import { computeCoverage } from './coverage.js'
import { discoverFiles } from './discover-files.js'
import { type ExtractedFile, extractCallSites } from './extract-call-sites.js'
import { GeneratedEmitters, isGeneratedSource } from './generated-emitters.js'
import { ModuleIndex, type UnresolvedImport } from './module-index.js'
import { namesAnyWord } from './prefilter.js'
import { type AuditCallSite, type AuditReport, type AuditWarning, REPORT_FORMAT_VERSION, type SkippedFile, type UnresolvedImportFinding } from './report.js'
import { createSemanticProgram, type SemanticFile } from './semantic-resolver.js'

export interface AuditProgress {
  phase: 'scan' | 'types'
  done: number
  total: number
}

export interface AuditOptions {
  /** Files, folders or glob patterns, relative to `cwd` (default: `cwd` itself). */
  paths?: readonly string[]
  /** Where relative paths start and what reported paths are relative to (default: the process's). */
  cwd?: string
  /**
   * Without a catalog the catalog-free rules run: naming, forbidden keys, PII distinct id; and calls of
   * generated emitters cannot be recognised (their names and events come from the catalog).
   */
  catalog?: Catalog
  /** The catalog's path as the user gave it, for reports. */
  catalogFile?: string
  /** Which calls are captures: the `settings.herald` shape of the ESLint plugin. */
  settings?: Pick<HeraldSettings, 'presets' | 'matchers' | 'rules'>
  /** The settings file's folder, which matchers' `declaredIn` paths are relative to (default: `cwd`). */
  settingsDir?: string
  /** Files larger than this many bytes are skipped with a note. Default `DEFAULT_MAX_FILE_BYTES` (4 MiB). */
  maxFileBytes?: number
  /**
   * A tsconfig whose compiler options (paths, jsx) resolve and type every file. Default: each file's nearest
   * tsconfig.json, from its folder up to `cwd`.
   */
  tsconfig?: string
  /** Set false to stay syntax-only: names from other files stay dynamic, value types stay unknown. */
  types?: boolean
  /** Type every property value and keep literal values (for `init --from-code`); costs a typed pass over every call site. */
  propertyTypes?: boolean
  onProgress?: (progress: AuditProgress) => void
}

/** Thrown for a path that is neither a file, a folder nor a glob; the CLI turns it into a usage error. */
export class AuditInputError extends Error {
  constructor(
    message: string,
    readonly paths: string[],
  ) {
    super(message)
    this.name = 'AuditInputError'
  }
}

const PROGRESS_EVERY = 250
/** Hand-written source files are far smaller; a file over this is a bundle or generated data, and costly to parse. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024

export async function auditRepo(options: AuditOptions = {}): Promise<AuditReport> {
  const started = performance.now()
  const cwd = resolve(options.cwd ?? process.cwd())
  const matchers = resolveMatchers(options.settings ?? {})
  const settingsDir = options.settingsDir === undefined ? cwd : resolve(cwd, options.settingsDir)
  const { words, calleeOnly: peopleWords } = prefilterWordSets(matchers)
  const { files, missing, unreadable } = await discoverFiles(options.paths ?? [], cwd)
  if (missing.length > 0) throw new AuditInputError(`No file, folder or glob match for ${missing.map((p) => `"${p}"`).join(', ')}.`, missing)

  const catalog = options.catalog
  const tsconfigs = new TsconfigResolver(cwd, options.tsconfig ? resolve(cwd, options.tsconfig) : undefined)
  const workspaces = await findWorkspaces(cwd)
  const modules = new ModuleIndex((file) => tsconfigs.forFile(file).options, cwd, workspaces)
  const emitters = catalog ? new GeneratedEmitters(catalog, modules) : undefined
  const useTypes = options.types !== false
  const sites: AuditCallSite[] = []
  const skippedFiles: SkippedFile[] = unreadable.map(({ folder, reason }) => ({
    file: reportPath(cwd, folder),
    line: 1,
    column: 1,
    message: `Cannot read the folder (${reason}); its files were not audited.`,
  }))
  const needTypes: TypedEntry[] = []
  const typeWarnings: AuditWarning[] = []
  const used = new Set<Matcher>()
  const checkOptions = ruleOptions(options.settings?.rules)
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  let parsed = 0

  for (let i = 0; i < files.length; i++) {
    if (options.onProgress && i % PROGRESS_EVERY === 0) options.onProgress({ phase: 'scan', done: i, total: files.length })
    const path = files[i]!
    let text: string
    try {
      const size = statSync(path).size
      if (size > maxFileBytes) {
        skippedFiles.push({
          file: reportPath(cwd, path),
          line: 1,
          column: 1,
          message: `The file is ${megabytes(size)}, over the ${megabytes(maxFileBytes)} limit for a source file (a bundle?); it was skipped. Raise the limit with --max-file-size.`,
        })
        continue
      }
      text = readFileSync(path, 'utf8')
    } catch (error) {
      skippedFiles.push({ file: reportPath(cwd, path), line: 1, column: 1, message: `Cannot read the file: ${(error as Error).message}.` })
      continue
    }
    // Herald's own output defines the emitters and calls none: never worth a parse (a generated events.ts is large).
    if (isGeneratedSource(text)) continue
    if (!namesAnyWord(text, words, peopleWords) && !emitters?.mayCall(text)) continue
    parsed++
    const file = reportPath(cwd, path)
    let sourceFile: ts.SourceFile
    let extracted: ExtractedFile
    try {
      sourceFile = parseSource(path, text)
      const syntaxError = firstParseError(sourceFile)
      if (syntaxError) {
        skippedFiles.push({ file, ...syntaxError })
        continue
      }
      extracted = extractCallSites(sourceFile, { file, matchers, modules, emitters, used, settingsDir, collectValues: options.propertyTypes === true })
    } catch (error) {
      // Whatever one file does to the parser or the extractor (a stack overflow on deep nesting), the run goes on.
      skippedFiles.push({ file, line: 1, column: 1, message: `Cannot audit the file (${errorText(error)}); it was skipped.` })
      continue
    }
    if (useTypes && (extracted.needsTypes || typesWouldChangeFindings(catalog, extracted.sites, options.propertyTypes === true))) {
      needTypes.push({ path, text, sourceFile, file, syntaxSites: extracted.sites })
    } else sites.push(...extracted.sites)
  }
  options.onProgress?.({ phase: 'scan', done: files.length, total: files.length })

  let programFiles = 0
  if (needTypes.length > 0) {
    options.onProgress?.({ phase: 'types', done: 0, total: needTypes.length })
    // One program per tsconfig: each file is typed with its own tsconfig's options (paths, jsx).
    const groups = new Map<AuditCompilerOptions, TypedEntry[]>()
    for (const entry of needTypes) {
      const config = tsconfigs.forFile(entry.path)
      const group = groups.get(config) ?? []
      group.push(entry)
      groups.set(config, group)
    }
    for (const [config, group] of groups) {
      let program: ReturnType<typeof createSemanticProgram>
      try {
        program = createSemanticProgram(group, config.options, workspaces)
      } catch (error) {
        // Whatever the compiler does with these files, the run goes on with what syntax found.
        for (const entry of group) {
          sites.push(...entry.syntaxSites)
          typeWarnings.push(typesFailed(entry.file, error))
        }
        continue
      }
      programFiles += program.fileCount
      for (const entry of group) {
        const sourceFile = program.sourceFile(entry.path)
        if (!sourceFile) {
          sites.push(...entry.syntaxSites)
          continue
        }
        try {
          const extracted = extractCallSites(sourceFile, {
            file: entry.file,
            matchers,
            modules,
            emitters,
            used,
            settingsDir,
            resolver: program.resolver,
            collectValues: options.propertyTypes === true,
          })
          sites.push(...extracted.sites)
        } catch (error) {
          // The typed pass only refines: what syntax found stands, and the report says types were not used.
          sites.push(...entry.syntaxSites)
          typeWarnings.push(typesFailed(entry.file, error))
        }
      }
    }
    options.onProgress?.({ phase: 'types', done: needTypes.length, total: needTypes.length })
  }

  sites.sort(compareLocations)
  // Emitter calls are inventoried, not checked: their types hold them to the catalog (see the README). A file
  // whose call sites the checker throws on is reported skipped, without its call sites; the others are checked.
  const findings: Finding[] = []
  for (let start = 0; start < sites.length; ) {
    let end = start + 1
    while (end < sites.length && sites[end]!.file === sites[start]!.file) end++
    try {
      for (let i = start; i < end; i++) if (sites[i]!.emitter === undefined) findings.push(...checkCallSite(catalog, sites[i]!, checkOptions))
    } catch (error) {
      const file = sites[start]!.file
      const kept = findings.filter((f) => f.file !== file)
      findings.length = 0
      findings.push(...kept)
      skippedFiles.push({ file, line: 1, column: 1, message: `Cannot check the file's call sites (${errorText(error)}); it was skipped.` })
      sites.splice(start, end - start)
      continue
    }
    start = end
  }
  findings.sort(compareFindings)
  skippedFiles.sort(compareLocations)
  const report: AuditReport = {
    formatVersion: REPORT_FORMAT_VERSION,
    findings,
    callSites: sites,
    coverage: computeCoverage(catalog, sites),
    unresolvedImports: modules
      .unresolvedImports()
      .map((u) => unresolvedImportFinding(cwd, modules, u))
      .sort(compareLocations),
    warnings: [
      ...tsconfigs.warnings.map((w): AuditWarning => ({ file: reportPath(cwd, w.tsconfig), line: 1, column: 1, message: w.message })),
      ...typeWarnings,
    ].sort(compareLocations),
    skippedFiles,
    stats: { files: files.length, parsed, typedFiles: needTypes.length, programFiles, durationMs: Math.round(performance.now() - started) },
  }
  if (options.catalogFile !== undefined) report.catalog = options.catalogFile
  const unmatched = unmatchedMatchers(options.settings?.matchers ?? [], used)
  if (unmatched.length > 0) report.unmatchedMatchers = unmatched
  return report
}

function parseSource(path: string, text: string): ts.SourceFile {
  // JSDoc is not read by the audit; skipping it makes parsing cheaper. No parent links: `extractCallSites`
  // sets them in the walk it makes anyway.
  return ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKind(path))
}

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS
  return ts.ScriptKind.TS
}

function firstParseError(sourceFile: ts.SourceFile): Omit<SkippedFile, 'file'> | undefined {
  // `parseDiagnostics` is the parser's own list; it is internal API, but stable for years and the only way
  // to learn of a syntax error without building a program.
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics
  const first = diagnostics?.[0]
  if (!first) return undefined
  const at = sourceFile.getLineAndCharacterOfPosition(first.start)
  return { line: at.line + 1, column: at.character + 1, message: `Cannot parse the file: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}` }
}

/**
 * Types can only remove a forbidden-key finding (a boolean or number value carries no secret), so a file is
 * typed for that only when one of its keys with a value of unknown type is forbidden.
 */
function typesWouldChangeFindings(catalog: Catalog | undefined, sites: readonly AuditCallSite[], propertyTypes: boolean): boolean {
  for (const site of sites) {
    if (site.emitter !== undefined && !propertyTypes) continue
    const unknownKeys = site.properties?.keys.filter((k) => k.valueKind === 'unknown') ?? []
    if (unknownKeys.length === 0) continue
    if (propertyTypes) return true
    const findings = checkCallSite(catalog, site, { rules: ['no-forbidden-property'] })
    if (findings.some((f) => unknownKeys.some((k) => k.line === f.line && k.column === f.column))) return true
  }
  return false
}

type TypedEntry = SemanticFile & { file: string; syntaxSites: AuditCallSite[] }

/** Where the import (or re-export) of `specifier` is written in the importing file: its module specifier. */
function unresolvedImportFinding(cwd: string, modules: ModuleIndex, unresolved: UnresolvedImport): UnresolvedImportFinding {
  const file = reportPath(cwd, unresolved.fromFile)
  let line = 1
  let column = 1
  const sourceFile = modules.parsed(unresolved.fromFile)
  const statement = sourceFile?.statements.find(
    (s) =>
      (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) &&
      s.moduleSpecifier !== undefined &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text === unresolved.specifier,
  ) as ts.ImportDeclaration | undefined
  if (sourceFile && statement) {
    const at = sourceFile.getLineAndCharacterOfPosition(statement.moduleSpecifier.getStart(sourceFile))
    line = at.line + 1
    column = at.character + 1
  }
  return {
    code: 'unresolved-import',
    severity: 'warning',
    file,
    line,
    column,
    specifier: unresolved.specifier,
    names: [...unresolved.names],
    message: unresolvedImportMessage(unresolved.specifier, unresolved.names),
  }
}

function reportPath(cwd: string, path: string): string {
  const rel = relative(cwd, path)
  return sep === '/' ? rel : rel.split(sep).join('/')
}

function compareLocations(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
}

function compareFindings(a: Finding, b: Finding): number {
  return compareLocations(a, b) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
}

function typesFailed(file: string, error: unknown): AuditWarning {
  return {
    file,
    line: 1,
    column: 1,
    message: `Types could not be computed for this file (${errorText(error)}); its call sites are those syntax alone finds.`,
  }
}

/** An exception as a short reason: `RangeError: Maximum call stack size exceeded`. */
function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
