/**
 * The TypeScript front-end of the one checker: the capture calls of a parsed file → neutral `CallSite`s, built
 * by core's `Extractor` over the TypeScript adapter (`constant-syntax.ts`), as the ESLint plugin builds them over
 * its ESTree adapter, so that both give the checker the same input on the same code. Whether a call is a
 * capture is core's `findMatcher` over a syntax-only `CallShape`.
 *
 * Beyond the plugin, and only where it would stop: constants imported from other files (syntax, through
 * `ModuleIndex`), and what only types settle — a name typed as a union, a capture function passed on as a
 * parameter or prop typed in another file, a value whose type is boolean or number. The syntax pass flags
 * a file with such a question (`needsTypes`); the typed pass answers it through a `SemanticResolver`.
 *
 * Also beyond the plugin: calls of Herald's generated emitters (`generated-emitters.ts`), inventoried as call
 * sites of their events but never checked — their types already hold them to the catalog.
 */
import type { CallSiteKind, CatalogEvent, ExtractOptions as CallSiteOptions, FunctionUse, Matcher, PropertyValueKind } from '@herald/core'
import {
  constantObjectCallees,
  declaredAtFrom,
  declaredInCallees,
  findMatcher,
  renamedCalleeCandidates,
  type WrapperPropertiesOf,
  wrapperPropertiesOf,
} from '@herald/core'
import { ts } from './typescript.js'
import { type TsExtractor, type TsOrigins, tsExtractor, tsOrigins } from './constant-syntax.js'
import type { GeneratedEmitters } from './generated-emitters.js'
import type { ModuleIndex } from './module-index.js'
import type { AuditCallSite } from './report.js'
import { surfaceOf } from './surface.js'
import { calledName, findProperty, isMember, memberName, memberValueNode, positionOf, unwrapTypes } from './syntax.js'
import { findBinding } from './syntax-scope.js'

/** What the type checker can tell about an expression; `semantic-resolver.ts` implements it with a program's checker. */
export interface SemanticResolver {
  /** The strings an expression can hold by its type (a literal, or a union or template literal of literals). */
  stringValues(expression: ts.Expression): string[] | undefined
  /** The kind of value an expression's type allows, or `unknown`. */
  valueKind(expression: ts.Expression): PropertyValueKind
  /** The hook (a matcher's `from`) whose return value one of `expressions` is: a capture function passed on. */
  hookOrigin(expressions: readonly ts.Expression[], hooks: readonly string[]): string | undefined
  /** The calls and JSX elements of the other typed files that call or render the function `fn`. */
  usesOf?(fn: ts.Node): readonly FunctionUse<ts.Node>[]
}

export interface ExtractOptions {
  /** The file as reports name it (relative, `/`-separated). */
  file: string
  matchers: readonly Matcher[]
  resolver?: SemanticResolver
  /** Follows imported constants to the files that export them, without types. */
  modules?: ModuleIndex
  /** Record the literal string values of properties (for `init --from-code`). */
  collectValues?: boolean
  /** The catalog's generated emitters, whose calls are call sites of their events (only with a catalog). */
  emitters?: GeneratedEmitters
  /** Each matcher that matched a call is added here, for the report of matchers that matched nothing. */
  used?: Set<Matcher>
  /** The folder matchers' `declaredIn` paths are relative to (the settings file's); default: the process's cwd. */
  settingsDir?: string
}

export interface ExtractedFile {
  sites: AuditCallSite[]
  /** Whether types could settle something syntax left open: a dynamic name or a capture function passed on. */
  needsTypes: boolean
}

