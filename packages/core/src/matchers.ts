/**
 * Which calls are captures: configuration, not code. Presets cover the common SDKs; user matchers add to them.
 * The front-ends describe a call as a `CallShape`; `findMatcher` decides, the same way for both.
 */
import { RULE_IDS, type RuleId } from './rules/index.js'
import { nearestNames } from './suggest.js'

/**
 * What a matched call does: a capture (the default), or a people call — `identify` (person properties on a
 * distinct id), `group` (the properties of a group of a type), `alias` (a second id of the same person).
 */
export type MatcherKind = 'capture' | 'identify' | 'group' | 'alias'
export const MATCHER_KINDS: readonly MatcherKind[] = ['capture', 'identify', 'group', 'alias']

export interface Matcher {
  /** The called name: "capture", "track", "captureEvent", "#capture". */
  callee: string
  /**
   * Default "capture". For "identify", the properties are the person properties set (`$set`; keys under `$set` and
   * `$set_once` sort themselves) and the name argument is not read; for "group", the name argument is the group
   * type and the properties the group's; for "alias", `distinctIdArg` and `aliasArg` are the two ids.
   */
  kind?: MatcherKind
  /** identify: index of the `$set_once` person properties (posthog-js `identify(id, set, setOnce)`). */
  setOnceArg?: number
  /** alias: index of the other id (posthog-js `alias(alias, original)`: 0). */
  aliasArg?: number
  /**
   * group, where the call has no group-type argument (Segment's `group(groupId, traits)`): the trait that holds the
   * group type (`group_type`, as Herald's Segment sink sends it).
   */
  groupTypeKey?: string
  /** The receiver of a member call ("posthog", "analytics"); omitted = any receiver. */
  object?: string
  /**
   * A package whose default export or namespace is also this receiver, whatever it is called locally:
   * `import ph from 'posthog-js'`, `(await import('posthog-js')).default.capture(…)`. Only with `object`.
   */
  module?: string
  /** The callee or its receiver comes from calling this function: `const capture = useX(); capture(…)`. */
  from?: string
  /**
   * Where the called function (or its receiver, or the hook it comes from) is declared: a module path relative to
   * the settings file (`"src/lib/analytics.ts"`, extension and `/index` optional) or a package name
   * (`"@acme/analytics"`). Two functions of one name with different signatures can then have different matchers.
   * A call whose function's declaration cannot be told (a parameter, a global) is not matched.
   */
  declaredIn?: string
  /** Positional form: index of the event name (default 0). */
  nameArg?: number
  /**
   * Positional form: where the name sits inside a constant object passed at `nameArg`, as a dot path (`"name"`
   * for `trackEvent(LogEvents.SignIn)` with `LogEvents.SignIn = { name: "sign in", channel: "web" }`).
   */
  namePath?: string
  /** Index of the properties (default nameArg + 1). */
  propsArg?: number
  /** Index of the distinct id, where the call takes one. */
  distinctIdArg?: number
  /**
   * Object-argument form: `capture({ event, properties, distinctId })` with any key names; the object may also be a
   * constant (`track(Events.Upgrade)`, `const payload = {…}; client.capture(payload)`) or spread one in.
   * `propsFrom: "rest"`: the properties are the object's other keys (`track({ event, ...props })`), not one key's value.
   */
  objectForm?: { nameKey: string; propsKey?: string; propsFrom?: 'rest'; distinctIdKey?: string; aliasKey?: string }
  /** Text the wrapper adds before the name it is given (`"web."`); names are checked as sent. */
  namePrefix?: string
  /** Text the wrapper adds after the name it is given (`" - [WEB]"` for `` `${name} - [WEB]` ``). */
  nameSuffix?: string
}

export type PresetName = 'posthog-js' | 'posthog-node' | 'segment' | 'segment-node' | 'mixpanel' | 'amplitude' | 'rudderstack' | 'openpanel'

/** posthog-js's people calls on `posthog` (or the posthog-js module) and on `usePostHog()`. */
const posthogJsPeople = (on: Pick<Matcher, 'object' | 'module' | 'from'>): Matcher[] => [
  { kind: 'identify', callee: 'identify', distinctIdArg: 0, propsArg: 1, setOnceArg: 2, ...on },
  { kind: 'group', callee: 'group', nameArg: 0, propsArg: 2, ...on },
  { kind: 'alias', callee: 'alias', aliasArg: 0, distinctIdArg: 1, ...on },
]

