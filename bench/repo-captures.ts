/**
 * The capture calls of the synthetic repo and the findings each one must produce. A call is written in one of
 * the forms real apps use; a recorded few break a rule on purpose (undeclared name, spaced name, forbidden key,
 * email as distinct id), and the findings they must give are derived from what was broken, not by running
 * the checker (a test compares the two).
 */
import type { RuleId } from '@herald/core'
import type { CatalogDocument, JsonSchema } from './make-catalog.js'
import type { Random } from './prng.js'
import { marked, type Position, SourceSnippet } from './source-snippet.js'

export type CaptureForm = 'posthog' | 'posthog-optional' | 'hook' | 'object'
export type NameSource = 'literal' | 'local-const' | 'imported-member' | 'imported-const'
export type Violation = 'undeclared-name' | 'spaced-name' | 'forbidden-key' | 'pii-distinct-id'

export interface ExpectedFinding {
  ruleId: RuleId
  file: string
  line: number
  column: number
  event: string
}

export interface ExpectedCaptureSite {
  file: string
  line: number
  column: number
  callee: string
  /** The event name as the call resolves it. */
  event: string
  form: CaptureForm
  nameSource: NameSource
  violation?: Violation
  /** Why `herald migrate` leaves a call without a planted violation, by the rules of its issue (none: it rewrites it). */
  leftByDesign?: 'span-phase' | 'person-properties' | 'distinct-id-not-declared'
}

/** A wire event that code may capture, with its top-level property schemas. */
export interface WireEventInfo {
  name: string
  category: string
  properties: Record<string, JsonSchema>
  /** The properties every call must pass. */
  required: string[]
  /** A span's `.start`, `.stop` or `.exception`: herald migrate leaves those calls for a span to be written by hand. */
  spanPhase: boolean
}

/** Every wire event of a catalog document; spans give `.start`, `.stop` (with duration_ms) and `.exception`. */
export function wireEvents(catalog: CatalogDocument): WireEventInfo[] {
  const wires: WireEventInfo[] = []
  for (const [name, event] of Object.entries(catalog.events)) {
    if (event.deprecated) continue // capturing one is a warning; clean call sites avoid them
    const properties: Record<string, JsonSchema> = {}
    for (const [key, schema] of Object.entries(event.properties)) {
      properties[key] = typeof schema.$ref === 'string' ? catalog.properties[schema.$ref.slice('#/properties/'.length)]! : schema
    }
    const required = Array.isArray(event.required) ? (event.required as string[]) : []
    if (event.kind === 'span') {
      const phase = { category: event.category, required, spanPhase: true }
      wires.push({ name: `${name}.start`, ...phase, properties })
      wires.push({ name: `${name}.stop`, ...phase, properties: { ...properties, duration_ms: { type: 'number' } } })
      wires.push({ name: `${name}.exception`, ...phase, properties: { ...properties, error_kind: { type: 'string' } } })
    } else wires.push({ name, category: event.category, properties, required, spanPhase: false })
  }
  return wires
}

/** The constant that holds a wire name in the events modules: `billing.invoice.viewed` → `INVOICE_VIEWED`. */
export function constantKey(wireName: string): string {
  return wireName.split('.').slice(1).join('_').toUpperCase()
}

export const eventsObjectName = (category: string) => `${category.toUpperCase()}_EVENTS`
export const eventsConstName = (wireName: string) => wireName.replace(/\./g, '_').toUpperCase()

export interface CapturePlan {
  form: CaptureForm
  nameSource: NameSource
  wire: WireEventInfo
  /** The name as written (differs from the wire name for name violations). */
  writtenName: string
  keys: string[]
  violation?: Violation
  forbiddenKey?: { key: string; value: string }
  withSet: boolean
}

const FORBIDDEN_KEYS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'email', value: 'user.email' },
  { key: 'userPassword', value: 'user.password' },
  { key: 'accessToken', value: 'user.accessToken' },
  { key: "'x-api-key'", value: 'user.apiKey' },
  { key: 'authorization', value: 'user.authorization' },
  { key: 'sessionCookie', value: 'user.cookie' },
]

