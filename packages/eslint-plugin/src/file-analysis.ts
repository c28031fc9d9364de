/**
 * One analysis per linted file, shared by all seven rules. The first rule created for a file is its driver: it
 * alone registers listeners, walks the capture calls (ESLint's own traversal, `CallExpression` only), runs the
 * checker once per call, and at `Program:exit` reports each finding through the context of the rule it belongs
 * to. The other rules only hand over their context. Files without a capture word get no `CallExpression` listener.
 */
import { relative } from 'node:path'
import type { Rule, SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import {
  type CallSite,
  type Catalog,
  checkCallSite,
  type Diagnostic,
  type Finding,
  findMatcher,
  formatDiagnostic,
  loadCatalogCached,
  type Matcher,
  mayContainCapture,
  prefilterWords,
  resolveMatchers,
  type RuleId,
  settingsProblems,
} from '@herald/core'
import { type BuiltCallSite, buildCallSite, type CallSiteTools } from './build-call-site.js'
import { Constants } from './constants.js'
import { Origins } from './origins.js'
import { calledName, type Node } from './syntax.js'

/** The catalog `herald check` reads when none is named. */
export const DEFAULT_CATALOG = 'schema/events.catalog.json'

/** Rules that mean nothing without a catalog; one of them reports a missing or broken catalog. */
export const CATALOG_RULES: ReadonlySet<RuleId> = new Set(['no-undeclared-event', 'no-undeclared-property', 'no-deprecated-event'])

interface ResolvedSettings {
  /** The last catalog lookup for these settings, reused for `CATALOG_RECHECK_MS` in the same working directory. */
  recentCatalog?: { cwd: string; at: number; state: CatalogState }
  problems: string[]
  matchers: Matcher[]
  calleeNames: ReadonlySet<string>
  words: string[]
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

function resolveSettings(settings: Record<string, unknown>): ResolvedSettings {
  let resolved = resolvedSettings.get(settings)
  if (resolved) return resolved
  const text = JSON.stringify(settings.herald) ?? ''
  resolved = resolvedByText.get(text)
  if (!resolved) {
    const herald = settings.herald as { catalog?: string; presets?: never; matchers?: Matcher[] } | undefined
    const problems = settingsProblems(herald)
    const matchers = problems.length === 0 ? resolveMatchers(herald ?? {}) : []
    resolved = {
      problems,
      matchers,
      calleeNames: new Set(matchers.map((m) => m.callee)),
      words: prefilterWords(matchers),
      catalogPath: problems.length === 0 && herald?.catalog ? herald.catalog : DEFAULT_CATALOG,
      catalogConfigured: problems.length === 0 && herald?.catalog !== undefined,
    }
    if (resolvedByText.size > 100) resolvedByText.clear()
    resolvedByText.set(text, resolved)
  }
  resolvedSettings.set(settings, resolved)
  return resolved
}

/**
 * How long a catalog lookup is reused before its file is checked again (`loadCatalogCached` compares the mtime).
 * Linting thousands of files needs no `stat` per file; an editor still sees a saved catalog at the next lint.
 */
export const CATALOG_RECHECK_MS = 100

interface CatalogState {
  catalog?: Catalog
  problem?: string
}

/**
 * The analysis of the file being linted. ESLint lints one file at a time and creates all its rules before it
 * traverses, so the rules of one file arrive together: one slot is enough (a WeakMap per file costs more, in
 * lookups and in garbage collection, than all the rest of the per-file work).
 */
let current: FileAnalysis | undefined

/**
 * The analysis of the file `context` lints. A rule created a second time for the same `SourceCode` means a
 * new lint run (the same text verified again), so the analysis starts over.
 */
export function analysisFor(context: Rule.RuleContext, ruleId: RuleId): FileAnalysis {
  let analysis = current
  const sourceCode = context.sourceCode
  if (!analysis || analysis.sourceCode !== sourceCode || analysis.contexts.has(ruleId) || analysis.settings !== context.settings || analysis.cwd !== context.cwd) {
    analysis = current = new FileAnalysis(sourceCode, context.settings, context.cwd, context.filename)
  }
  analysis.contexts.set(ruleId, context)
  return analysis
}

/** The call sites and findings of the last run over `sourceCode`, for programmatic callers. */
export function recordedAnalysis(sourceCode: SourceCode): { sites: CallSite[]; findings: Finding[]; setup?: SetupProblem } | undefined {
  const analysis = current?.sourceCode === sourceCode ? current : undefined
  return analysis && { sites: analysis.sites, findings: analysis.findings, ...(analysis.setup ? { setup: analysis.setup } : {}) }
}

export class FileAnalysis {
  /** The contexts of the rules created for this file so far, in creation order; complete once traversal starts. */
  readonly contexts = new Map<RuleId, Rule.RuleContext>()
  readonly sites: CallSite[] = []
  readonly findings: Finding[] = []
  setup?: SetupProblem
  private readonly config: ResolvedSettings
  private driver?: RuleId
  /** The rules the checker runs; read at the first call, when every rule has been created. */
  private enabled?: ReadonlySet<RuleId>
  /** Each finding's report, in the checker's order, with the rule it belongs to. */
  private readonly reports: Array<{ ruleId: RuleId; descriptor: Rule.ReportDescriptor }> = []
  private tools?: CallSiteTools & { origins: Origins }
  private catalogState?: CatalogState
  private setupReporter?: RuleId

  constructor(
    readonly sourceCode: SourceCode,
    readonly settings: Record<string, unknown>,
    readonly cwd: string,
    private readonly file: string,
  ) {
    this.config = resolveSettings(settings)
  }

  /** The rules created for this file so far. */
  get rules(): ReadonlySet<RuleId> {
    return new Set(this.contexts.keys())
  }

  /** True for the first rule created for the file, which then registers the listeners for all of them. */
  claimDriver(ruleId: RuleId): boolean {
    if (this.driver !== undefined) return false
    this.driver = ruleId
    return true
  }

  /** Whether the file can hold a capture call at all: valid settings and a capture word in its text. */
  mayHoldCaptures(): boolean {
    return this.config.problems.length === 0 && mayContainCapture(this.sourceCode.text, this.config.words)
  }

  /** The `CallExpression` listener: a name check, then the full analysis only for calls a matcher names. */
  readonly visitCall = (node: Rule.Node): void => {
    const call = node as unknown as TSESTree.CallExpression
    const name = calledName(call.callee)
    if (name === undefined || !this.config.calleeNames.has(name)) return
    this.check(call, name)
  }

  /** The driver's `Program:exit`: the setup problem at line 1, then every finding, each by its own rule. */
  readonly reportAll = (): void => {
    this.decideSetup()
    if (this.setup && this.setupReporter) {
      this.contexts.get(this.setupReporter)?.report({ loc: { line: 1, column: 0 }, messageId: this.setup.messageId, data: this.setup.data })
    }
    for (const { ruleId, descriptor } of this.reports) this.contexts.get(ruleId)?.report(descriptor)
  }

  private decideSetup(): void {
    const created = [...this.contexts.keys()]
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
    if (this.catalogState) return this.catalogState
    const { catalogPath, catalogConfigured } = this.config
    const now = performance.now()
    const recent = this.config.recentCatalog
    if (recent && recent.cwd === this.cwd && now - recent.at < CATALOG_RECHECK_MS) return (this.catalogState = recent.state)
    const hint = catalogConfigured ? '' : ` Set settings.herald.catalog to the path of your events catalog (default: ${DEFAULT_CATALOG}).`
    try {
      const result = loadCatalogCached(catalogPath, this.cwd)
      this.catalogState = result.ok ? { catalog: result.catalog } : { problem: this.describe(result.diagnostics, catalogPath) + hint }
    } catch (error) {
      this.catalogState = { problem: `${catalogPath}: ${error instanceof Error ? error.message : String(error)}${hint}` }
    }
    this.config.recentCatalog = { cwd: this.cwd, at: now, state: this.catalogState }
    return this.catalogState
  }

  private describe(diagnostics: readonly Diagnostic[], path: string): string {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    const first = errors[0] ?? diagnostics[0]
    if (!first) return `${path}: the catalog could not be loaded.`
    const shown = formatDiagnostic({ ...first, file: relative(this.cwd, first.file) || first.file })
    return errors.length > 1 ? `${shown} (and ${errors.length - 1} more)` : shown
  }

  private check(call: TSESTree.CallExpression, name: string): void {
    this.tools ??= this.createTools()
    const matcher = findMatcher(this.config.matchers, this.tools.origins.shapeOf(call, name))
    if (!matcher) return
    const built = buildCallSite(call, matcher, this.tools, this.file)
    this.sites.push(built.site)
    this.enabled ??= this.rules
    const findings = checkCallSite(this.catalog().catalog, built.site, { rules: this.enabled })
    for (const finding of findings) {
      this.findings.push(finding)
      this.reports.push({ ruleId: finding.ruleId, descriptor: this.descriptor(finding, built) })
    }
  }

  private createTools(): CallSiteTools & { origins: Origins } {
    const constants = new Constants(this.sourceCode)
    const origins = new Origins(this.sourceCode, constants)
    const matchers = this.config.matchers
    return { sourceCode: this.sourceCode, constants, origins, forwarded: (node) => origins.isForwardedName(node, matchers) }
  }

  private descriptor(finding: Finding, built: BuiltCallSite): Rule.ReportDescriptor {
    const at = (ref: { line: number; column: number }) => ref.line === finding.line && ref.column === finding.column
    let node: Node | undefined
    const suggest: Rule.SuggestionReportDescriptor[] = []
    switch (finding.ruleId) {
      case 'no-dynamic-event-name':
      case 'valid-event-name':
      case 'no-undeclared-event':
      case 'no-deprecated-event': {
        const target = built.names.find((t) => at(t.ref) && t.ref.value === finding.event)
        node = target?.node
        const literal = target?.literal
        if (literal) {
          for (const name of finding.suggestions ?? []) {
            suggest.push({ messageId: 'replaceName', data: { name }, fix: (fixer) => fixer.replaceText(literal as never, quoteLike(literal, name)) })
          }
        }
        break
      }
      case 'no-forbidden-property':
      case 'no-undeclared-property': {
        const target = built.keys.find((t) => at(t.ref) && t.ref.key === finding.data?.key)
        node = target?.node
        if (target && finding.ruleId === 'no-undeclared-property') {
          for (const key of finding.suggestions ?? []) {
            const fix = renameKey(target.property, key, this.sourceCode)
            if (fix) suggest.push({ messageId: 'renameKey', data: { key }, fix })
          }
        }
        break
      }
      case 'no-pii-distinct-id':
        node = built.distinctId
        break
    }
    const loc = node ? node.loc : { line: finding.line, column: finding.column - 1 }
    return {
      loc,
      messageId: finding.messageId!,
      data: finding.data ?? {},
      ...(suggest.length > 0 ? { suggest } : {}),
    } as Rule.ReportDescriptor
  }
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
