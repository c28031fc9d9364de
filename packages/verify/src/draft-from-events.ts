/**
 * `herald init --from-events`: a draft catalog from traffic. Property types as seen, enums for strings with few
 * distinct values, `required` for properties every event carried, event names normalized to the naming style
 * with the originals kept in `x-herald-seen-as`, and suspected personal data marked for review.
 */
import { isForbiddenKey, type NamingStyle, normalizeEventName } from '@herald/core'
import type { SentEvent } from './input-formats.js'
import { personalDataKind } from './pii-values.js'
import { type InputSource, verifySource, type VerifyOptions } from './verify-files.js'

export interface EventsDraftOptions extends Pick<VerifyOptions, 'input' | 'maxLineBytes'> {
  style?: NamingStyle
  /** A string property with at most this many distinct values becomes an enum (default 12). */
  enumThreshold?: number
  /** A catalog drafted from code (`--from-code`): its events are kept, traffic adds what it lacks. */
  base?: Record<string, unknown>
}

export interface EventsDraft {
  catalog: Record<string, unknown>
  eventCount: number
  warnings: Array<{ file: string; line: number; message: string }>
}

interface PropertySeen {
  count: number
  types: Set<string>
  values: Set<string> | undefined
  pii?: string
}
interface EventSeen {
  count: number
  seenAs: Set<string>
  properties: Map<string, PropertySeen>
}

const jsonType = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v

export async function draftCatalogFromEvents(sources: readonly InputSource[], options: EventsDraftOptions = {}): Promise<EventsDraft> {
  const style = options.style ?? 'dot.snake_case'
  const threshold = options.enumThreshold ?? 12
  const events = new Map<string, EventSeen>()
  const warnings: EventsDraft['warnings'] = []
  const warned = new Set<string>()
  const consumer = {
    inputProblem: (file: string, line: number, message: string) => void warnings.push({ file, line, message }),
    fileRead: () => {},
    check: (event: SentEvent, file: string, line: number) => {
      if (event.name === undefined || event.name.startsWith('$')) return
      const name = normalizeEventName(event.name, style)
      let seen = events.get(name)
      if (!seen) events.set(name, (seen = { count: 0, seenAs: new Set(), properties: new Map() }))
      seen.count++
      seen.seenAs.add(event.name)
      for (const [key, value] of Object.entries(event.properties)) {
        if (key.startsWith('$')) continue
        const type = jsonType(value)
        if (isForbiddenKey(key, undefined, type === 'integer' ? 'number' : (type as 'string'))) {
          if (!warned.has(key)) warnings.push({ file, line, message: `"${key}" is a forbidden key: left out of the draft; stop sending it.` })
          warned.add(key)
          continue
        }
        let p = seen.properties.get(key)
        if (!p) seen.properties.set(key, (p = { count: 0, types: new Set(), values: new Set() }))
        p.count++
        p.types.add(type)
        if (typeof value === 'string') {
          const kind = personalDataKind(value)
          if (kind !== undefined) p.pii = kind
          if (p.values && p.values.size <= threshold) p.values.add(value)
          if (p.values && p.values.size > threshold) p.values = undefined
        }
      }
    },
  }
  for (const source of sources) await verifySource(source, consumer, options)

  const base = options.base ?? {
    $schema: 'https://herald.dev/schema/catalog.schema.json',
    title: 'Event catalog',
    version: '0.1.0',
    naming: { style },
    events: {},
  }
  const drafted: Record<string, unknown> = { ...((base.events as Record<string, unknown> | undefined) ?? {}) }
  for (const [name, seen] of [...events].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (Object.hasOwn(drafted, name)) continue
    const properties: Record<string, unknown> = {}
    const required: string[] = []
    for (const [key, p] of [...seen.properties].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const types = [...p.types].map((t) => (t === 'undefined' ? 'null' : t)).sort()
      const schema: Record<string, unknown> = {
        type: types.length === 1 ? types[0] : types.includes('integer') && types.includes('number') && types.length === 2 ? 'number' : types,
      }
      if (p.values && types.length === 1 && types[0] === 'string' && p.values.size > 0 && p.pii === undefined) schema.enum = [...p.values].sort()
      if (p.pii !== undefined) {
        schema.pii = 'personal'
        schema.transform = 'hash'
        schema['x-herald-review'] = `values looked like ${p.pii === 'email' ? 'e-mail addresses' : `${p.pii.replace('-', ' ')}s`}: hash or drop it`
      }
      properties[key] = schema
      if (p.count === seen.count) required.push(key)
    }
    const event: Record<string, unknown> = { description: `Seen ${seen.count} times in traffic; describe it.`, properties }
    if (required.length > 0) event.required = required
    if (seen.seenAs.size > 1 || !seen.seenAs.has(name)) event['x-herald-seen-as'] = [...seen.seenAs].sort()
    drafted[name] = event
  }
  return { catalog: { ...base, events: drafted }, eventCount: events.size, warnings }
}