export const PRESETS: Readonly<Record<PresetName, readonly Matcher[]>> = {
  'posthog-js': [
    { callee: 'capture', object: 'posthog', module: 'posthog-js' },
    { callee: 'capture', from: 'usePostHog' },
    ...posthogJsPeople({ object: 'posthog', module: 'posthog-js' }),
    ...posthogJsPeople({ from: 'usePostHog' }),
  ],
  'posthog-node': [
    { callee: 'capture', objectForm: { nameKey: 'event', propsKey: 'properties', distinctIdKey: 'distinctId' } },
    // `client.identify({ distinctId, properties })`: properties are `$set` unless they hold `$set` / `$set_once`
    { kind: 'identify', callee: 'identify', objectForm: { nameKey: 'distinctId', propsKey: 'properties', distinctIdKey: 'distinctId' } },
    { kind: 'group', callee: 'groupIdentify', objectForm: { nameKey: 'groupType', propsKey: 'properties' } },
    { kind: 'alias', callee: 'alias', objectForm: { nameKey: 'alias', distinctIdKey: 'distinctId', aliasKey: 'alias' } },
  ],
  segment: [
    { callee: 'track', object: 'analytics' },
    { kind: 'identify', callee: 'identify', object: 'analytics', distinctIdArg: 0, propsArg: 1 },
    { kind: 'group', callee: 'group', object: 'analytics', propsArg: 1, groupTypeKey: 'group_type' },
    { kind: 'alias', callee: 'alias', object: 'analytics', distinctIdArg: 0, aliasArg: 1 },
  ],
  mixpanel: [{ callee: 'track', object: 'mixpanel', module: 'mixpanel-browser' }],
  amplitude: [
    { callee: 'track', object: 'amplitude', module: '@amplitude/analytics-browser' },
    { callee: 'logEvent', object: 'amplitude' },
  ],
  rudderstack: [{ callee: 'track', object: 'rudderanalytics' }],
  // analytics-node: `analytics.track({ event, userId, properties })`
  'segment-node': [{ callee: 'track', object: 'analytics', objectForm: { nameKey: 'event', propsKey: 'properties', distinctIdKey: 'userId' } }],
  // @openpanel/sdk, @openpanel/web and @openpanel/nextjs: `op.track(name, props)`, `useOpenPanel().track(…)`
  openpanel: [
    { callee: 'track', object: 'op' },
    { callee: 'track', from: 'useOpenPanel' },
  ],
}

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[]

/** Every preset's matchers (`resolveMatchers` hands out these objects themselves). */
const PRESET_MATCHERS: ReadonlySet<Matcher> = new Set(Object.values(PRESETS).flat())

/** Whether a matcher is one of a preset's (an SDK's own method), not one of the user's (a wrapper of theirs). */
export const isPresetMatcher = (matcher: Matcher): boolean => PRESET_MATCHERS.has(matcher)

/**
 * The presets used when settings name none. Presets added later are opt-in (`presets: [..., 'openpanel']`) so
 * that upgrading Herald does not change an existing project's findings.
 */
export const DEFAULT_PRESETS: readonly PresetName[] = ['posthog-js', 'posthog-node', 'segment', 'mixpanel', 'amplitude', 'rudderstack']

/** The `settings.herald` shape shared by the ESLint plugin and `herald audit --config`. */
export interface HeraldSettings {
  /** Path of the catalog, relative to the working directory. */
  catalog?: string
  /** Default: `DEFAULT_PRESETS`. */
  presets?: PresetName[]
  matchers?: Matcher[]
  /**
   * Severities for `herald audit`, by rule id (`"no-dynamic-event-name"` or `"herald/no-dynamic-event-name"`):
   * `"error"`, `"warning"` (or `"warn"`) or `"off"`; rules left out keep their recommended severity. ESLint reads
   * its own `rules` config instead.
   */
  rules?: Record<string, RuleSetting>
}

export type RuleSetting = 'error' | 'warning' | 'warn' | 'off'
const RULE_SETTINGS: readonly string[] = ['error', 'warning', 'warn', 'off']

