/**
 * herald migrate: every capture call site the audit inventories becomes a call of its generated emitter when that
 * is provably the same event with properties the emitter's types accept; every other site is left as it is, with
 * the reason. The type checker has the last word: an edit that brings a new error into its file is undone.
 */
import { existsSync } from 'node:fs'
import { dirname, extname, relative, resolve, sep } from 'node:path'
import { type AuditCallSite, auditRepo } from '@herald/audit'
import type { Catalog, Finding, HeraldSettings, WireEvent } from '@herald/core'
import { type CallExpression, Node, type ObjectLiteralExpression, Project, type SourceFile, SyntaxKind, ts } from 'ts-morph'
import { type IntroducedError, introducedErrors, regionCheckable, TypeCheck } from './type-check.js'

export interface MigrateOptions {
  catalog: Catalog
  /** Files, folders or globs, relative to `cwd`. */
  paths: readonly string[]
  cwd: string
  settings?: Pick<HeraldSettings, 'presets' | 'matchers'>
  /** The tsconfig that types the project (paths, module resolution); default `<cwd>/tsconfig.json` when present. */
  tsconfig?: string
  /** The generated events module (`src/telemetry/events.ts`), absolute. */
  eventsModule: string
  /** The expression that gives the telemetry client at a call site (`telemetry`, `useTelemetry()`). */
  client: string
  /** Where that expression's name is imported from: a file (absolute) or a package or alias specifier. */
  clientImport?: { name: string; from: string }
  /** Only these declared events (signal names or wire names); default all. */
  only?: readonly string[]
  /** Skip the type check (faster; the diff may then hold edits that --write would undo). */
  typeCheck?: boolean
}

export type LeftReason =
  | 'dynamic-name'
  | 'conditional-name'
  | 'not-declared'
  | 'span-phase'
  | 'finding'
  | 'undeclared-property'
  | 'person-properties'
  | 'extra-arguments'
  | 'distinct-id-not-declared'
  | 'event-groups'
  | 'unsupported-shape'
  | 'commonjs'
  | 'type-error'
  | 'not-selected'

export interface MigratedSite {
  file: string
  line: number
  column: number
  event: string
  emitter: string
  before: string
  after: string
}

export interface LeftSite {
  file: string
  line: number
  column: number
  event?: string
  reason: LeftReason
  message: string
  /** What would make it migratable: a catalog addition ready for `herald check`, or the code to write. */
  suggestion?: string
}

export interface FileChange {
  file: string
  before: string
  after: string
}

export interface MigrationResult {
  migrated: MigratedSite[]
  left: LeftSite[]
  changes: FileChange[]
  /** Capture call sites looked at (calls of generated emitters are not counted). */
  sites: number
}

interface Edit {
  start: number
  end: number
  text: string
  /** The name the emitter is imported under in this file (its own, unless the file already uses that name). */
  local: string
  site: MigratedSite
  /** The call's value is not used (it is the whole of its statement). */
  discarded: boolean
}

