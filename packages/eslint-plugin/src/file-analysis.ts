/**
 * One analysis per linted file, shared by all the rules. The first rule created for a file is its driver: it
 * alone registers listeners, walks the capture calls (one `CallExpression` listener that checks the called name;
 * ESLint's attribute selectors measured slower), runs the checker once per call, and reports each finding through the context of the rule it belongs to. The other rules
 * only hand over their context. A file without a capture word gets no `CallExpression` listener, and when the
 * setup is known to be sound (valid settings, a catalog that loads) no listener at all. Only when a setup problem
 * is possible does the driver also listen for `Program:exit`, where it decides (knowing every rule created) which
 * rule reports the problem, and reports the findings after it.
 */
import { existsSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import type { Rule, SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import {
  type CallSite,
  type Catalog,
  CATALOG_RULES,
  checkCallSite,
  declaredAtFrom,
  isPathSpecifier,
  constantObjectCallees,
  declaredInCallees,
  RULE_BY_ID,
  type Diagnostic,
  discoverHeraldConfigSettingsSync,
  type Finding,
  findMatcher,
  formatDiagnostic,
  loadCatalogCached,
  type Matcher,
  mayContainCapture,
  prefilterWordSets,
  renamedCalleeCandidates,
  resolveMatchers,
  type RuleId,
  settingsProblems,
  visibleData,
  type ExtractOptions,
  unresolvedImportMessage,
  wrapperPropertiesOf,
} from '@herald/core'
import { type EstreeExtractor, type EstreeOrigins, estreeExtraction, importedName } from './constant-syntax.js'
import { ModuleResolution } from './module-resolution.js'
import { findVariable, soleDefinition } from './scope.js'
import { calledName, type Node, unwrapTypes } from './syntax.js'

/**
 * The rule that reports a name imported from a module that cannot be found, at the import (as `herald audit`
 * reports it as `unresolved-import`): the rule about names Herald cannot resolve.
 */
const UNRESOLVED_IMPORT_RULE: RuleId = 'no-dynamic-event-name'

type BuiltCallSite = ReturnType<EstreeExtractor['callSite']>

interface CallSiteTools {
  extractor: EstreeExtractor
  origins: EstreeOrigins
  /** The extractor's options: whether a name is a parameter a matched wrapper passes on, what a wrapper adds to its properties. */
  options: ExtractOptions<Node>
}

/** The catalog `herald check` reads when none is named. */
export const DEFAULT_CATALOG = 'schema/events.catalog.json'

interface ResolvedSettings {
  /** The folder the herald.config.* was looked up from. */
  cwd: string
  /** The last catalog lookup for these settings, reused for `CATALOG_RECHECK_MS` in the same working directory. */
  recentCatalog?: { cwd: string; at: number; state: CatalogState }
  problems: string[]
  matchers: Matcher[]
  calleeNames: ReadonlySet<string>
  /** Callees of matchers that read a constant object argument (object forms, `namePath`). */
  constantCallees: ReadonlySet<string>
  /** Callees of matchers with `declaredIn`, and the folder its paths are relative to (the herald.config's, else cwd). */
  declaredCallees: ReadonlySet<string>
  settingsDir: string
  /** How imports resolve (for `declaredIn`, and whether an imported name's module exists), set up on first use. */
  modules?: ModuleResolution
  /** The ESTree extraction, made for the first file with a capture call and pointed at each such file after it. */
  extraction?: ReturnType<typeof estreeExtraction>
  words: string[]
  /** Callees only people matchers use, looked for as callees (`group` is an ordinary word of code). */
  calleeOnly: string[]
  catalogPath: string
  catalogConfigured: boolean
}

/** A problem with the setup (settings, catalog), reported once per file at line 1. */
export interface SetupProblem {
  messageId: 'invalidSettings' | 'catalogUnavailable'
  data: Record<string, string>
}

const resolvedSettings = new WeakMap<object, ResolvedSettings>()
/** By content, for hosts that hand each file a fresh settings object (`Linter#verify` with a config array). */
const resolvedByText = new Map<string, ResolvedSettings>()

/** The settings object of the last file and what it resolved to: one config usually serves every file. */
let lastSettings: object | undefined
let lastResolved: ResolvedSettings | undefined

function resolveSettings(settings: Record<string, unknown>, cwd: string): ResolvedSettings {
  if (settings === lastSettings && lastResolved!.cwd === cwd) return lastResolved!
  let resolved = resolvedSettings.get(settings)
  if (resolved?.cwd === cwd) return remember(settings, resolved)
  // what settings.herald leaves out (catalog, presets, matchers) comes from the nearest herald.config.*
  const own = settings.herald as Record<string, unknown> | undefined
  const fromConfig = own?.catalog !== undefined && (own.presets !== undefined || own.matchers !== undefined) ? {} : discoverHeraldConfigSettingsSync(cwd)
  const text = `${cwd}\0${JSON.stringify(own) ?? ''}`
  resolved = resolvedByText.get(text)
  if (!resolved) {
    const herald = (fromConfig.settings ? { ...fromConfig.settings, ...own } : own) as { catalog?: string; presets?: never; matchers?: Matcher[] } | undefined
    const problems = fromConfig.problem !== undefined ? [fromConfig.problem] : settingsProblems(herald)
    const matchers = problems.length === 0 ? resolveMatchers(herald ?? {}) : []
    resolved = {
      cwd,
      problems,
      matchers,
      calleeNames: new Set(matchers.map((m) => m.callee)),
      constantCallees: constantObjectCallees(matchers),
      declaredCallees: declaredInCallees(matchers),
      settingsDir: own?.matchers === undefined && fromConfig.file !== undefined ? dirname(fromConfig.file) : cwd,
      ...prefilterWordSets(matchers),
      catalogPath: problems.length === 0 && herald?.catalog ? herald.catalog : DEFAULT_CATALOG,
      catalogConfigured: problems.length === 0 && herald?.catalog !== undefined,
    }
    if (resolvedByText.size > 100) resolvedByText.clear()
    resolvedByText.set(text, resolved)
  }
  resolvedSettings.set(settings, resolved)
  return remember(settings, resolved)
}

function remember(settings: object, resolved: ResolvedSettings): ResolvedSettings {
  lastSettings = settings
  lastResolved = resolved
  return resolved
}

/**
 * How long a catalog lookup is reused before its file is checked again (`loadCatalogCached` compares the mtime).
 * Linting thousands of files needs no `stat` per file; an editor sees a saved catalog within a second.
 */
export const CATALOG_RECHECK_MS = 1000

interface CatalogState {
  catalog?: Catalog
  problem?: string
}

/**
 * A catalog lookup for these settings in `cwd`: the last one, when it is younger than `CATALOG_RECHECK_MS`,
 * else a new one (`loadCatalogCached` then compares the file's mtime and size).
 */
function lookUpCatalog(config: ResolvedSettings, cwd: string): CatalogState {
  // `Date.now()` is the cheapest clock; a clock set back counts as a lookup too old to reuse
  const now = Date.now()
  const recent = config.recentCatalog
  if (recent && recent.cwd === cwd && now >= recent.at && now - recent.at < CATALOG_RECHECK_MS) return recent.state
  const { catalogPath, catalogConfigured } = config
  const hint = catalogConfigured ? '' : ` Set settings.herald.catalog to the path of your events catalog (default: ${DEFAULT_CATALOG}).`
  let state: CatalogState
  try {
    const result = loadCatalogCached(catalogPath, cwd)
    state = result.ok ? { catalog: result.catalog } : { problem: describeDiagnostics(result.diagnostics, catalogPath, cwd) + hint }
  } catch (error) {
    state = { problem: `${catalogPath}: ${error instanceof Error ? error.message : String(error)}${hint}` }
  }
  config.recentCatalog = { cwd, at: now, state }
  return state
}

function describeDiagnostics(diagnostics: readonly Diagnostic[], path: string, cwd: string): string {
  const errors = diagnostics.filter((d) => d.severity === 'error')
  const first = errors[0] ?? diagnostics[0]
  if (!first) return `${path}: the catalog could not be loaded.`
  const shown = formatDiagnostic({ ...first, file: relative(cwd, first.file) || first.file })
  return errors.length > 1 ? `${shown} (and ${errors.length - 1} more)` : shown
}

/**
 * The file being linted. ESLint lints one file at a time and creates all its rules, in one go, before it
 * traverses, so the rules of one file arrive together and one slot is enough. It is kept in plain variables
 * because it is set for every file: most files hold no capture call, and for them nothing is allocated.
 */
let fileSourceCode: SourceCode | undefined
/** The rules created for the file so far, one bit each (see `ruleBit`). */
let fileRules = 0
/** The file's analysis; undefined when the file needs none (no capture word, and a sound setup). */
let fileAnalysis: FileAnalysis | undefined

const ruleBits = new Map<RuleId, number>()

/** One bit per rule id, for the set of rules created for a file. */
export function ruleBit(ruleId: RuleId): number {
  let bit = ruleBits.get(ruleId)
  if (bit === undefined) ruleBits.set(ruleId, (bit = 1 << ruleBits.size))
  return bit
}

/**
 * The listeners of rule `ruleId` (whose bit is `bit`) for the file `context` lints. The first rule created for
 * a file is its driver: it decides whether the file needs an analysis and registers the listeners for every
 * rule. A rule created a second time for the same `SourceCode` means a new lint run (the same text verified
 * again), so that rule is the driver of the new run.
 */
export function listenersFor(context: Rule.RuleContext, ruleId: RuleId, bit: number): Rule.RuleListener {
  // A rule context's properties are slow to read (each file's contexts are new objects on a new prototype; a read
  // measured about half a microsecond), and seven rules are created per file: the six that are not the driver read
  // one property. A file's rules share its `SourceCode`; settings and cwd come with it, and a rule created a
  // second time for it (its bit already set) starts a new run, which reads them again.
  const sourceCode = context.sourceCode
  if (sourceCode === fileSourceCode && (fileRules & bit) === 0) {
    fileRules |= bit
    if (fileAnalysis !== undefined) fileAnalysis.add(ruleId, context)
    return NO_LISTENERS
  }
  const settings = context.settings
  const cwd = context.cwd
  fileSourceCode = sourceCode
  fileRules = bit
  fileAnalysis = undefined
  const config = resolveSettings(settings, cwd)
  const mayHoldCaptures = config.problems.length === 0 && mayContainCapture(sourceCode.text, config.words, config.calleeOnly)
  // Whether no setup problem can be reported, known before traversal: valid settings, and a catalog that loads.
  // Otherwise whether a catalog that does not load matters depends on the rules created after the driver (a
  // rule that needs it, or settings that name it), which `Program:exit` knows.
  const catalog = config.problems.length === 0 ? lookUpCatalog(config, cwd) : undefined
  const setupSound = catalog !== undefined && catalog.problem === undefined
  if (setupSound && !mayHoldCaptures) return NO_LISTENERS
  fileAnalysis = new FileAnalysis(sourceCode, cwd, config, ruleId, context, catalog)
  const listeners: Rule.RuleListener = {}
  if (!setupSound) {
    const analysis = fileAnalysis
    analysis.deferred = []
    listeners['Program:exit'] = () => analysis.reportAll()
  }
  if (mayHoldCaptures) {
    // a file that may call a callee under another name: `visitCall` matches those names too
    const renamed = renamedCalleeCandidates(sourceCode.text, config.calleeNames)
    if (renamed.size > 0) fileAnalysis.renamed = renamed
    // one plain listener: ESLint matching attribute selectors on every call costs more than `visitCall`'s name check
    listeners.CallExpression = fileAnalysis.visitCall
  }
  return listeners
}

/** What a rule returns when it listens for nothing (ESLint only reads a listener object's keys). */
const NO_LISTENERS: Rule.RuleListener = Object.freeze({})

/** The call sites and findings of the last run over `sourceCode`, for programmatic callers. */
export function recordedAnalysis(sourceCode: SourceCode): { sites: CallSite[]; findings: Finding[]; setup?: SetupProblem } | undefined {
  if (fileSourceCode !== sourceCode) return undefined
  const analysis = fileAnalysis
  return { sites: [...(analysis?.sites ?? [])], findings: [...(analysis?.findings ?? [])], ...(analysis?.setup ? { setup: analysis.setup } : {}) }
}

/** The analysis of a file that may hold a capture call, or whose setup may have a problem to report. */
class FileAnalysis {
  /** The rules created for this file so far, in creation order, and their contexts; complete once traversal starts. */
  private readonly ruleIds: RuleId[]
  private readonly contexts: Rule.RuleContext[]
  sites?: CallSite[]
  findings?: Finding[]
  setup?: SetupProblem
  /** With a possible setup problem: each finding's report, in the checker's order, held for `Program:exit`. */
  deferred?: Array<{ ruleId: RuleId; descriptor: Rule.ReportDescriptor }>
  /** The rules the checker runs; read at the first call, when every rule has been created. */
  private enabled?: ReadonlySet<RuleId>
  private tools?: CallSiteTools
  private setupReporter?: RuleId

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly cwd: string,
    private readonly config: ResolvedSettings,
    driver: RuleId,
    context: Rule.RuleContext,
    private catalogState: CatalogState | undefined,
  ) {
    this.ruleIds = [driver]
    this.contexts = [context]
  }

  add(ruleId: RuleId, context: Rule.RuleContext): void {
    this.ruleIds.push(ruleId)
    this.contexts.push(context)
  }

  /** Names that may hold a callee's function under another name (`send` in `const { capture: send } = …`). */
  renamed?: ReadonlySet<string>

  /** The `CallExpression` listener: a name check, then the full analysis only for calls a matcher names. */
  readonly visitCall = (node: Rule.Node): void => {
    const call = node as unknown as TSESTree.CallExpression
    const name = calledName(call.callee)
    if (name === undefined) return
    if (this.config.calleeNames.has(name)) this.check(call, name)
    else if (this.renamed?.has(name)) {
      const callee = (this.tools ??= this.createTools()).origins.renamedCallee(call, this.config.calleeNames)
      if (callee !== undefined) this.check(call, callee)
    }
  }

  /** The context of a rule created for this file. */
  private contextOf(ruleId: RuleId): Rule.RuleContext | undefined {
    return this.contexts[this.ruleIds.indexOf(ruleId)]
  }

  /** The driver's `Program:exit` when a setup problem is possible: that problem at line 1, then every finding. */
  reportAll(): void {
    this.decideSetup()
    if (this.setup && this.setupReporter) {
      this.contextOf(this.setupReporter)?.report({ loc: { line: 1, column: 0 }, messageId: this.setup.messageId, data: this.setup.data })
    }
    for (const { ruleId, descriptor } of this.deferred ?? []) this.contextOf(ruleId)?.report(descriptor)
  }

  private decideSetup(): void {
    const created = this.ruleIds
    if (this.config.problems.length > 0) {
      this.setup = { messageId: 'invalidSettings', data: { problems: this.config.problems.join(' ') } }
      this.setupReporter = created[0]
      return
    }
    const needsCatalog = created.find((id) => CATALOG_RULES.has(id))
    if (needsCatalog === undefined && !this.config.catalogConfigured) return
    const { problem } = this.catalog()
    if (problem === undefined) return
    this.setup = { messageId: 'catalogUnavailable', data: { diagnostic: problem } }
    this.setupReporter = needsCatalog ?? created[0]
  }

  private catalog(): CatalogState {
    return (this.catalogState ??= lookUpCatalog(this.config, this.cwd))
  }

  private check(call: TSESTree.CallExpression, name: string): void {
    try {
      this.checkCall(call, name)
    } catch (error) {
      // Whatever one call does to the extractor (a stack overflow on deep nesting), the lint run goes on.
      if (this.failed) return
      this.failed = true
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      const descriptor = { loc: call.loc, messageId: 'analysisFailed', data: { reason } } as Rule.ReportDescriptor
      if (this.deferred) this.deferred.push({ ruleId: this.ruleIds[0]!, descriptor })
      else this.contexts[0]!.report(descriptor)
    }
  }

  /** Whether a call of this file could not be analysed (reported once). */
  private failed = false

  private checkCall(call: TSESTree.CallExpression, name: string): void {
    this.tools ??= this.createTools()
    const matcher = findMatcher(
      this.config.matchers,
      this.tools.origins.describe(call, name, this.config.constantCallees.has(name), this.config.declaredCallees.has(name)).shape,
    )
    if (!matcher) return
    const built = this.tools.extractor.callSite(call, matcher, this.contexts[0]!.filename, this.tools.options)
    ;(this.sites ??= []).push(built.site)
    this.enabled ??= new Set(this.ruleIds)
    if (this.enabled.has(UNRESOLVED_IMPORT_RULE)) this.reportUnresolvedImports(built)
    const findings = checkCallSite(this.catalog().catalog, built.site, { rules: this.enabled })
    for (const finding of findings) {
      ;(this.findings ??= []).push(finding)
      const descriptor = this.descriptor(finding, built)
      // every rule has been created once traversal starts, so a finding can be reported as soon as it is found
      if (this.deferred) this.deferred.push({ ruleId: finding.ruleId, descriptor })
      else this.contextOf(finding.ruleId)?.report(descriptor)
    }
  }

  /** The imports already looked at in this file, by specifier. */
  private importsSeen?: Set<string>
  /** Whether the file is on disk as itself (not a code block of a processor, not stdin), so its imports can be looked for. */
  private onDisk?: boolean

  /** A name imported from a module that does not exist: once per specifier, at the import's module specifier. */
  private reportUnresolvedImports(built: BuiltCallSite): void {
    for (const { ref, node } of built.names) {
      if (!ref.imported || ref.value !== undefined) continue
      const imported = importOf(this.sourceCode, node)
      if (imported === undefined || (this.importsSeen ??= new Set()).has(imported.source.value)) continue
      this.importsSeen.add(imported.source.value)
      const context = this.contexts[0]!
      if (!(this.onDisk ??= context.filename === context.physicalFilename && existsSync(context.filename))) return
      const modules = (this.config.modules ??= new ModuleResolution(this.config.cwd))
      if (modules.exists(imported.source.value, context.filename) !== false) continue
      const descriptor = {
        loc: imported.source.loc,
        messageId: 'unresolvedImport',
        data: { message: unresolvedImportMessage(imported.source.value, [imported.name]) },
      } as Rule.ReportDescriptor
      if (this.deferred) this.deferred.push({ ruleId: UNRESOLVED_IMPORT_RULE, descriptor })
      else this.contextOf(UNRESOLVED_IMPORT_RULE)?.report(descriptor)
    }
  }

  private createTools(): CallSiteTools {
    // the syntax, extractor and origins of the last file with a capture call, for this file's nodes
    const shared = (this.config.extraction ??= estreeExtraction(this.sourceCode))
    shared.syntax.sourceCode = this.sourceCode
    const { extractor, origins } = shared
    const matchers = this.config.matchers
    origins.forwardingMatchers = matchers
    if (this.config.declaredCallees.size > 0) {
      // a relative import is a path; any other specifier is resolved as the audit resolves it (tsconfig paths), else a package
      const modules = (this.config.modules ??= new ModuleResolution(this.config.cwd))
      origins.declaredAt = declaredAtFrom(this.contexts[0]!.filename, this.config.settingsDir, (specifier, from) =>
        isPathSpecifier(specifier) ? undefined : modules.resolve(specifier, from),
      )
    }
    return {
      extractor,
      origins,
      // per file: what a wrapper adds is remembered by its node, which must not outlive the file
      options: { forwarded: (node) => origins.isForwardedName(node, matchers), wrapperProperties: wrapperPropertiesOf(origins, extractor, matchers) },
    }
  }

  private descriptor(finding: Finding, built: BuiltCallSite): Rule.ReportDescriptor {
    const at = (ref: { line: number; column: number }) => ref.line === finding.line && ref.column === finding.column
    let node: Node | undefined
    const suggest: Rule.SuggestionReportDescriptor[] = []
    const rule = RULE_BY_ID[finding.ruleId]
    if (rule.subject === 'event-name' || rule.subject === 'group-type') {
      // a name or group type: the one of the call's at the finding's position, with its value
      const [targets, value] = rule.subject === 'event-name' ? [built.names, finding.event] : [built.groupTypes, finding.data?.name]
      const target = targets.find((t) => at(t.ref) && t.ref.value === value)
      node = target?.node
      const literal = target?.literal as TSESTree.StringLiteral | TSESTree.TemplateLiteral | undefined
      if (literal) {
        for (const name of finding.suggestions ?? []) {
          suggest.push({ messageId: 'replaceName', data: { name }, fix: (fixer) => fixer.replaceText(literal as never, quoteLike(literal, name)) })
        }
      }
    } else if (rule.subject === 'property') {
      const target = built.keys.find((t) => at(t.ref) && t.ref.key === finding.data?.key)
      node = target?.node
      if (target) {
        for (const key of finding.suggestions ?? []) {
          const fix = renameKey(target.member as TSESTree.Property, key, this.sourceCode)
          if (fix) suggest.push({ messageId: 'renameKey', data: { key }, fix })
        }
      }
    } else {
      node = [built.distinctId, built.alias].find((id) => id !== undefined && at(this.tools!.extractor.syntax.position(id)))
    }
    const loc = node ? node.loc : { line: finding.line, column: finding.column - 1 }
    return {
      loc,
      messageId: finding.messageId!,
      data: visibleData(finding.data ?? {}),
      ...(suggest.length > 0 ? { suggest } : {}),
    } as Rule.ReportDescriptor
  }
}

/** The import declaration that binds the root of `expression` (`LEGACY` of `LEGACY.signedIn`), and the name it imports. */
function importOf(sourceCode: SourceCode, expression: Node): { source: TSESTree.StringLiteral; name: string } | undefined {
  let node = unwrapTypes(expression)
  while (node.type === 'MemberExpression') node = unwrapTypes(node.object)
  if (node.type !== 'Identifier') return undefined
  const def = soleDefinition(findVariable(sourceCode, node))
  if (def?.type !== 'ImportBinding') return undefined
  const declaration = def.parent as unknown as TSESTree.ImportDeclaration
  return { source: declaration.source, name: importedName(def.node as unknown as TSESTree.ImportClause) }
}

/** `name` written as a literal of the same kind and quotes as `literal`. */
function quoteLike(literal: TSESTree.StringLiteral | TSESTree.TemplateLiteral, name: string): string {
  if (literal.type === 'TemplateLiteral') return `\`${name.replace(/[`\\]|\$\{/g, (m) => `\\${m}`)}\``
  const quote = literal.raw.startsWith("'") ? "'" : '"'
  return `${quote}${name.replace(/[\\\n\r\u2028\u2029]/g, (m) => JSON.stringify(m).slice(1, -1)).replaceAll(quote, `\\${quote}`)}${quote}`
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

function renameKey(property: TSESTree.Property, key: string, sourceCode: SourceCode): Rule.ReportFixer | undefined {
  const written = IDENTIFIER.test(key) ? key : JSON.stringify(key)
  if (property.shorthand) return (fixer) => fixer.replaceText(property as never, `${written}: ${sourceCode.getText(property.value as never)}`)
  if (property.computed) return undefined
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') {
    return (fixer) => fixer.replaceText(property.key as never, quoteLike(property.key as TSESTree.StringLiteral, key))
  }
  return (fixer) => fixer.replaceText(property.key as never, written)
}