export function extractCallSites(sourceFile: ts.SourceFile, options: ExtractOptions): ExtractedFile {
  const { matchers, resolver } = options
  const callees = new Set(matchers.map((m) => m.callee))
  const constantCallees = constantObjectCallees(matchers)
  const passHooks = new Set(matchers.flatMap((m) => (m.from !== undefined ? [m.from] : [])))
  const passModules = new Set(matchers.flatMap((m) => (m.module !== undefined ? [m.module] : [])))
  const declaredCallees = declaredInCallees(matchers)
  const hooksByCallee = new Map<string, string[]>()
  for (const m of matchers) {
    if (m.from === undefined) continue
    const list = hooksByCallee.get(m.callee) ?? []
    if (!list.includes(m.from)) list.push(m.from)
    hooksByCallee.set(m.callee, list)
  }
  const extractor = tsExtractor(options.modules, resolver?.usesOf && ((fn) => resolver.usesOf!(fn)))
  let originsOfFile: TsOrigins | undefined
  const newOrigins = (): TsOrigins => {
    const made = tsOrigins(extractor)
    made.forwardingMatchers = matchers
    if (declaredCallees.size > 0)
      made.declaredAt = declaredAtFrom(
        sourceFile.fileName,
        options.settingsDir ?? process.cwd(),
        options.modules && ((specifier, from) => options.modules!.resolve(specifier, from)),
      )
    return made
  }
  let wrappers: WrapperPropertiesOf<ts.Node> | undefined
  let needsTypes = false
  const openQuestion = () => {
    needsTypes = true
  }
  const tools: CallSiteOptions<ts.Node> = {
    imports: true,
    forwarded: (node) => ts.isExpression(node) && (originsOfFile ??= newOrigins()).isForwardedName(node, matchers),
    wrapperProperties: (call, matcher) =>
      (wrappers ??= wrapperPropertiesOf(
        (originsOfFile ??= newOrigins()),
        extractor,
        matchers,
        options.modules && ((module, imported) => options.modules!.exportedFunction(module, sourceFile.fileName, imported)),
      ))(call, matcher),
    onOpenQuestion: openQuestion,
    ...(resolver ? { typedStrings: (node: ts.Node) => (ts.isExpression(node) ? resolver.stringValues(node) : undefined) } : {}),
    ...(resolver ? { typedKind: (value: ts.Node) => (ts.isExpression(value) ? resolver.valueKind(value) : 'unknown') } : {}),
    ...(options.collectValues ? { literalValues: (value: ts.Node) => (ts.isExpression(value) ? literalValues(value, resolver) : undefined) } : {}),
  }
  const sites: AuditCallSite[] = []
  const emitters = options.emitters
  const emitterImports = emitters && emitterImportsOf(sourceFile, emitters)

  // One walk over the file: it links every node to its parent (the parser is asked not to, see `linkParents`)
  // and gathers the calls that may be captures or emitter calls; they are looked at once the whole file is
  // linked, since answering one climbs scopes and visits other parts of the file.
  const candidates: ts.CallExpression[] = []
  // names that may hold a callee's function under another name: `send` in `const { capture: send } = …`
  const renamed = renamedCalleeCandidates(sourceFile.text, callees)
  linkParents(sourceFile, (call) => {
    if (emitterImports !== undefined) candidates.push(call)
    else {
      const name = calledName(call.expression)
      if (name !== undefined && (callees.has(name) || renamed.has(name))) candidates.push(call)
    }
  })
  for (const node of candidates) {
    const emitter = emitters && emitterImports ? emitterCalled(node, emitterImports, emitters) : undefined
    let name = calledName(node.expression)
    if (name !== undefined && !callees.has(name) && renamed.has(name)) {
      name = (originsOfFile ??= newOrigins()).renamedCallee(node, callees)
    }
    if (emitter) sites.push(buildEmitterSite(node, emitter, options.file, emitters?.distinctIdProperty, extractor, tools))
    else if (name !== undefined && callees.has(name)) {
      const { shape, passedOn } = (originsOfFile ??= newOrigins()).describe(node, name, constantCallees.has(name), declaredCallees.has(name))
      let matcher = findMatcher(matchers, shape)
      // Not a capture by syntax, but maybe a hook's capture function passed on as a parameter or prop.
      const hooks = hooksByCallee.get(name)
      if (!matcher && passedOn && shape.from === undefined && hooks) {
        if (resolver) {
          const origin = resolver.hookOrigin(passedOn as ts.Expression[], hooks)
          if (origin !== undefined) matcher = findMatcher(matchers, { ...shape, from: origin })
        } else openQuestion()
      }
      if (matcher) {
        options.used?.add(matcher)
        const { site } = extractor.callSite(node, matcher, options.file, tools)
        const surface = surfaceOf(node)
        sites.push(surface === undefined ? site : { ...site, surface })
      }
    }
  }
  // A capture function or client handed to a function or component that may be declared in another file: the
  // typed pass follows it there (the callee's calls of its parameter are captures), so this file is typed too.
  if (!resolver && !needsTypes && (passHooks.size > 0 || passModules.size > 0) && [...passHooks, ...passModules].some((w) => sourceFile.text.includes(w))) {
    const origins = (originsOfFile ??= newOrigins())
    const carries = (value: ts.Node | undefined): boolean => {
      if (value === undefined) return false
      const node = unwrapTypes(value as ts.Expression)
      if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return origins.carriesCapture(node, passHooks, passModules)
      if (!ts.isObjectLiteralExpression(node)) return false
      return node.properties.some((p) => (ts.isShorthandPropertyAssignment(p) ? carries(p.name) : ts.isPropertyAssignment(p) ? carries(p.initializer) : false))
    }
    const visit = (node: ts.Node): boolean => {
      if (ts.isCallExpression(node) && node.arguments.some((a) => carries(a))) return true
      if (ts.isJsxAttribute(node) && node.initializer && ts.isJsxExpression(node.initializer) && carries(node.initializer.expression)) return true
      return ts.forEachChild(node, visit) ?? false
    }
    if (visit(sourceFile)) needsTypes = true
  }
  return { sites, needsTypes }
}