export async function migrate(options: MigrateOptions): Promise<MigrationResult> {
  const { catalog, cwd } = options
  const report = await auditRepo({
    paths: options.paths,
    cwd,
    catalog,
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.tsconfig !== undefined ? { tsconfig: options.tsconfig } : {}),
  })
  const tsconfig = options.tsconfig ?? (existsSync(resolve(cwd, 'tsconfig.json')) ? resolve(cwd, 'tsconfig.json') : undefined)
  const project = new Project({
    // JavaScript files are read as JavaScript even where the tsconfig leaves them out: the checker fails on a .js
    // file its program was not told to allow (and, without checkJs, reports nothing about them, as tsc would not).
    ...(tsconfig !== undefined
      ? { tsConfigFilePath: tsconfig, compilerOptions: { allowJs: true } }
      : { compilerOptions: { strict: true, allowJs: true, jsx: ts.JsxEmit.Preserve } }),
    skipAddingFilesFromTsConfig: true,
  })
  const compilerOptions = project.getCompilerOptions()
  const only = options.only ? new Set(options.only) : undefined
  const resolveModule = moduleResolver(compilerOptions)

  const left: LeftSite[] = []
  const editsByFile = new Map<string, Edit[]>()
  // identify, group and alias calls have no event, so no emitter to become
  const sites = report.callSites.filter((site) => site.emitter === undefined && site.kind === undefined)
  for (const site of sites) {
    const path = resolve(cwd, site.file)
    const at = { file: site.file, line: site.line, column: site.column }
    const leave = (reason: LeftReason, message: string, extra: { event?: string; suggestion?: string } = {}) => left.push({ ...at, ...extra, reason, message })

    const names = site.eventNames
    if (names.length === 0 || names.some((n) => n.value === undefined)) {
      leave(
        'dynamic-name',
        `The event name ${names[0] ? `\`${names[0].text}\`` : ''} is computed at run time; which emitter to call cannot be known.`.replace('  ', ' '),
        {
          suggestion: 'declare each name the expression can take and call their emitters (or `switch` over them)',
        },
      )
      continue
    }
    if (new Set(names.map((n) => n.value)).size > 1) {
      leave('conditional-name', `The event name is one of ${names.map((n) => `"${n.value}"`).join(', ')}, chosen at run time.`, {
        suggestion: "call each event's emitter in its own branch",
      })
      continue
    }
    const name = names[0]!.value!
    const wire = catalog.wireEventsByName.get(name)
    if (!wire) {
      leave('not-declared', `"${name}" is not declared in the catalog.`, {
        event: name,
        suggestion: 'declare it (herald init --from-code drafts it), then herald generate',
      })
      continue
    }
    if (only && !only.has(wire.event.name) && !only.has(wire.name)) {
      leave('not-selected', `"${name}" is not among --only.`, { event: name })
      continue
    }
    if (wire.phase !== 'signal') {
      leave('span-phase', `"${name}" is the ${wire.phase} of the span ${wire.event.name}; a raw .start/.stop pair is not rewritten automatically.`, {
        event: name,
        suggestion: `wrap the work in ${wire.event.identifier}(t, props, async (span) => { … span.set({ … }) … }): it sends .start, .stop with duration_ms, and .exception`,
      })
      continue
    }
    const findings = findingsAt(report.findings, site)
    if (findings.length > 0) {
      leave('finding', findings.map((f) => `${f.ruleId}: ${f.message}`).join(' '), { event: name })
      continue
    }
    if (isCommonJs(path, project)) {
      leave('commonjs', 'The file is CommonJS; herald migrate adds ES imports only.', { event: name })
      continue
    }
    const sourceFile = project.getSourceFile(path) ?? project.addSourceFileAtPath(path)
    const call = findCall(sourceFile, site)
    if (!call) {
      leave('unsupported-shape', 'The call could not be found again in the file.', { event: name })
      continue
    }
    const local = localName(sourceFile, wire.event.identifier, options.eventsModule, resolveModule)
    const rewrite = rewriteCall(call, site, wire, catalog, options.client, local)
    if ('reason' in rewrite) {
      leave(rewrite.reason, rewrite.message, { event: name, ...(rewrite.suggestion ? { suggestion: rewrite.suggestion } : {}) })
      continue
    }
    const edit: Edit = {
      start: call.getStart(),
      end: call.getEnd(),
      text: rewrite.text,
      local,
      site: { ...at, event: name, emitter: wire.event.identifier, before: call.getText(), after: rewrite.text },
      discarded: isDiscarded(call),
    }
    const list = editsByFile.get(path) ?? []
    list.push(edit)
    editsByFile.set(path, list)
  }

  const changes: FileChange[] = []
  const migrated: MigratedSite[] = []
  const typeErrorLeft = (e: Edit, message: string, suggestion: string) =>
    left.push({ file: e.site.file, line: e.site.line, column: e.site.column, event: e.site.event, reason: 'type-error', message, suggestion })
  // The type check goes by rounds over every edited file at once, so that each round builds one program (and
  // binds the libraries once) however many files it checks: a file's errors depend on its own text, and the
  // edits of other files change only their calls and imports, never what they export.
  // Where no compiler option is about the whole file and every call's value is unused, only the statements of
  // the calls and the imports are checked, before and after: nothing else in the file can change.
  const regions = regionCheckable(compilerOptions)
  const check = new TypeCheck(project)
  // The project keeps every file's own text; ts-morph edits (an import added to a list, a binding removed) are
  // made in a project of their own.
  let scratch: Project | undefined
  const scratchProject = () => (scratch ??= new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, compilerOptions }))
  const plans: FilePlan[] = [...editsByFile].map(([path, edits]) => {
    const before = project.getSourceFileOrThrow(path).getFullText()
    return { path, before, edits, kept: edits, after: before, clean: false, region: regions && edits.every((e) => e.discarded) }
  })
  const regionBefore = (plan: FilePlan) => (plan.region ? plan.edits.map((e) => e.start) : undefined)
  const regionAfter = (plan: FilePlan) => (plan.region ? plan.edits.map((e) => shiftedStart(e, plan.kept, plan.applied!)) : undefined)
  for (let round = 0; round < 4; round++) {
    const active = plans.filter((plan) => plan.kept.length > 0 && !plan.clean)
    if (active.length === 0) break
    for (const plan of active) {
      plan.applied = applyEdits(scratchProject, plan.path, plan.before, plan.kept, options, compilerOptions)
      plan.after = plan.applied.text
      check.set(plan.path, plan.after)
    }
    if (options.typeCheck === false) {
      for (const plan of active) plan.clean = true
      break
    }
    const afterErrors = new Map(active.map((plan) => [plan, check.errors(plan.path, regionAfter(plan))]))
    // The errors a file had before its edits matter only when it has some after them.
    const needBefore = active.filter((plan) => afterErrors.get(plan)!.length > 0 && plan.errorsBefore === undefined)
    for (const plan of needBefore) plan.errorsBefore = check.errorsBefore(plan.path, regionBefore(plan))
    const introducedBy = new Map<FilePlan, IntroducedError[]>()
    for (const plan of active) {
      const introduced = introducedErrors(plan.errorsBefore ?? [], afterErrors.get(plan)!, plan.after)
      if (introduced.length === 0) plan.clean = true
      else introducedBy.set(plan, introduced)
    }
    // A receiver the edits no longer use (`const posthog = usePostHog()`) is removed, when that is all that is wrong.
    const tidiedBy = new Map<FilePlan, string>()
    for (const [plan, introduced] of introducedBy) {
      if (!introduced.every((e) => e.unused)) continue
      const tidied = removeUnusedBindings(scratchProject(), plan.path, plan.after, introduced)
      if (tidied !== plan.after) {
        tidiedBy.set(plan, tidied)
        check.set(plan.path, tidied)
      }
    }
    for (const [plan, tidied] of tidiedBy) {
      if (introducedErrors(plan.errorsBefore!, check.errors(plan.path, regionAfter(plan)), tidied).length > 0) continue
      plan.after = tidied
      plan.clean = true
      introducedBy.delete(plan)
    }
    for (const [plan, introduced] of introducedBy) {
      const ranges = editRanges(plan.kept, plan.applied!)
      const blamed = new Map<Edit, string>()
      for (const error of introduced) {
        const hit = ranges.find((r) => error.start >= r.start && error.start < r.end)
        const named = error.unused && error.name !== undefined ? plan.kept.filter((e) => e.site.before.includes(error.name!)) : []
        const victims = hit ? [hit.edit] : named.length > 0 ? named : plan.kept
        for (const e of victims) if (!blamed.has(e)) blamed.set(e, error.message)
      }
      for (const [e, message] of blamed)
        typeErrorLeft(e, `The emitter call would not compile: ${message}`, 'fix the value or the catalog, then run herald migrate again')
      plan.kept = plan.kept.filter((e) => !blamed.has(e))
      // A file left with nothing to edit goes back to its own text for the rounds after this one.
      if (plan.kept.length === 0) check.set(plan.path, undefined)
    }
  }
  for (const plan of plans) {
    if (!plan.clean) {
      plan.after = plan.before
      for (const e of plan.kept) typeErrorLeft(e, 'The file would not compile after the edits.', 'migrate this file by hand')
      plan.kept = []
    }
    if (plan.kept.length === 0 || plan.after === plan.before) continue
    changes.push({ file: relative(cwd, plan.path).split(sep).join('/'), before: plan.before, after: plan.after })
    migrated.push(...plan.kept.map((e) => e.site))
  }
  migrated.sort(compareSites)
  left.sort(compareSites)
  changes.sort((a, b) => a.file.localeCompare(b.file))
  return { migrated, left, changes, sites: sites.length }
}

/** One file's edits through the rounds of the type check. */
interface FilePlan {
  path: string
  before: string
  edits: Edit[]
  /** The edits still in the plan. */
  kept: Edit[]
  after: string
  applied?: Applied
  /** The file's errors before any edit (read only when its edits bring errors). */
  errorsBefore?: readonly ts.Diagnostic[]
  /** Its edits (and tidying) bring no new error. */
  clean: boolean
  /** Checked by the statements of its calls and its imports (both texts alike), not as a whole. */
  region: boolean
}

type Rewrite = { text: string } | { reason: LeftReason; message: string; suggestion?: string }

/** The emitter call that sends what the raw call sends, or why there is none. */
function rewriteCall(call: CallExpression, site: AuditCallSite, wire: WireEvent, catalog: Catalog, client: string, emitter: string): Rewrite {
  const args = call.getArguments()
  const nameRef = site.eventNames[0]!
  const sourceFile = call.getSourceFile()
  const offset = (line: number, column: number) => sourceFile.compilerNode.getPositionOfLineAndCharacter(line - 1, column - 1)
  const namePos = offset(nameRef.line, nameRef.column)
  const nameIndex = args.findIndex((a) => a.getStart() <= namePos && namePos < a.getEnd())
  if (nameIndex === -1) return { reason: 'unsupported-shape', message: 'The event name is not an argument of the call.' }
  const nameArg = args[nameIndex]!

  let props: Node | undefined
  let distinctId: Node | undefined
  let extra: string[] = []
  if (Node.isObjectLiteralExpression(nameArg) && nameArg.getStart() !== namePos) {
    // Object form: { event, properties, distinctId, … } in one argument.
    for (const member of nameArg.getProperties()) {
      if (!Node.isPropertyAssignment(member) && !Node.isShorthandPropertyAssignment(member))
        return { reason: 'unsupported-shape', message: "The call's object holds a spread or a method; its fields cannot all be known." }
      const value = Node.isPropertyAssignment(member) ? member.getInitializerOrThrow() : member.getNameNode()
      const contains = (ref: { line: number; column: number } | undefined) =>
        ref !== undefined && value.getStart() <= offset(ref.line, ref.column) && offset(ref.line, ref.column) < value.getEnd()
      if (contains(nameRef)) continue
      if (site.properties && contains(site.properties)) props = value
      else if (site.distinctId && contains(site.distinctId)) distinctId = value
      else extra.push(member.getName())
    }
    if (args.length > 1) extra.push(`argument ${args.length}`)
  } else {
    const propsPos = site.properties ? offset(site.properties.line, site.properties.column) : undefined
    const propsIndex = propsPos === undefined ? -1 : args.findIndex((a) => a.getStart() <= propsPos && propsPos < a.getEnd())
    props = propsIndex === -1 ? undefined : args[propsIndex]
    const last = Math.max(nameIndex, propsIndex)
    extra = args.slice(last + 1).map((a) => a.getText())
    if (site.distinctId) {
      const idPos = offset(site.distinctId.line, site.distinctId.column)
      distinctId = args.find((a) => a.getStart() <= idPos && idPos < a.getEnd())
      extra = extra.filter((text) => text !== distinctId?.getText())
    }
  }
  if (extra.length > 0) {
    return {
      reason: 'extra-arguments',
      message: `The call also passes ${extra.map((e) => `\`${short(e)}\``).join(', ')}, which the emitter has no place for (capture options, timestamps, groups).`,
      suggestion: 'move what must be sent into declared properties, or keep this call raw',
    }
  }

  const declared = wire.properties
  const keys = site.properties?.keys ?? []
  if (keys.some((k) => k.parents.length === 0 && (k.key === '$set' || k.key === '$set_once'))) {
    return {
      reason: 'person-properties',
      message: 'The call sets person properties ($set / $set_once), which event emitters do not send.',
      suggestion: 'send them with the generated identify(t, distinctId, { set, setOnce }) and keep the event without them',
    }
  }
  const undeclared = keys.filter((k) => k.parents.length === 0 && !Object.hasOwn(declared, k.key))
  if (undeclared.length > 0) {
    const addition = Object.fromEntries(undeclared.map((k) => [k.key, k.valueKind === 'unknown' ? {} : { type: k.valueKind }]))
    return {
      reason: 'undeclared-property',
      message: `${undeclared.map((k) => `"${k.key}"`).join(', ')} ${undeclared.length === 1 ? 'is' : 'are'} not declared on "${wire.name}".`,
      suggestion: `add to events["${wire.event.name}"].properties: ${JSON.stringify(addition)}`,
    }
  }

  if (wire.event.groups.length > 0) {
    const keys = wire.event.groups.map((type) => `${/^[A-Za-z_$][\w$]*$/.test(type) ? type : JSON.stringify(type)}: …`).join(', ')
    return {
      reason: 'event-groups',
      message: `"${wire.event.name}" belongs to the ${wire.event.groups.map((g) => `"${g}"`).join(', ')} group${wire.event.groups.length === 1 ? '' : 's'}: its emitter takes their keys, which this call does not pass.`,
      suggestion: `call ${emitter}(${client}, props, { ${keys} }) with each group's key`,
    }
  }

  let propsText = props ? reindented(props, call) : '{}'
  if (distinctId) {
    // the event's own distinct-id property (catalog `distinctId`), else the catalog's
    const property = wire.event.distinctId ?? catalog.privacy.distinctId?.property
    if (property === undefined || !Object.hasOwn(declared, property)) {
      return {
        reason: 'distinct-id-not-declared',
        message: `The call sends a distinct id, but "${wire.name}" declares no ${property !== undefined ? `"${property}" (privacy.distinctId.property)` : 'distinct-id property (privacy.distinctId.property is not set)'}; the emitter would drop it.`,
        suggestion: property !== undefined ? `declare "${property}" on "${wire.event.name}"` : 'set privacy.distinctId.property in the catalog',
      }
    }
    const id = distinctId.getText()
    if (!props) propsText = `{ ${property}: ${id} }`
    else if (Node.isObjectLiteralExpression(props)) {
      if (!hasKey(props, property)) propsText = withKey(props, propsText, `${property}: ${id}`)
    } else propsText = `{ ...${propsText}, ${property}: ${id} }`
  }
  return { text: `${emitter}(${client}, ${propsText})` }
}