/** The checker's options for `settings.rules`: the rules that run and their severities. */
export function ruleOptions(rules: HeraldSettings['rules']): { rules?: Set<RuleId>; severity?: Partial<Record<RuleId, 'error' | 'warning'>> } {
  if (rules === undefined) return {}
  const enabled = new Set<RuleId>(RULE_IDS)
  const severity: Partial<Record<RuleId, 'error' | 'warning'>> = {}
  for (const [key, value] of Object.entries(rules)) {
    const id = key.replace(/^herald\//, '') as RuleId
    if (value === 'off') enabled.delete(id)
    else severity[id] = value === 'error' ? 'error' : 'warning'
  }
  return { rules: enabled, severity }
}

const MATCHER_KEYS = new Set([
  'callee',
  'kind',
  'object',
  'module',
  'from',
  'declaredIn',
  'nameArg',
  'namePath',
  'propsArg',
  'distinctIdArg',
  'setOnceArg',
  'aliasArg',
  'groupTypeKey',
  'objectForm',
  'namePrefix',
  'nameSuffix',
])
const OBJECT_FORM_KEYS = new Set(['nameKey', 'propsKey', 'propsFrom', 'distinctIdKey', 'aliasKey'])

/**
 * What is wrong with a `settings.herald` value, as sentences (empty when it is usable), so a front-end can
 * report bad configuration instead of crashing on it.
 */
export function settingsProblems(value: unknown): string[] {
  if (value === undefined) return []
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['settings.herald must be an object.']
  const settings = value as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(settings)) {
    if (key !== 'catalog' && key !== 'presets' && key !== 'matchers' && key !== 'rules')
      problems.push(`settings.herald.${key} is not a Herald setting; use catalog, presets, matchers or rules.`)
  }
  if (settings.catalog !== undefined && (typeof settings.catalog !== 'string' || settings.catalog === '')) {
    problems.push('settings.herald.catalog must be the path of the catalog file.')
  }
  if (settings.presets !== undefined) {
    if (!Array.isArray(settings.presets)) problems.push(`settings.herald.presets must be an array of preset names (${PRESET_NAMES.join(', ')}).`)
    else {
      for (const name of settings.presets) {
        if (!(PRESET_NAMES as unknown[]).includes(name))
          problems.push(`settings.herald.presets: unknown preset ${JSON.stringify(name)}; known presets: ${PRESET_NAMES.join(', ')}.`)
      }
    }
  }
  if (settings.rules !== undefined) problems.push(...ruleSettingProblems(settings.rules))
  if (settings.matchers !== undefined) {
    if (!Array.isArray(settings.matchers)) problems.push('settings.herald.matchers must be an array of matchers.')
    else settings.matchers.forEach((matcher, i) => problems.push(...matcherProblems(matcher, `settings.herald.matchers[${i}]`)))
  }
  return problems
}

function ruleSettingProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return ['settings.herald.rules must be an object such as { "no-dynamic-event-name": "off" }.']
  const problems: string[] = []
  for (const [key, setting] of Object.entries(value as Record<string, unknown>)) {
    const id = key.replace(/^herald\//, '')
    if (!(RULE_IDS as readonly string[]).includes(id)) {
      const near = nearestNames(id, RULE_IDS, (name) => name.replace(/[^a-z]/g, ''), { maxDistance: 4, limit: 1 })
      problems.push(
        `settings.herald.rules: unknown rule ${JSON.stringify(key)}${near.length ? `; did you mean "${near[0]}"?` : `; known rules: ${RULE_IDS.join(', ')}.`}`,
      )
    } else if (typeof setting !== 'string' || !RULE_SETTINGS.includes(setting)) {
      problems.push(`settings.herald.rules.${key} must be "error", "warning" or "off", not ${JSON.stringify(setting)}.`)
    }
  }
  return problems
}

