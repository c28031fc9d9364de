/**
 * Which calls are captures: configuration, not code. Presets cover the common SDKs; user matchers add to them.
 * The front-ends describe a call as a `CallShape`; `findMatcher` decides, the same way for both.
 */

export interface Matcher {
  /** The called name: "capture", "track", "captureEvent", "#capture". */
  callee: string
  /** The receiver of a member call ("posthog", "analytics"); omitted = any receiver. */
  object?: string
  /** The callee or its receiver comes from calling this function: `const capture = useX(); capture(…)`. */
  from?: string
  /** Positional form: index of the event name (default 0). */
  nameArg?: number
  /** Index of the properties (default nameArg + 1). */
  propsArg?: number
  /** Index of the distinct id, where the call takes one. */
  distinctIdArg?: number
  /** Object-argument form: `capture({ event, properties, distinctId })` with any key names. */
  objectForm?: { nameKey: string; propsKey?: string; distinctIdKey?: string }
}

export type PresetName = 'posthog-js' | 'posthog-node' | 'segment' | 'mixpanel' | 'amplitude' | 'rudderstack'

export const PRESETS: Readonly<Record<PresetName, readonly Matcher[]>> = {
  'posthog-js': [
    { callee: 'capture', object: 'posthog' },
    { callee: 'capture', from: 'usePostHog' },
  ],
  'posthog-node': [{ callee: 'capture', objectForm: { nameKey: 'event', propsKey: 'properties', distinctIdKey: 'distinctId' } }],
  segment: [{ callee: 'track', object: 'analytics' }],
  mixpanel: [{ callee: 'track', object: 'mixpanel' }],
  amplitude: [
    { callee: 'track', object: 'amplitude' },
    { callee: 'logEvent', object: 'amplitude' },
  ],
  rudderstack: [{ callee: 'track', object: 'rudderanalytics' }],
}

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[]

/** The `settings.herald` shape shared by the ESLint plugin and `herald audit --config`. */
export interface HeraldSettings {
  /** Path of the catalog, relative to the working directory. */
  catalog?: string
  /** Default: every preset. */
  presets?: PresetName[]
  matchers?: Matcher[]
}

/** Presets (default: all) plus user matchers. Throws a TypeError naming an unknown preset. */
export function resolveMatchers(settings: Pick<HeraldSettings, 'presets' | 'matchers'> = {}): Matcher[] {
  const names = settings.presets ?? PRESET_NAMES
  const matchers: Matcher[] = []
  for (const name of names) {
    const preset = PRESETS[name]
    if (!preset) throw new TypeError(`Unknown herald preset "${String(name)}"; known presets: ${PRESET_NAMES.join(', ')}.`)
    matchers.push(...preset)
  }
  matchers.push(...(settings.matchers ?? []))
  return matchers
}

/** How a front-end describes a call, syntax only. */
export interface CallShape {
  /** The called name: `capture` for `posthog.capture(…)`, `capture(…)` and `this.#capture` as `#capture`. */
  callee: string
  /** The receiver's name after resolving aliases: `posthog` for `window.posthog.capture`; undefined for a plain call. */
  object?: string
  /** The function whose call produced the callee or its receiver (`useX` in `const c = useX(); c(…)`). */
  from?: string
  /** For each argument: the keys of an object literal argument, or undefined when it is not one. */
  argumentObjectKeys: Array<readonly string[] | undefined>
}

/**
 * The matcher that applies to a call, or undefined. An object-form matcher applies only when the argument at
 * its `nameArg` is an object literal holding its `nameKey`; a positional matcher only when it is not.
 */
export function findMatcher(matchers: readonly Matcher[], shape: CallShape): Matcher | undefined {
  for (const matcher of matchers) {
    if (matcher.callee !== shape.callee) continue
    if (matcher.object !== undefined && matcher.object !== shape.object) continue
    if (matcher.from !== undefined && matcher.from !== shape.from) continue
    if (matcher.object === undefined && matcher.from === undefined && shape.from !== undefined && !matcher.objectForm) {
      // a function obtained from an unrelated hook is not this matcher's plain function
      continue
    }
    const keys = shape.argumentObjectKeys[matcher.nameArg ?? 0]
    if (matcher.objectForm) {
      if (keys?.includes(matcher.objectForm.nameKey)) return matcher
    } else if (keys === undefined) return matcher
  }
  return undefined
}

/** Names a file must contain to hold a capture: the text prefilter that runs before any parse. */
export function prefilterWords(matchers: readonly Matcher[]): string[] {
  return [...new Set(matchers.map((m) => m.callee.replace(/^#/, '')))]
}

/** A fast test for whether source text can contain a matched call. */
export function mayContainCapture(text: string, words: readonly string[]): boolean {
  for (const word of words) if (text.includes(word)) return true
  return false
}