/** The object literal's text with one more member, in the literal's own layout (one line, or one member a line). */
function withKey(object: ObjectLiteralExpression, text: string, member: string): string {
  if (object.getProperties().length === 0) return `{ ${member} }`
  if (!text.includes('\n')) return `${text.slice(0, -1).replace(/\s*,?\s*$/, '')}, ${member} }`
  const lines = text.split('\n')
  const closing = lines.length - 1
  let last = closing - 1
  while (last > 0 && lines[last]!.trim() === '') last--
  const indent = /^[ \t]*/.exec(lines[last]!)![0]
  const code = lines[last]!.replace(/\s*\/\/.*$/, '')
  if (!code.trimEnd().endsWith(',')) lines[last] = `${code.trimEnd()},${lines[last]!.slice(code.length)}`
  lines.splice(closing, 0, `${indent}${member},`)
  return lines.join('\n')
}

/** A node's text moved from where it stood to the call's indentation (an object form's `properties: {…}` sits deeper). */
function reindented(node: Node, call: CallExpression): string {
  const text = node.getText()
  if (!text.includes('\n')) return text
  const lineIndent = (n: Node) =>
    n
      .getSourceFile()
      .getFullText()
      .slice(0, n.getStart())
      .split('\n')
      .pop()!
      .match(/^[ \t]*/)![0]
  const from = lineIndent(node).length
  const to = lineIndent(call).length
  if (from <= to) return text
  const cut = from - to
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.startsWith(' '.repeat(cut)) ? line.slice(cut) : line))
    .join('\n')
}