function matcherProblems(value: unknown, at: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [`${at} must be an object such as { "callee": "capture", "object": "posthog" }.`]
  const matcher = value as Record<string, unknown>
  const problems: string[] = []
  for (const key of Object.keys(matcher)) if (!MATCHER_KEYS.has(key)) problems.push(`${at}.${key} is not a matcher field; use ${[...MATCHER_KEYS].join(', ')}.`)
  if (typeof matcher.callee !== 'string' || matcher.callee === '') problems.push(`${at}.callee must be the called name, such as "capture".`)
  for (const key of ['object', 'module', 'from', 'declaredIn'] as const) {
    if (matcher[key] !== undefined && (typeof matcher[key] !== 'string' || matcher[key] === '')) problems.push(`${at}.${key} must be a non-empty string.`)
  }
  for (const key of ['namePrefix', 'nameSuffix'] as const) {
    if (matcher[key] !== undefined && typeof matcher[key] !== 'string') problems.push(`${at}.${key} must be a string.`)
  }
  if (matcher.kind !== undefined && !(MATCHER_KINDS as unknown[]).includes(matcher.kind))
    problems.push(`${at}.kind must be one of ${MATCHER_KINDS.map((k) => `"${k}"`).join(', ')}, not ${JSON.stringify(matcher.kind)}.`)
  if (matcher.groupTypeKey !== undefined && (typeof matcher.groupTypeKey !== 'string' || matcher.groupTypeKey === ''))
    problems.push(`${at}.groupTypeKey must be a non-empty string.`)
  for (const key of ['nameArg', 'propsArg', 'distinctIdArg', 'setOnceArg', 'aliasArg'] as const) {
    const index = matcher[key]
    if (index !== undefined && !(typeof index === 'number' && Number.isInteger(index) && index >= 0))
      problems.push(`${at}.${key} must be an argument index (0, 1, …).`)
  }
  if (matcher.namePath !== undefined) {
    if (typeof matcher.namePath !== 'string' || !/^[^.]+(\.[^.]+)*$/.test(matcher.namePath))
      problems.push(`${at}.namePath must be a dot path into the name argument, such as "name" or "event.name".`)
    else if (matcher.objectForm !== undefined) problems.push(`${at}.namePath is for positional matchers; with objectForm, nameKey names the key.`)
  }
  if (matcher.module !== undefined && matcher.object === undefined) problems.push(`${at}.module needs an object: it names another way to reach that receiver.`)
  const form = matcher.objectForm
  if (form !== undefined) {
    if (form === null || typeof form !== 'object' || Array.isArray(form)) problems.push(`${at}.objectForm must be an object such as { "nameKey": "event" }.`)
    else {
      const keys = form as Record<string, unknown>
      for (const key of Object.keys(keys))
        if (!OBJECT_FORM_KEYS.has(key))
          problems.push(`${at}.objectForm.${key} is not an objectForm field; use nameKey, propsKey, propsFrom, distinctIdKey or aliasKey.`)
      if (typeof keys.nameKey !== 'string' || keys.nameKey === '')
        problems.push(`${at}.objectForm.nameKey must be the key that holds the event name, such as "event".`)
      for (const key of ['propsKey', 'distinctIdKey', 'aliasKey'] as const) {
        if (keys[key] !== undefined && (typeof keys[key] !== 'string' || keys[key] === '')) problems.push(`${at}.objectForm.${key} must be a non-empty string.`)
      }
      if (keys.propsFrom !== undefined && keys.propsFrom !== 'rest')
        problems.push(`${at}.objectForm.propsFrom must be "rest" (the object's other keys are the properties), not ${JSON.stringify(keys.propsFrom)}.`)
      else if (keys.propsFrom !== undefined && keys.propsKey !== undefined)
        problems.push(`${at}.objectForm: propsKey and propsFrom both say where the properties are; keep one.`)
    }
  }
  return problems
}

/** Presets (default: `DEFAULT_PRESETS`) plus user matchers. Throws a TypeError naming an unknown preset. */
export function resolveMatchers(settings: Pick<HeraldSettings, 'presets' | 'matchers'> = {}): Matcher[] {
  const names = settings.presets ?? DEFAULT_PRESETS
  const matchers: Matcher[] = []
  for (const name of names) {
    const preset = PRESETS[name]
    if (!preset) throw new TypeError(`Unknown herald preset "${String(name)}"; known presets: ${PRESET_NAMES.join(', ')}.`)
    matchers.push(...preset)
  }
  matchers.push(...(settings.matchers ?? []))
  return matchers
}

/**
 * React hooks that hand back the function (or value) they are given: `const track = useCallback((n) => …, [])`
 * and `useMemo(() => …)` define a local function, `useRef(fn).current` holds one. A callee obtained from them is
 * the project's own function, not an unrelated hook's result.
 */
export const FUNCTION_HOOKS: ReadonlySet<string> = new Set(['useCallback', 'useMemo', 'useRef'])

