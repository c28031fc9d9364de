/** The one loader: file → parse → validate (meta-schema) → normalize → `Catalog`, or diagnostics. */
import { readFileSync, statSync } from 'node:fs'
import type { Catalog } from './catalog.js'
import { CatalogError, type Diagnostic } from './diagnostics.js'
import { type CatalogFileReader, extendCatalog, hasExtends } from './extend-catalog.js'
import { buildCatalog } from './normalize.js'
import { isYamlFile, MAX_CATALOG_BYTES, parseSource, TOO_LARGE_HINT, tooLargeMessage } from './source-document.js'
import { validateAgainstMetaSchema } from './validate-schema.js'
import type { VerdictCache } from './verdict-cache.js'

export type LoadResult = ({ ok: true; catalog: Catalog } | { ok: false; catalog?: undefined }) & {
  diagnostics: Diagnostic[]
  /** The base files the catalog `extends`, at any depth, that were read (a cache watches them too). */
  bases?: string[]
}

export interface LoadOptions {
  /**
   * Also run the semantic checks when the meta-schema reports problems, for `herald check`, which lists every
   * problem in one run. Their findings on a line the meta-schema already reports are left out: they would
   * describe the same mistake twice.
   */
  complete?: boolean
  /** How base files named by `extends` are read; from disk by default (`herald diff` reads them at a git ref). */
  readFile?: CatalogFileReader
  /** Verdicts already reached for this text and its patterns, and where to record new ones (see verdict-cache.ts). */
  verdicts?: VerdictCache
}

/** Parses and checks catalog text; `file` names it in diagnostics and picks JSON or YAML by extension. */
export function parseCatalog(text: string, file = 'catalog.json', options: LoadOptions = {}): LoadResult {
  try {
    // the same text read the same way (JSON or YAML) repeats keys and passes the meta-schema the same way
    const verdicts = options.verdicts?.about(`${isYamlFile(file) ? 'yaml' : 'json'}\0${text}`)
    const parsed = parseSource(text, file, verdicts)
    if (!parsed.document) return failed(parsed.diagnostics)
    const known = verdicts?.has('schema') ?? false
    const schemaDiagnostics = known ? [] : validateAgainstMetaSchema(parsed.document)
    if (!known && schemaDiagnostics.length === 0) verdicts?.add('schema')
    const structural = [...parsed.diagnostics, ...schemaDiagnostics]
    const extending = hasExtends(parsed.document)
    if (structural.length > 0) {
      // Without its bases the semantic checks would report every reference into them.
      return failed(options.complete && !extending ? [...structural, ...semanticBeside(parsed.document, structural)] : structural)
    }
    let document = parsed.document
    let bases: string[] | undefined
    if (extending) {
      const extended = extendCatalog(document, options.readFile ?? readCatalogFile)
      bases = extended.bases
      if (!extended.document) return { ok: false, diagnostics: extended.diagnostics, bases }
      document = extended.document
    }
    const built = buildCatalog(document, { verdicts: options.verdicts })
    const withBases = bases ? { bases } : {}
    return built.catalog ? { ok: true, catalog: built.catalog, diagnostics: built.diagnostics, ...withBases } : { ...failed(built.diagnostics), ...withBases }
  } catch (error) {
    if (error instanceof RangeError) {
      return failed([{ code: 'nesting-too-deep', severity: 'error', message: 'The catalog is nested too deeply to read.', file, line: 1, column: 1 }])
    }
    throw error
  }
}

/**
 * The semantic findings of a document that the meta-schema refused: the checks assume its shape, so a shape they
 * cannot read (a string where an object goes) ends them, and only what they found before is kept.
 */
function semanticBeside(document: Parameters<typeof buildCatalog>[0], structural: readonly Diagnostic[]): Diagnostic[] {
  const lines = new Set(structural.map((d) => d.line))
  let semantic: Diagnostic[]
  try {
    semantic = buildCatalog(document).diagnostics
  } catch {
    return []
  }
  return semantic.filter((d) => !lines.has(d.line))
}

/** Synchronous load, for ESLint rules (which cannot await) and other synchronous callers. */
export function loadCatalogSync(path: string, options: LoadOptions = {}): LoadResult {
  const read = readCatalogFile(path)
  if (!('text' in read)) return failed([fileDiagnostic(read.code, path, read.message, read.hint)])
  return parseCatalog(read.text, path, options)
}

/** A catalog file's text, or why it cannot be read (missing, a directory, over the size limit). */
export const readCatalogFile: CatalogFileReader = (path) => {
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) return { code: 'file-unreadable', message: `${path} is a directory, not a catalog file.` }
    if (stat.size > MAX_CATALOG_BYTES) return { code: 'file-too-large', message: tooLargeMessage(stat.size), hint: TOO_LARGE_HINT }
    return { text: readFileSync(path, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT'
      ? { code: 'file-not-found', message: `No catalog at ${path}.`, hint: 'pass the path of your events catalog, e.g. schema/events.catalog.json' }
      : { code: 'file-unreadable', message: `Cannot read ${path}: ${(error as Error).message}.` }
  }
}

export async function loadCatalog(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  return loadCatalogSync(path, options)
}

/** For programmatic callers that prefer an exception: throws `CatalogError` listing every diagnostic. */
export function loadCatalogOrThrow(path: string): Catalog {
  const result = loadCatalogSync(path)
  if (!result.ok) throw new CatalogError(result.diagnostics)
  return result.catalog
}

function failed(diagnostics: Diagnostic[]): LoadResult {
  return { ok: false, diagnostics }
}

function fileDiagnostic(code: Diagnostic['code'], file: string, message: string, hint?: string): Diagnostic {
  return { code, severity: 'error', message, file, line: 1, column: 1, ...(hint ? { hint } : {}) }
}