function hasKey(object: ObjectLiteralExpression, key: string): boolean {
  return object
    .getProperties()
    .some((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getName().replace(/^['"]|['"]$/g, '') === key)
}

interface Applied {
  text: string
  /** Where the import changes start in the edited text, and how much longer they made it. */
  importsAt: number
  importShift: number
}

function applyEdits(
  project: () => Project,
  path: string,
  before: string,
  edits: Edit[],
  options: MigrateOptions,
  compilerOptions: ts.CompilerOptions,
): Applied {
  let text = before
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
  const emitters = new Map(edits.map((e) => [e.local, e.site.emitter]))
  let final = addNamedImports(
    project,
    path,
    text,
    (file) => relativeSpecifier(path, options.eventsModule, importSpecifiers(file), compilerOptions),
    [...emitters].sort(([a], [b]) => a.localeCompare(b)).map(([local, name]) => ({ name, local })),
  )
  if (options.clientImport) {
    const from = options.clientImport.from
    final = addNamedImports(
      project,
      path,
      final,
      (file) => (isFilePath(from) ? relativeSpecifier(path, from, importSpecifiers(file), compilerOptions) : from),
      [{ name: options.clientImport.name, local: options.clientImport.name }],
    )
  }
  let importsAt = 0
  while (importsAt < text.length && text[importsAt] === final[importsAt]) importsAt++
  return { text: final, importsAt, importShift: final.length - text.length }
}

/** The top-level import declarations of a file's text, read on a plain syntax tree (no ts-morph nodes to wrap). */
function importsOf(file: ts.SourceFile): ts.ImportDeclaration[] {
  return file.statements.filter(ts.isImportDeclaration)
}

function importSpecifiers(file: ts.SourceFile): string[] {
  return importsOf(file).flatMap((d) => (ts.isStringLiteral(d.moduleSpecifier) ? [d.moduleSpecifier.text] : []))
}

/**
 * The text with `names` imported from the specifier: nothing when each is bound by an import already; added to an
 * import of that specifier by ts-morph when there is one; else a new import line after the others, written by
 * hand (in the file's own quotes and semicolons) as a splice of the text.
 */
function addNamedImports(
  project: () => Project,
  path: string,
  text: string,
  specifierFor: (file: ts.SourceFile) => string,
  names: { name: string; local: string }[],
): string {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false)
  const specifier = specifierFor(file)
  const imports = importsOf(file)
  const existing = imports.find(
    (d) =>
      ts.isStringLiteral(d.moduleSpecifier) &&
      d.moduleSpecifier.text === specifier &&
      !d.importClause?.isTypeOnly &&
      !(d.importClause?.namedBindings !== undefined && ts.isNamespaceImport(d.importClause.namedBindings)),
  )
  const bound = new Set(
    imports.flatMap((d) => {
      const bindings = d.importClause?.namedBindings
      return bindings !== undefined && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.getText(file)) : []
    }),
  )
  const missing = names.filter((n) => !bound.has(n.local)).map((n) => (n.local === n.name ? n.name : { name: n.name, alias: n.local }))
  if (missing.length === 0) return text
  if (existing) {
    const sourceFile = project().createSourceFile(path, text, { overwrite: true })
    sourceFile
      .getImportDeclarations()
      .find((d) => d.getModuleSpecifierValue() === specifier && !d.isTypeOnly() && d.getNamespaceImport() === undefined)!
      .addNamedImports(missing)
    return sourceFile.getFullText()
  }
  const textOf = (node: ts.Node | undefined) => (node ? text.slice(node.getStart(file), node.end) : '')
  const first = file.statements[0]
  const sample = imports[0] ? textOf(imports[0]) : textOf(first)
  const quote = /from\s+"/.test(sample) || (imports.length === 0 && /"/.test(sample) && !/'/.test(sample)) ? '"' : "'"
  const semi = imports.length > 0 ? textOf(imports[0]).trimEnd().endsWith(';') : /;\s*$/m.test(textOf(first))
  const list = missing.map((m) => (typeof m === 'string' ? m : `${m.name} as ${m.alias}`)).join(', ')
  const line = `import { ${list} } from ${quote}${specifier}${quote}${semi ? ';' : ''}`
  if (imports.length > 0) {
    const at = imports[imports.length - 1]!.end
    return `${text.slice(0, at)}\n${line}${text.slice(at)}`
  }
  const at = first ? first.getStart(file) : 0
  return `${text.slice(0, at)}${line}\n\n${text.slice(at)}`
}

/**
 * The name to call the emitter by in this file: its own, unless the file declares something else by that name
 * (a local `orgCreated` wrapper), then `emitOrgCreated` (numbered if need be). An existing import of the emitter
 * from the events module is reused.
 */
function localName(sourceFile: SourceFile, identifier: string, eventsModule: string, resolveModule: ModuleResolver): string {
  const declared = new Set<string>()
  for (const d of sourceFile.getImportDeclarations()) {
    const fromEvents = resolveModule(d.getModuleSpecifierValue(), sourceFile.getFilePath()) === eventsModule.split(sep).join('/')
    for (const n of d.getNamedImports()) {
      const local = (n.getAliasNode() ?? n.getNameNode()).getText()
      if (fromEvents && n.getName() === identifier) return local
      declared.add(local)
    }
    const other = d.getDefaultImport() ?? d.getNamespaceImport()
    if (other) declared.add(other.getText())
  }
  const declaredInFile = declaredNames(sourceFile)
  if (!declared.has(identifier) && !declaredInFile.has(identifier)) return identifier
  for (const name of declaredInFile) declared.add(name)
  const base = `emit${identifier[0]!.toUpperCase()}${identifier.slice(1)}`
  let candidate = base
  for (let i = 2; declared.has(candidate); i++) candidate = `${base}${i}`
  return candidate
}

/** The file a module specifier resolves to from a file, as the program would resolve it (undefined when none). */
type ModuleResolver = (specifier: string, from: string) => string | undefined

/**
 * Module resolution without a program: asking ts-morph for an import's source file builds the program, and the
 * plan adds a file to the project for every site, so each site would build it again.
 */
function moduleResolver(compilerOptions: ts.CompilerOptions): ModuleResolver {
  const cache = ts.createModuleResolutionCache(
    ts.sys.getCurrentDirectory(),
    (name) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase()),
    compilerOptions,
  )
  const host: ts.ModuleResolutionHost = ts.sys
  return (specifier, from) => {
    // An import declaration resolves in its file's module format (node16/nodenext tell ESM from CommonJS files).
    const mode = ts.getImpliedNodeFormatForFile(from as ts.Path, cache.getPackageJsonInfoCache(), host, compilerOptions)
    return ts.resolveModuleName(specifier, from, compilerOptions, host, cache, undefined, mode).resolvedModule?.resolvedFileName
  }
}

const declaredNamesOf = new WeakMap<ts.SourceFile, Set<string>>()

/** The names the file's variables, functions, classes, parameters and enums declare (read on the syntax tree once a file). */
function declaredNames(sourceFile: SourceFile): Set<string> {
  const file = sourceFile.compilerNode
  let names = declaredNamesOf.get(file)
  if (names) return names
  const found = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isBindingElement(node) ||
        ts.isEnumDeclaration(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name)
    )
      found.add(node.name.getText(file))
    ts.forEachChild(node, visit)
  }
  visit(file)
  names = found
  declaredNamesOf.set(file, names)
  return names
}