/** How a front-end describes a call, syntax only. */
export interface CallShape {
  /** The called name: `capture` for `posthog.capture(…)`, `capture(…)` and `this.#capture` as `#capture`. */
  callee: string
  /** The receiver's name after resolving aliases: `posthog` for `window.posthog.capture`, `this` for `this.x(…)`; undefined for a plain call. */
  object?: string
  /** The function whose call produced the callee or its receiver (`useX` in `const c = useX(); c(…)`). */
  from?: string
  /** The package whose default export or namespace the receiver is (`posthog-js` for `import ph from 'posthog-js'`). */
  module?: string
  /** For each argument: the keys of an object literal argument, or undefined when it is not one. */
  argumentObjectKeys: Array<readonly string[] | undefined>
  /** Where the called function is declared, asked only when a matcher of the callee has `declaredIn`. */
  declaredIn?: DeclaredAt
  /**
   * For each argument that is not an object literal: the keys of the constant object it denotes (`Events.Upgrade`,
   * a local `const payload = {…}`), or undefined. Keys spread in from constant objects count in both lists.
   */
  argumentConstantKeys?: Array<readonly string[] | undefined>
}

/**
 * The matcher that applies to a call, or undefined. An object-form matcher applies only when the argument at
 * its `nameArg` is an object literal holding its `nameKey`; a positional matcher only when it is not.
 */
export function findMatcher(matchers: readonly Matcher[], shape: CallShape): Matcher | undefined {
  // A constant object as the argument: first a matcher that reads it (an object form holding its nameKey, a
  // positional matcher whose namePath starts with one of its keys); else as any other non-literal argument.
  if (shape.argumentConstantKeys?.some((keys) => keys !== undefined)) {
    for (const matcher of matchers) {
      if (!appliesTo(matcher, shape)) continue
      const keys = shape.argumentConstantKeys[matcher.nameArg ?? 0]
      if (keys === undefined) continue
      const key = matcher.objectForm ? matcher.objectForm.nameKey : matcher.namePath?.split('.')[0]
      if (key !== undefined && keys.includes(key)) return matcher
    }
  }
  for (const matcher of matchers) {
    if (!appliesTo(matcher, shape)) continue
    const keys = shape.argumentObjectKeys[matcher.nameArg ?? 0]
    if (matcher.objectForm) {
      if (keys?.includes(matcher.objectForm.nameKey)) return matcher
    } else if (keys === undefined || (matcher.namePath !== undefined && keys.includes(matcher.namePath.split('.')[0]!))) return matcher
  }
  return undefined
}

/** The callees of matchers that read a constant object argument (an object form, a `namePath`): `CallShape.argumentConstantKeys` is asked only for them. */
export function constantObjectCallees(matchers: readonly Matcher[]): Set<string> {
  return new Set(matchers.filter((m) => m.objectForm !== undefined || m.namePath !== undefined).map((m) => m.callee))
}

/**
 * Where a function is declared, as a front-end tells it: a module path relative to the settings file's folder
 * (`/`-separated), and/or the package an import names (`posthog-js` matches `posthog-js/react` too; a workspace
 * package has both).
 */
export interface DeclaredAt {
  file?: string
  package?: string
}

/** The callees of matchers with `declaredIn`: `CallShape.declaredIn` is asked only for them. */
export function declaredInCallees(matchers: readonly Matcher[]): Set<string> {
  return new Set(matchers.filter((m) => m.declaredIn !== undefined).map((m) => m.callee))
}

/** A module path compared without `./`, its extension and a trailing `/index`. */
function moduleKey(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\.(d\.)?[cm]?[jt]sx?$/, '')
    .replace(/\/index$/, '')
}

/** Whether `declaredIn` (a matcher's) names the place a function is declared at. */
export function isDeclaredIn(declaredIn: string, at: DeclaredAt | undefined): boolean {
  if (at === undefined) return false
  if (at.package !== undefined && (at.package === declaredIn || at.package.startsWith(`${declaredIn}/`))) return true
  return at.file !== undefined && moduleKey(at.file) === moduleKey(declaredIn)
}

/** Whether a matcher's callee, receiver and hook fit the call, whatever its arguments. */
function appliesTo(matcher: Matcher, shape: CallShape): boolean {
  if (matcher.callee !== shape.callee) return false
  if (matcher.declaredIn !== undefined && !isDeclaredIn(matcher.declaredIn, shape.declaredIn)) return false
  if (matcher.object !== undefined && matcher.object !== shape.object && (matcher.module === undefined || matcher.module !== shape.module)) return false
  if (matcher.from !== undefined && matcher.from !== shape.from) return false
  // a function obtained from an unrelated hook is not this matcher's plain function
  return !(matcher.object === undefined && matcher.from === undefined && shape.from !== undefined && !matcher.objectForm)
}