/**
 * Sets `parent` on every node under `sourceFile` (what `createSourceFile(…, setParentNodes: true)` does, in a
 * walk of its own) and hands each call expression to `onCall`, in source order. Parsing without parent links
 * and linking here costs one walk over the tree instead of two. Nodes of a program's files (the typed pass)
 * are linked already; linking them again changes nothing.
 */
export function linkParents(sourceFile: ts.SourceFile, onCall: (call: ts.CallExpression) => void): void {
  let parent: ts.Node = sourceFile
  const visit = (node: ts.Node): undefined => {
    ;(node as { parent: ts.Node }).parent = parent
    if (node.kind === ts.SyntaxKind.CallExpression) onCall(node as ts.CallExpression)
    const saved = parent
    parent = node
    ts.forEachChild(node, visit)
    parent = saved
    return undefined
  }
  ts.forEachChild(sourceFile, visit)
}

/** The top-level imports of a file that can bind an emitter: named imports of catalog identifiers, and namespaces. */
interface EmitterImports {
  /** Local name → the module and the name imported from it (`import { authLogin as login }`: login → authLogin). */
  named: Map<string, { specifier: string; importedName: string }>
  /** Local name of a namespace import → its module (`import * as events from './events.js'`). */
  namespaces: Map<string, string>
}

function emitterImportsOf(sourceFile: ts.SourceFile, emitters: GeneratedEmitters): EmitterImports | undefined {
  const named = new Map<string, { specifier: string; importedName: string }>()
  const namespaces = new Map<string, string>()
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    const clause = statement.importClause
    const bindings = clause?.namedBindings
    if (!clause || clause.isTypeOnly || !bindings) continue
    const specifier = statement.moduleSpecifier.text
    if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, specifier)
    else {
      for (const element of bindings.elements) {
        const importedName = (element.propertyName ?? element.name).text
        if (!element.isTypeOnly && emitters.has(importedName)) named.set(element.name.text, { specifier, importedName })
      }
    }
  }
  return named.size > 0 || namespaces.size > 0 ? { named, namespaces } : undefined
}

interface EmitterCall {
  /** The event, or for the generated identify, group and alias the people call's kind. */
  event: CatalogEvent | CallSiteKind
  /** Where the call names the emitter: `authLogin`, `login`, or the member of `events.authLogin`. */
  nameNode: ts.Node
}

function emitterCalled(call: ts.CallExpression, imports: EmitterImports, emitters: GeneratedEmitters): EmitterCall | undefined {
  const callee = unwrapTypes(call.expression)
  const fromFile = call.getSourceFile().fileName
  // A local of the same name (a parameter, a variable) shadows the import: only the import's own binding counts.
  const isImport = (id: ts.Identifier) => findBinding(id.text, id)?.kind === 'import'
  if (ts.isIdentifier(callee)) {
    const imported = imports.named.get(callee.text)
    if (!imported || !isImport(callee)) return undefined
    const event =
      emitters.eventOf(imported.importedName, imported.specifier, fromFile) ?? emitters.peopleOf(imported.importedName, imported.specifier, fromFile)
    return event && { event, nameNode: callee }
  }
  if (!isMember(callee)) return undefined
  const object = unwrapTypes(callee.expression)
  const name = memberName(callee)
  // `React.useState()` under `import * as React`: the member is no emitter's name, so no scope walk.
  if (name === undefined || !emitters.has(name) || !ts.isIdentifier(object)) return undefined
  const specifier = imports.namespaces.get(object.text)
  if (specifier === undefined || !isImport(object)) return undefined
  const event = emitters.eventOf(name, specifier, fromFile) ?? emitters.peopleOf(name, specifier, fromFile)
  return event && { event, nameNode: ts.isPropertyAccessExpression(callee) ? callee.name : callee.argumentExpression }
}