/**
 * How `from` imports `target`: a `paths` alias when the tsconfig maps one onto it, else a relative path; with the
 * `.js` ending that node16/nodenext resolution needs, or that the file's own relative imports already use.
 */
export function moduleSpecifier(from: string, target: string, sourceFile: SourceFile, compilerOptions: ts.CompilerOptions): string {
  return relativeSpecifier(
    from,
    target,
    sourceFile.getImportDeclarations().map((d) => d.getModuleSpecifierValue()),
    compilerOptions,
  )
}

/** `moduleSpecifier`, given the specifiers of the file's imports. */
function relativeSpecifier(from: string, target: string, specifiers: readonly string[], compilerOptions: ts.CompilerOptions): string {
  const withoutExt = target.replace(/\.(d\.)?[cm]?[tj]sx?$/, '')
  const resolution = compilerOptions.moduleResolution
  const needsJs =
    resolution === ts.ModuleResolutionKind.Node16 ||
    resolution === ts.ModuleResolutionKind.NodeNext ||
    specifiers.some((specifier) => /^\.\.?\//.test(specifier) && /\.[cm]?js$/.test(specifier))
  const alias = pathsAlias(withoutExt, compilerOptions)
  if (alias !== undefined) return alias
  let specifier = relative(dirname(from), withoutExt).split(sep).join('/')
  if (!specifier.startsWith('.')) specifier = `./${specifier}`
  return needsJs ? `${specifier}${extname(target).startsWith('.m') ? '.mjs' : '.js'}` : specifier
}

function pathsAlias(target: string, options: ts.CompilerOptions): string | undefined {
  const paths = options.paths
  if (!paths) return undefined
  const base = (options.pathsBasePath as string | undefined) ?? options.baseUrl
  if (base === undefined) return undefined
  for (const [pattern, replacements] of Object.entries(paths)) {
    for (const replacement of replacements) {
      const star = replacement.indexOf('*')
      const prefix = resolve(base, star === -1 ? replacement : replacement.slice(0, star))
      if (star === -1) {
        if (resolve(base, replacement).replace(/\.(d\.)?[cm]?[tj]sx?$/, '') === target && !pattern.includes('*')) return pattern
        continue
      }
      if (!target.startsWith(prefix.endsWith(sep) ? prefix : `${prefix}${sep}`) && target !== prefix) continue
      const rest = target.slice(prefix.length).split(sep).join('/').replace(/^\/+/, '')
      if (pattern.includes('*')) return pattern.replace('*', rest)
    }
  }
  return undefined
}

/** Where an edit's call starts in the new text: its emitter call when the edit is kept, else the call left as it was. */
function shiftedStart(edit: Edit, kept: Edit[], applied: Applied): number {
  let start = edit.start
  for (const other of kept) if (other.end <= edit.start) start += other.text.length - (other.end - other.start)
  return start >= applied.importsAt ? start + applied.importShift : start
}

/** The call is a statement of its own (awaited, voided or in parentheses at most): nothing reads its value. */
function isDiscarded(call: CallExpression): boolean {
  let node: Node = call
  let parent = node.getParent()
  while (parent && (Node.isAwaitExpression(parent) || Node.isVoidExpression(parent) || Node.isParenthesizedExpression(parent))) {
    node = parent
    parent = node.getParent()
  }
  return parent !== undefined && Node.isExpressionStatement(parent)
}

/** Where each edit stands in the new text: shifted by the edits before it, and by the imports when they come first. */
function editRanges(edits: Edit[], applied: Applied): { start: number; end: number; edit: Edit }[] {
  const ranges: { start: number; end: number; edit: Edit }[] = []
  let delta = 0
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const start = edit.start + delta
    const shift = start >= applied.importsAt ? applied.importShift : 0
    ranges.push({ start: start + shift, end: start + shift + edit.text.length, edit })
    delta += edit.text.length - (edit.end - edit.start)
  }
  return ranges
}