/** Where a wrapper is declared, beyond its name: what lets a matcher with `object` or `from` name it. */
export interface WrapperScope {
  /** The variable holding the object literal the wrapper is a method or property of (`analytics` in `const analytics = { track(name) {…} }`). */
  holder?: string
  /** The names of the functions the wrapper is declared in, innermost first (`useTracking` for a hook's `track`); asked only when a `from` matcher names the wrapper. */
  enclosing?: () => readonly string[]
  /** The file the wrapper is declared in, for matchers with `declaredIn`; without it such matchers name no wrapper. */
  file?: DeclaredAt
}

/**
 * Whether an event name read from a parameter is only passed on by a wrapper that a matcher names. Inside
 * `function capturePostHogEvent(client, name, props) { posthog.capture(name, props) }`, matched by
 * `{ callee: 'capturePostHogEvent', nameArg: 1 }`, the name is checked at every call of the wrapper, so the inner
 * call's name is not dynamic: a front-end leaves it out of `CallSite.eventNames`.
 * `wrapper` is the enclosing function's name (`#capture` for a private method), `parameterIndex` the parameter
 * the name comes from, and `path` where the name sits in it: `[]` for the parameter itself, `['event']` for
 * `message.event` or `{ event }`. Matchers that match calls by name alone count; for a class member
 * (`method`), matchers with `object: "this"`; for a member of `const analytics = {…}` (`scope.holder`), matchers
 * with `object: "analytics"`; for a function declared inside `useTracking` (`scope.enclosing`), matchers with
 * `from: "useTracking"`.
 */
export function isForwardedName(
  matchers: readonly Matcher[],
  wrapper: string,
  parameterIndex: number,
  path: readonly string[],
  method = false,
  scope: WrapperScope = {},
): boolean {
  let enclosing: readonly string[] | undefined
  for (const matcher of matchers) {
    if (matcher.callee !== wrapper || (matcher.kind ?? 'capture') !== 'capture') continue
    if (matcher.declaredIn !== undefined && !isDeclaredIn(matcher.declaredIn, scope.file)) continue
    // A method matched as `this.x(…)` forwards too; a receiver by name (a preset's `posthog`) says nothing of the
    // wrapper unless the wrapper is a member of an object of that name.
    if (matcher.object !== undefined && !(method && matcher.object === 'this') && matcher.object !== scope.holder) continue
    if (matcher.from !== undefined && !(enclosing ??= scope.enclosing?.() ?? []).includes(matcher.from)) continue
    if ((matcher.nameArg ?? 0) !== parameterIndex) continue
    // an object form's wrapper forwards its name key, or (a wrapper of yours, not an SDK's method) the whole object:
    // `const trackAnalytics = (args) => analytics.track(args)`
    if (matcher.objectForm) {
      if (path.length === 1 && path[0] === matcher.objectForm.nameKey) return true
      if (path.length === 0 && !isPresetMatcher(matcher)) return true
    } else if (path.length === 0) return true
  }
  return false
}

