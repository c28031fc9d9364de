/** The one checker: a `CallSite` (from any front-end) and the catalog, or no catalog → `Finding`s. */
import { BUILTIN_FORBIDDEN_KEYS, compileForbiddenKeys, type ForbiddenKeyMatcher } from '@herald/runtime'
import type { CallSite, Finding, RuleId } from './call-site.js'
import type { Catalog } from './catalog.js'
import { DEFAULT_NAMING, type NamingPolicy, normalizeEventName } from './naming.js'
import { NameIndex } from './suggest.js'
import { type RuleContext, type RuleDefinition, type RuleMessages, RULES } from './rules/index.js'
import { visibleData } from './visible-text.js'

export interface CheckOptions {
  /** Only these rules run (default: all). */
  rules?: ReadonlySet<RuleId> | readonly RuleId[]
  /** Severity per rule (default: the rule's `recommended`). */
  severity?: Partial<Record<RuleId, 'error' | 'warning'>>
}

/** What the checker needs from a catalog; without one, the defaults (naming style, built-in deny list). */
interface Policy {
  catalog?: Catalog
  naming: NamingPolicy
  isForbiddenKey: ForbiddenKeyMatcher
  normalized: Map<string, string>
  /** Suggestions per undeclared name: the same typo recurs across files and lint runs. */
  undeclared: Map<string, string[]>
  /** The catalog's wire event names, indexed for suggestions at the first undeclared name. */
  wireNames?: NameIndex
}

const defaultPolicy: Policy = {
  naming: DEFAULT_NAMING,
  isForbiddenKey: compileForbiddenKeys(BUILTIN_FORBIDDEN_KEYS),
  normalized: new Map(),
  undeclared: new Map(),
}
const policies = new WeakMap<Catalog, Policy>()

function policyFor(catalog: Catalog | undefined): Policy {
  if (!catalog) return defaultPolicy
  let policy = policies.get(catalog)
  if (!policy) {
    policy = { catalog, naming: catalog.naming, isForbiddenKey: catalog.isForbiddenKey, normalized: new Map(), undeclared: new Map() }
    policies.set(catalog, policy)
  }
  return policy
}

/**
 * Every message the checker writes, by rule and message id, from the registry (`rules/`). `Finding.message` is
 * the template rendered with `Finding.data`, so a front-end can show either (ESLint's `meta.messages` are these).
 */
export const CHECKER_MESSAGES: RuleMessages = Object.fromEntries(RULES.map((rule) => [rule.id, rule.messages])) as unknown as RuleMessages

export type CheckerMessageId<R extends RuleId = RuleId> = R extends RuleId ? keyof (typeof CHECKER_MESSAGES)[R] & string : never

/** Fills `{{ key }}` placeholders in one pass, leaving unknown ones as written (as ESLint does). */
export function renderMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, key: string) => {
    const value = data[key.trim()]
    return value === undefined ? whole : value
  })
}

/**
 * Runs each rule of the registry (`rules/`), in its order, over one call site: the rules `options.rules` enables,
 * of those that need the catalog only the ones that have it, and on a capture no rule of people calls only.
 */
export function checkCallSite(catalog: Catalog | undefined, site: CallSite, options: CheckOptions = {}): Finding[] {
  const enabled = options.rules instanceof Set ? options.rules : options.rules ? new Set(options.rules) : undefined
  const context = new Check(policyFor(catalog), site, options.severity)
  const capture = (site.kind ?? 'capture') === 'capture'
  for (const rule of RULES as readonly RuleDefinition[]) {
    if ((rule.needsCatalog && !catalog) || (enabled && !enabled.has(rule.id as RuleId)) || (capture && rule.peopleOnly)) continue
    context.rule = rule
    rule.check(context as never)
  }
  return context.findings
}

/** The context each rule's check gets (`RuleContext`), one per call site; `rule` is the rule running. */
class Check implements RuleContext {
  readonly findings: Finding[] = []
  rule!: RuleDefinition
  readonly catalog: Catalog | undefined
  readonly naming: NamingPolicy
  readonly isForbiddenKey: ForbiddenKeyMatcher

  constructor(
    private readonly policy: Policy,
    readonly site: CallSite,
    private readonly severity: CheckOptions['severity'],
  ) {
    this.catalog = policy.catalog
    this.naming = policy.naming
    this.isForbiddenKey = policy.isForbiddenKey
  }

  readonly report = (at: { line: number; column: number }, messageId: string, data: Record<string, string>, extra?: Pick<Finding, 'event' | 'suggestions'>) => {
    const ruleId = this.rule.id as RuleId
    this.findings.push({
      ruleId,
      severity: this.severity?.[ruleId] ?? this.rule.recommended,
      message: renderMessage(this.rule.messages[messageId]!, visibleData(data)),
      file: this.site.file,
      line: at.line,
      column: at.column,
      ...extra,
      data,
      messageId,
    })
  }

  readonly normalize = (name: string) => normalize(this.policy, name)
  readonly undeclaredSuggestions = (name: string) => undeclaredSuggestions(this.policy, name)
}

function normalize(policy: Policy, name: string): string {
  let normalized = policy.normalized.get(name)
  if (normalized === undefined) {
    normalized = normalizeEventName(name, policy.naming.style)
    if (policy.normalized.size > 50_000) policy.normalized.clear()
    policy.normalized.set(name, normalized)
  }
  return normalized
}

function undeclaredSuggestions(policy: Policy, name: string): string[] {
  const cached = policy.undeclared.get(name)
  if (cached) return [...cached]
  const catalog = policy.catalog!
  // A span's bare name is not a wire event: point at what code may capture.
  const span = catalog.eventsByName.get(name)
  const suggestions =
    span && span.kind === 'span'
      ? span.wireEvents.map((w) => w.name)
      : (policy.wireNames ??= new NameIndex(catalog.wireEventsByName.keys(), (n) => normalizeEventName(n, policy.naming.style))).nearest(name)
  if (policy.undeclared.size > 10_000) policy.undeclared.clear()
  policy.undeclared.set(name, suggestions)
  return [...suggestions]
}
