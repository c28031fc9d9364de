/**
 * Calls of Herald's generated emitters are call sites too: `authLogin(t, props, fn)`, imported from the
 * `events.ts` that `herald generate` wrote, captures `auth.login.start`, `.stop` and `.exception`. An app that
 * uses Herald calls nothing else, so without these its audit would call every declared event never captured.
 *
 * A call is an emitter call when its callee is imported (by name, under an alias, or as a member of a
 * namespace import) from a module whose first line is Herald's generated header, and the imported name is
 * the `identifier` of one of the catalog's events. The header is the test because it is both cheap and
 * precise: reading the first line of the resolved module costs next to nothing, while proving that a module
 * exports the catalog's identifiers means parsing it (a generated `events.ts` runs to thousands of lines), and
 * a hand-written `authLogin` wrapper with other arguments would pass that test. Barrels between the caller and
 * the generated file (`export * from './events.js'`, `export { authLogin } from …`) are followed, and so is a
 * workspace package that exports its sources. A package that ships only compiled `.d.ts` is not: the compiler
 * drops the header comment from declarations.
 *
 * Only with a catalog: the identifiers, and which events they emit, come from it.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { type Catalog, type CatalogEvent, type CallSiteKind, generatedHeader } from '@herald/core'
import { ts } from './typescript.js'
import type { ModuleIndex } from './module-index.js'

/** Barrels followed from an import to the generated file; deeper chains (or cycles) are not emitters. */
const MAX_REEXPORT_DEPTH = 8
const DOLLAR = 0x24
/** Enough of a file to hold the header line, whatever the catalog's file name. */
const HEADER_BYTES = 1024

// Core writes the header; cut it around a placeholder name, so that a change there is followed here.
const PLACEHOLDER = '\u0000'
const [HEADER_START = '', HEADER_END = ''] = generatedHeader({ file: PLACEHOLDER }, 'line-comment').trimEnd().split(PLACEHOLDER)

/** Whether source text is a file Herald generated (its first line is the generated header, for any catalog). */
export function isGeneratedSource(text: string): boolean {
  if (!text.startsWith(HEADER_START)) return false
  const end = text.indexOf('\n')
  const firstLine = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '')
  return firstLine.endsWith(HEADER_END)
}

export class GeneratedEmitters {
  /** The catalog's events by the name of their generated emitter. */
  readonly byIdentifier: ReadonlyMap<string, CatalogEvent>
  /** The generated `identify`, `group` and `alias`, for what the catalog declares: people calls, by name. */
  readonly people: ReadonlyMap<string, CallSiteKind>
  /** The catalog's distinct-id property, which an emitter takes from its props. */
  readonly distinctIdProperty: string | undefined
  private readonly mention: RegExp | undefined
  private readonly wordsOnly: boolean
  private readonly generated = new Map<string, boolean>()

  constructor(
    catalog: Catalog,
    private readonly modules: ModuleIndex,
  ) {
    this.byIdentifier = new Map(catalog.events.map((event) => [event.identifier, event]))
    const people = new Map<string, CallSiteKind>()
    if (catalog.identify !== undefined) people.set('identify', 'identify')
    if (catalog.groups.length > 0) people.set('group', 'group')
    if (catalog.alias) people.set('alias', 'alias')
    this.people = people
    this.distinctIdProperty = catalog.privacy.distinctId?.property
    // One pattern for every identifier: a file that calls an emitter names it, in its import or after `ns.`
    // (an alias is imported by its own name). Whole words only: `authLoginForm` names no emitter.
    const identifiers = [...this.byIdentifier.keys(), ...people.keys()]
    const names = identifiers.map(escapeRegExp).join('|')
    // `\b` runs faster than the lookarounds (about a third less over a large repository), and with a `$`
    // check beside each match it answers the same, as long as no identifier holds a `$` or another non-word
    // character (core's identifiers never do; then two names cannot both match at one place).
    this.wordsOnly = identifiers.every((identifier) => /^\w+$/.test(identifier))
    this.mention =
      identifiers.length === 0 ? undefined : this.wordsOnly ? new RegExp(`\\b(?:${names})\\b`, 'g') : new RegExp(`(?<![\\w$])(?:${names})(?![\\w$])`)
  }