/** Removes the bindings that the type checker reports unused, when each is a plain `const x = f()` or one name of `const { x } = f()`. */
function removeUnusedBindings(project: Project, path: string, text: string, errors: readonly IntroducedError[]): string {
  const sourceFile = project.createSourceFile(path, text, { overwrite: true })
  for (const error of [...errors].sort((a, b) => b.start - a.start)) {
    const node = sourceFile.getDescendantAtPos(error.start)
    if (!node) continue
    // TypeScript reports `const { capture } = f()` with every element unused at the pattern's brace.
    const whole = node.getKind() === SyntaxKind.OpenBraceToken && Node.isObjectBindingPattern(node.getParent())
    if (!whole && !Node.isIdentifier(node)) continue
    const parent = whole ? node.getParentOrThrow().getParent() : node.getParent()
    const declaration = Node.isBindingElement(parent)
      ? parent.getFirstAncestorByKind(SyntaxKind.VariableDeclaration)
      : Node.isVariableDeclaration(parent) && (whole || parent.getNameNode() === node)
        ? parent
        : undefined
    if (!declaration || !Node.isCallExpression(declaration.getInitializer())) continue
    const statement = declaration.getVariableStatement()
    if (!statement || statement.getDeclarations().length !== 1) continue
    if (Node.isBindingElement(parent)) {
      const pattern = parent.getParentIfKind(SyntaxKind.ObjectBindingPattern)
      if (!pattern || pattern.getElements().length > 1 || parent.getDotDotDotToken()) continue
    }
    statement.remove()
  }
  return sourceFile.getFullText()
}