/** Names a file must contain to hold a capture: the text prefilter that runs before any parse. */
export function prefilterWords(matchers: readonly Matcher[]): string[] {
  return [...new Set(matchers.map((m) => m.callee.replace(/^#/, '')))]
}

/**
 * The prefilter's words, split: callees of capture matchers, looked for anywhere, and callees that only people
 * matchers use (`group`, `identify`, `alias`), which are ordinary words of code and so looked for as callees.
 */
export function prefilterWordSets(matchers: readonly Matcher[]): { words: string[]; calleeOnly: string[] } {
  const words = prefilterWords(matchers.filter((m) => (m.kind ?? 'capture') === 'capture'))
  const captured = new Set(words)
  return { words, calleeOnly: prefilterWords(matchers).filter((word) => !captured.has(word)) }
}

/** A fast test for whether source text can contain a matched call: a substring for `words`, a callee for `calleeOnly`. */
export function mayContainCapture(text: string, words: readonly string[], calleeOnly: readonly string[] = []): boolean {
  for (const word of words) if (text.includes(word)) return true
  for (const { word, longer } of scanPlan(calleeOnly)) if (namesCallee(text, word, longer)) return true
  return false
}

const scanPlans = new WeakMap<readonly string[], ReadonlyArray<{ word: string; longer: string[] }>>()

/**
 * The scans for callee-only words: a word that starts with another (`groupIdentify`, `group`) is looked for where
 * that one occurs, so the text is scanned once for both.
 */
function scanPlan(words: readonly string[]): ReadonlyArray<{ word: string; longer: string[] }> {
  let plan = scanPlans.get(words)
  if (plan === undefined) {
    const unique = [...new Set(words)].filter((word) => word.length > 0)
    const covering = (word: string) =>
      unique.find((other) => other !== word && word.startsWith(other) && !unique.some((o) => o !== other && other.startsWith(o)))
    plan = unique.filter((word) => covering(word) === undefined).map((word) => ({ word, longer: unique.filter((other) => covering(other) === word) }))
    scanPlans.set(words, plan)
  }
  return plan
}

/**
 * For people callees (`identify`, `group`, `alias`), ordinary words of code (`const group = groups.get(key)`,
 * `group.push(item)`): `word` counts only where it reads as a callee — after `.`, `#` or a quote (a member or a
 * computed key), or before `(`, `?.(`, `<`, `:` (a destructured rename) or a quote. `longer`: words that start
 * with `word`, looked for as callees where `word` occurs.
 */
export function namesCallee(text: string, word: string, longer: readonly string[] = []): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (isCalleeAt(text, at, at + word.length)) return true
    for (const other of longer) if (text.startsWith(other, at) && isCalleeAt(text, at, at + other.length)) return true
  }
  return false
}

/** Whether the word at `at`..`end` of `text` reads as a callee (see `namesCallee`). */
function isCalleeAt(text: string, at: number, end: number): boolean {
  if ((at > 0 && isIdentifierPart(text.charCodeAt(at - 1))) || isIdentifierPart(text.charCodeAt(end))) return false
  let before = at - 1
  while (before >= 0 && isSpaceOrNbsp(text.charCodeAt(before))) before--
  const prev = before >= 0 ? text[before]! : ''
  if (prev === '.' || prev === '#' || prev === '"' || prev === "'" || prev === '`') return true
  let after = end
  while (after < text.length && isSpaceOrNbsp(text.charCodeAt(after))) after++
  const next = text[after] ?? ''
  if (next === '(' || next === '<' || next === ':' || next === '"' || next === "'" || next === '`') return true
  return next === '?' && text[after + 1] === '.'
}

/**
 * Local names that may hold a matched function under another name: `send` in `const { capture: send } =
 * usePostHog()` or in a parameter `{ capture: send }`. A text scan, as wide as it is cheap: an object literal's
 * `capture: x` or a type's `capture: Fn` is listed too, so a front-end keeps a call by one of these names only
 * when the name is bound by destructuring the callee's key (and then matches the call as a call of that key).
 * Names that are themselves callees are left out; they are matched as they are. It looks only at the colons of the
 * text (one scan, where looking for each callee name was one scan per name) and at the identifiers on either side.
 */
export function renamedCalleeCandidates(text: string, calleeNames: ReadonlySet<string>): Set<string> {
  const names = new Set<string>()
  let shortest = Number.POSITIVE_INFINITY
  let longest = 0
  for (const callee of calleeNames) {
    if (!IDENTIFIER_PART_ONLY.test(callee)) continue
    shortest = Math.min(shortest, callee.length)
    longest = Math.max(longest, callee.length)
  }
  if (longest === 0) return names
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    // the whole identifier before the colon (spaces between), which must be a callee
    let end = colon
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--
    let start = end
    while (start > 0 && isIdentifierPart(text.charCodeAt(start - 1))) start--
    if (end - start < shortest || end - start > longest) continue
    let i = colon + 1
    while (isSpace(text.charCodeAt(i))) i++
    if (!isIdentifierPart(text.charCodeAt(i)) || isDigit(text.charCodeAt(i))) continue
    if (!calleeNames.has(text.slice(start, end))) continue
    const nameStart = i
    while (isIdentifierPart(text.charCodeAt(i))) i++
    const name = text.slice(nameStart, i)
    if (!calleeNames.has(name)) names.add(name)
  }
  return names
}

const IDENTIFIER_PART_ONLY = /^[\w$]+$/
const isDigit = (c: number) => c >= 48 && c <= 57
/** `[A-Za-z0-9_$]`, as `\w` and `$` in a regular expression. */
const isIdentifierPart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 36
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13
const isSpaceOrNbsp = (c: number) => isSpace(c) || c === 0xa0