export function planCapture(random: Random, wires: readonly WireEventInfo[], declared: ReadonlySet<string>, tsx: boolean, violationRate: number): CapturePlan {
  const form: CaptureForm = tsx
    ? random.weighted([
        ['hook', 50],
        ['posthog', 35],
        ['posthog-optional', 15],
      ] as const)
    : random.weighted([
        ['posthog', 35],
        ['posthog-optional', 20],
        ['object', 45],
      ] as const)
  const wire = random.pick(wires)
  // Only the object form has a distinct id, so it takes that violation more often to keep the four kinds in balance.
  const kinds: Array<readonly [Violation, number]> = [
    ['undeclared-name', 1],
    ['spaced-name', 1],
    ['forbidden-key', 1],
    ...(form === 'object' ? ([['pii-distinct-id', 2]] as const) : []),
  ]
  const violation = random.chance(violationRate) ? random.weighted(kinds) : undefined
  // Name violations are written as literals, so where the finding points does not depend on cross-file resolution.
  const nameSource: NameSource = violation
    ? 'literal'
    : random.weighted([
        ['literal', 60],
        ['local-const', 12],
        ['imported-member', 16],
        ['imported-const', 12],
      ] as const)
  const sampled = random.sample(Object.keys(wire.properties), random.int(1, Math.min(4, Object.keys(wire.properties).length)))
  // Every required property too (no draw of its own, so the rest of the repository stays as it was drawn).
  const keys = [...sampled, ...wire.required.filter((key) => !sampled.includes(key) && Object.hasOwn(wire.properties, key))]
  let writtenName = wire.name
  if (violation === 'undeclared-name') writtenName = misspell(random, wire.name, declared)
  if (violation === 'spaced-name') writtenName = spaced(wire.name)
  return {
    form,
    nameSource,
    wire,
    writtenName,
    keys,
    ...(violation ? { violation } : {}),
    ...(violation === 'forbidden-key' ? { forbiddenKey: random.pick(FORBIDDEN_KEYS) } : {}),
    withSet: !violation && random.chance(0.06),
  }
}

const DOT_SNAKE_CASE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:_[a-z0-9]+)*)*$/

/** A near miss of a declared name that is itself not declared: the kind of typo the rule suggests a fix for. */
function misspell(random: Random, name: string, declared: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const segments = name.split('.')
    const last = segments.length - 1 - (/^(start|stop|exception)$/.test(segments[segments.length - 1]!) ? 1 : 0)
    const word = segments[last]!
    const at = random.int(1, word.length - 1)
    segments[last] = random.chance(0.5) ? word.slice(0, at) + word.slice(at + 1) : `${word}_v2`
    const candidate = segments.join('.')
    if (!declared.has(candidate) && DOT_SNAKE_CASE.test(candidate)) return candidate
  }
  return `${name}.legacy`
}

/** `billing.invoice.viewed` → `Invoice Viewed`, the way names are often written before a catalog exists. */
function spaced(name: string): string {
  return name
    .split('.')
    .slice(1)
    .join('_')
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
}

/** A literal for a property value of the given schema; its kind never makes a clean key a finding. */
function valueFor(key: string, schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `'${String(schema.enum[0])}'`
  const type = schema.type
  if (type === 'boolean') return 'true'
  if (type === 'integer') return '3'
  if (type === 'number') return '12.5'
  if (type === 'array') {
    const items = (schema.items as JsonSchema | undefined)?.enum
    return Array.isArray(items) ? `['${String(items[0])}']` : '[]'
  }
  if (type === 'object') {
    // The nested object's required members, each with a value of its own schema.
    const members = (schema.properties ?? {}) as Record<string, JsonSchema>
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : []
    if (required.length === 0) return "{ field: 'alpha', operator: 'eq' }"
    return `{ ${required.map((member) => `${member}: ${valueFor(member, members[member] ?? {})}`).join(', ')} }`
  }
  if (key.endsWith('_id')) return 'user.id'
  if (schema.format === 'date-time') return 'new Date().toISOString()'
  return "'sample'"
}