function findCall(sourceFile: SourceFile, site: AuditCallSite): CallExpression | undefined {
  const pos = sourceFile.compilerNode.getPositionOfLineAndCharacter(site.line - 1, site.column - 1)
  // The innermost call that starts there or whose callee does: up from the token at the position, so that only
  // its ancestors are wrapped as ts-morph nodes.
  for (let node: Node | undefined = sourceFile.getDescendantAtPos(pos); node !== undefined; node = node.getParent()) {
    if (Node.isCallExpression(node) && (node.getStart() === pos || node.getExpression().getStart() === pos)) return node
  }
  return undefined
}

function findingsAt(findings: readonly Finding[], site: AuditCallSite): Finding[] {
  const names = new Set([site.eventNames, site.properties?.keys ?? [], site.distinctId ? [site.distinctId] : []].flat().map((r) => `${r.line}:${r.column}`))
  names.add(`${site.line}:${site.column}`)
  return findings.filter((f) => f.file === site.file && names.has(`${f.line}:${f.column}`))
}

function isCommonJs(path: string, project: Project): boolean {
  if (path.endsWith('.cjs') || path.endsWith('.cts')) return true
  if (!/\.jsx?$/.test(path)) return false
  const sourceFile = project.getSourceFile(path) ?? project.addSourceFileAtPath(path)
  return (
    sourceFile.getImportDeclarations().length === 0 &&
    sourceFile.getDescendantsOfKind(SyntaxKind.CallExpression).some((c) => c.getExpression().getText() === 'require')
  )
}

function isFilePath(specifier: string): boolean {
  return specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier)
}

function short(text: string): string {
  const one = text.replace(/\s+/g, ' ')
  return one.length > 40 ? `${one.slice(0, 39)}…` : one
}

function compareSites(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column
}