  /** The text prefilter: whether a file can call an emitter, before any parse. */
  mayCall(text: string): boolean {
    const mention = this.mention
    if (!mention) return false
    if (!this.wordsOnly) return mention.test(text)
    mention.lastIndex = 0
    for (let match = mention.exec(text); match; match = mention.exec(text)) {
      if (text.charCodeAt(match.index - 1) !== DOLLAR && text.charCodeAt(match.index + match[0].length) !== DOLLAR) return true
      mention.lastIndex = match.index + 1
    }
    return false
  }

  /**
   * The event whose emitter `importedName`, imported from `specifier` in `fromFile`, is; undefined when the
   * name is no catalog identifier or the module is not a Herald-generated file (or a barrel over one).
   */
  eventOf(importedName: string, specifier: string, fromFile: string): CatalogEvent | undefined {
    const event = this.byIdentifier.get(importedName)
    if (!event) return undefined
    // Generated emitters (events.d.ts beside events.js, or one events.ts) may live in a workspace package (`@acme/telemetry`) that the app imports by name.
    const path = this.modules.resolveSource(specifier, fromFile)
    return path !== undefined && this.exportsGenerated(path, importedName, 0, new Set()) ? event : undefined
  }

  /** Whether a name is a generated emitter's: an event's identifier, or identify, group or alias. */
  has(name: string): boolean {
    return this.byIdentifier.has(name) || this.people.has(name)
  }

  /** The people call (identify, group, alias) that `importedName` from `specifier` is, when it is a generated one. */
  peopleOf(importedName: string, specifier: string, fromFile: string): CallSiteKind | undefined {
    const kind = this.people.get(importedName)
    if (kind === undefined) return undefined
    const path = this.modules.resolveSource(specifier, fromFile)
    return path !== undefined && this.exportsGenerated(path, importedName, 0, new Set()) ? kind : undefined
  }

  private exportsGenerated(path: string, name: string, depth: number, seen: Set<string>): boolean {
    if (this.isGeneratedFile(path)) return true
    if (depth >= MAX_REEXPORT_DEPTH || seen.has(path)) return false
    seen.add(path)
    const sourceFile = this.modules.parsed(path)
    if (!sourceFile) return false
    for (const from of reexportSources(sourceFile, name)) {
      const target = this.modules.resolveSource(from, path)
      if (target !== undefined && this.exportsGenerated(target, name, depth + 1, seen)) return true
    }
    return false
  }

  private isGeneratedFile(path: string): boolean {
    let generated = this.generated.get(path)
    if (generated === undefined) {
      generated = isGeneratedSource(readStart(path))
      this.generated.set(path, generated)
    }
    return generated
  }
}

/**
 * The modules a barrel takes `name` from, under the same name: `export { name } from 'm'`, `export * from 'm'`,
 * and `import { name } from 'm'; export { name }`.
 */
function reexportSources(sourceFile: ts.SourceFile, name: string): string[] {
  const sources: string[] = []
  let exportedLocally = false
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue
    const from = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined
    const clause = statement.exportClause
    if (!clause) {
      if (from !== undefined) sources.push(from)
      continue
    }
    if (!ts.isNamedExports(clause)) continue
    for (const element of clause.elements) {
      if (element.name.text !== name || (element.propertyName !== undefined && element.propertyName.text !== name)) continue
      if (from !== undefined) sources.unshift(from)
      else exportedLocally = true
    }
  }
  if (exportedLocally) {
    for (const statement of sourceFile.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
      const bindings = statement.importClause?.namedBindings
      if (
        bindings &&
        ts.isNamedImports(bindings) &&
        bindings.elements.some((e) => e.name.text === name && (e.propertyName === undefined || e.propertyName.text === name))
      ) {
        sources.unshift(statement.moduleSpecifier.text)
      }
    }
  }
  return sources
}

function readStart(path: string): string {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    const buffer = Buffer.alloc(HEADER_BYTES)
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0)
    return buffer.toString('utf8', 0, read)
  } catch {
    return ''
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}