/** The event-name expression as written, and the imports or declarations it needs. */
export function nameExpression(plan: CapturePlan): { expression: string; importLine?: { from: string; name: string }; localConst?: string } {
  switch (plan.nameSource) {
    case 'literal':
      return { expression: `'${plan.writtenName}'` }
    case 'local-const':
      return { expression: 'EVENT_NAME', localConst: `const EVENT_NAME = '${plan.wire.name}'` }
    case 'imported-member': {
      const object = eventsObjectName(plan.wire.category)
      return { expression: `${object}.${constantKey(plan.wire.name)}`, importLine: { from: `${plan.wire.category}-events`, name: object } }
    }
    case 'imported-const': {
      const name = eventsConstName(plan.wire.name)
      return { expression: name, importLine: { from: `${plan.wire.category}-events`, name } }
    }
  }
}

/**
 * The statements of one capture call, indented for a function body. Marks: `call`, `name`, `key:<key>` and
 * `distinctId`.
 */
export function captureSnippet(plan: CapturePlan, indent: string): SourceSnippet {
  const snippet = new SourceSnippet()
  const { expression } = nameExpression(plan)
  const entries: Array<{ key: string; value: string }> = plan.keys.map((key) => ({ key, value: valueFor(key, plan.wire.properties[key]!) }))
  if (plan.forbiddenKey) entries.splice(Math.min(1, entries.length), 0, plan.forbiddenKey)
  const setLine = plan.withSet ? "$set: { plan: 'pro' }" : undefined

  const callee = plan.form === 'hook' ? 'capture' : plan.form === 'object' ? 'client.capture' : plan.form === 'posthog' ? 'posthog.capture' : 'posthog?.capture'
  if (plan.form === 'object') {
    snippet.add(indent, marked('call', callee), '({')
    snippet.add(indent, '  distinctId: ', marked('distinctId', plan.violation === 'pii-distinct-id' ? 'user.email' : 'user.id'), ',')
    snippet.add(indent, '  event: ', marked('name', expression), ',')
    propertiesObject(snippet, `${indent}  `, 'properties: ', entries, setLine, ',')
    snippet.add(indent, '})')
  } else {
    propertiesObject(snippet, indent, [marked('call', callee), '(', marked('name', expression), ', '], entries, setLine, ')')
  }
  return snippet
}

/** `{ a: 1, b: 2 }` on one line when short, one key a line otherwise. */
function propertiesObject(
  snippet: SourceSnippet,
  indent: string,
  prefix: string | Array<string | ReturnType<typeof marked>>,
  entries: ReadonlyArray<{ key: string; value: string }>,
  setLine: string | undefined,
  suffix: string,
): void {
  const head = typeof prefix === 'string' ? [prefix] : prefix
  const inline = entries.length <= 2 && !setLine
  if (inline) {
    const pieces: Array<string | ReturnType<typeof marked>> = [indent, ...head, '{ ']
    entries.forEach(({ key, value }, i) => pieces.push(...(i > 0 ? [', '] : []), marked(`key:${key}`, key), `: ${value}`))
    pieces.push(' }', suffix)
    snippet.add(...pieces)
    return
  }
  snippet.add(indent, ...head, '{')
  for (const { key, value } of entries) snippet.add(`${indent}  `, marked(`key:${key}`, key), `: ${value},`)
  if (setLine) snippet.add(`${indent}  ${setLine},`)
  snippet.add(indent, '}', suffix)
}

/** What the checker must report for a planned call, at the positions the snippet recorded. */
export function expectedFindings(plan: CapturePlan, file: string, at: (mark: string) => Position): ExpectedFinding[] {
  const finding = (ruleId: ExpectedFinding['ruleId'], mark: string, event: string): ExpectedFinding => ({ ruleId, file, ...at(mark), event })
  switch (plan.violation) {
    case 'undeclared-name':
      return [finding('no-undeclared-event', 'name', plan.writtenName)]
    case 'spaced-name':
      return [finding('valid-event-name', 'name', plan.writtenName), finding('no-undeclared-event', 'name', plan.writtenName)]
    case 'forbidden-key': {
      const mark = `key:${plan.forbiddenKey!.key}`
      return [finding('no-forbidden-property', mark, plan.wire.name), finding('no-undeclared-property', mark, plan.wire.name)]
    }
    case 'pii-distinct-id':
      return [finding('no-pii-distinct-id', 'distinctId', plan.wire.name)]
    default:
      return []
  }
}