/** What the generated identify, group and alias send: PostHog's own records. */
const PEOPLE_RECORDS: Record<CallSiteKind, string> = { identify: '$identify', group: '$groupidentify', alias: '$create_alias' }

/**
 * A call of the generated `identify(t, id, { set, setOnce })`, `group(t, type, key, props)` or
 * `alias(t, id, aliasId)`: a people call (its `kind`), counted in `coverage.people` like a raw one, never checked
 * (the generated types enforce the catalog). Its `emitter` is the PostHog record it sends.
 */
function buildPeopleEmitterSite(
  call: ts.CallExpression,
  kind: CallSiteKind,
  file: string,
  extractor: TsExtractor,
  tools: CallSiteOptions<ts.Node>,
): AuditCallSite {
  const site: AuditCallSite = { file, ...positionOf(call), callee: call.expression.getText(), kind, emitter: PEOPLE_RECORDS[kind], eventNames: [] }
  const [, first, second, third] = call.arguments
  const expression = (node: ts.Expression | undefined) => (node !== undefined && !ts.isSpreadElement(node) ? node : undefined)
  if (kind === 'group') {
    const type = expression(first)
    const literal = type !== undefined ? unwrapTypes(type) : undefined
    site.groupTypes =
      type === undefined ? [] : [{ text: type.getText(), ...positionOf(type), ...(literal && ts.isStringLiteralLike(literal) ? { value: literal.text } : {}) }]
    const props = expression(third)
    if (props) site.properties = extractor.properties(props, tools).ref
  } else {
    const id = expression(first)
    if (id) site.distinctId = extractor.distinctId(id)
    if (kind === 'identify') {
      const traits = expression(second)
      const object = traits !== undefined ? unwrapTypes(traits) : undefined
      if (object && ts.isObjectLiteralExpression(object)) {
        const set = valueOf(findProperty(object, 'set'))
        const setOnce = valueOf(findProperty(object, 'setOnce'))
        if (set && ts.isExpression(set)) site.properties = extractor.properties(set, tools).ref
        if (setOnce && ts.isExpression(setOnce)) site.setOnce = extractor.properties(setOnce, tools).ref
      }
    } else {
      const other = expression(second)
      if (other) site.alias = extractor.distinctId(other)
    }
  }
  const surface = surfaceOf(call)
  if (surface !== undefined) site.surface = surface
  return site
}

/**
 * An emitter call as a call site: its event's wire events (one for a signal, `.start`, `.stop` and
 * `.exception` for a span), named where the call names the emitter; the properties of its props argument;
 * the distinct id, which the emitter takes from the props' distinct-id property.
 */
function buildEmitterSite(
  call: ts.CallExpression,
  { event, nameNode }: EmitterCall,
  file: string,
  distinctIdProperty: string | undefined,
  extractor: TsExtractor,
  tools: CallSiteOptions<ts.Node>,
): AuditCallSite {
  if (typeof event === 'string') return buildPeopleEmitterSite(call, event, file, extractor, tools)
  const named = { text: nameNode.getText(), ...positionOf(nameNode) }
  const site: AuditCallSite = {
    file,
    ...positionOf(call),
    callee: call.expression.getText(),
    emitter: event.name,
    eventNames: event.wireEvents.map((wire) => ({ value: wire.name, ...named })),
  }
  const props = call.arguments[1]
  if (props && !ts.isSpreadElement(props)) {
    site.properties = extractor.properties(props, tools).ref
    const object = unwrapTypes(props)
    // An event may name its own distinct-id property (an agent identity's handle).
    const idProperty = event.distinctId ?? distinctIdProperty
    const id =
      idProperty !== undefined && event.properties[idProperty] && ts.isObjectLiteralExpression(object) ? valueOf(findProperty(object, idProperty)) : undefined
    if (id && ts.isExpression(id)) site.distinctId = extractor.distinctId(id)
  }
  const surface = surfaceOf(call)
  if (surface !== undefined) site.surface = surface
  return site
}

function valueOf(member: ts.ObjectLiteralElementLike | undefined): ts.Node | undefined {
  return member && memberValueNode(member)
}

function literalValues(value: ts.Expression, resolver: SemanticResolver | undefined): string[] | undefined {
  const node = unwrapTypes(value)
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  return resolver?.stringValues(node)
}

export type { InventoryKeyRef } from './inventory-key.js'
