/**
 * Deterministic NDJSON traffic for the verify row: events of the synthetic catalog, half as Herald delivery
 * lines and half as PostHog export lines, with one line in twenty breaking a rule — each kind in turn, so every
 * rule of `herald verify` is exercised — and the count of each planted kind, to check the report against.
 */
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { isMainModule } from './is-main-module.js'
import type { CatalogDocument, CatalogEventDocument, JsonSchema } from './make-catalog.js'

export const PLANTED = [
  'no-undeclared-event',
  'no-undeclared-property',
  'invalid-property-value',
  'missing-required-property',
  'no-forbidden-property',
  'no-pii-value',
  'no-pii-distinct-id',
  'no-deprecated-event',
  'readable-input',
] as const
export type PlantedRule = (typeof PLANTED)[number]

const SHARED_VALUES: Record<string, unknown> = {
  locale: 'en-GB',
  country: 'GB',
  client_version: '4.2.0',
  error_code: 'E_TIMEOUT',
  ip: '10.0.0.1',
}

function valueOf(schema: JsonSchema, shared: CatalogDocument['properties']): unknown {
  const ref = typeof schema.$ref === 'string' ? schema.$ref.split('/').pop()! : undefined
  if (ref !== undefined) return ref in SHARED_VALUES ? SHARED_VALUES[ref] : valueOf(shared[ref]!, shared)
  if (Array.isArray(schema.enum)) return schema.enum[0]
  switch (schema.type) {
    case 'boolean':
      return true
    case 'integer':
      return 3
    case 'number':
      return 12.5
    case 'array':
      return [valueOf(schema.items as JsonSchema, shared)]
    case 'object': {
      const properties = schema.properties as Record<string, JsonSchema>
      return Object.fromEntries((schema.required as string[]).map((key) => [key, valueOf(properties[key]!, shared)]))
    }
    default:
      return schema.format === 'date-time' ? '2026-12-01T10:00:00.000Z' : schema.format === 'uuid' ? '0b8f3a52-8f2e-4b8e-9d4c-1f2a3b4c5d6e' : 'plain value'
  }
}

interface Usable {
  name: string
  event: CatalogEventDocument
  properties: Record<string, unknown>
}

/** The properties a clean event of `event` sends: its required ones and the first few others. */
function cleanProperties(event: CatalogEventDocument, shared: CatalogDocument['properties']): Record<string, unknown> {
  const keys = Object.keys(event.properties).filter((key, i) => event.required.includes(key) || i < 4)
  return Object.fromEntries(keys.map((key) => [key, valueOf(event.properties[key]!, shared)]))
}

/** Writes `lines` lines to `file`; resolves to how many lines of each planted kind it wrote. */
export async function writeTraffic(catalog: CatalogDocument, lines: number, file: string): Promise<Record<PlantedRule, number>> {
  const usable: Usable[] = Object.entries(catalog.events).map(([name, event]) => ({ name, event, properties: cleanProperties(event, catalog.properties) }))
  const signals = usable.filter((u) => u.event.kind !== 'span' && u.event.deprecated === undefined)
  const withEnum = signals.filter((u) => Object.keys(u.properties).some((key) => Array.isArray(u.event.properties[key]!.enum)))
  const withRequired = signals.filter((u) => u.event.required.length > 0)
  const withLabel = signals.filter((u) => Object.keys(u.properties).some((key) => key.endsWith('_label')))
  const deprecated = usable.filter((u) => u.event.kind !== 'span' && u.event.deprecated !== undefined)
  const planted = Object.fromEntries(PLANTED.map((rule) => [rule, 0])) as Record<PlantedRule, number>
  const personal = ['ada@example.com', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl', '4111 1111 1111 1111', '192.168.10.12']

  const out = createWriteStream(file)
  let chunk: string[] = []
  const started = Date.parse('2026-12-01T00:00:00.000Z')
  for (let i = 0; i < lines; i++) {
    let pick = signals[i % signals.length]!
    let name = pick.name
    let properties = pick.properties
    let distinctId = `u_${i % 997}`
    if (i % 20 === 19) {
      const n = Math.floor(i / 20)
      const rule = PLANTED[n % PLANTED.length]!
      planted[rule]++
      switch (rule) {
        case 'no-undeclared-event':
          name = `${pick.name}_typo`
          break
        case 'no-undeclared-property':
          properties = { ...properties, bench_extra_count: 1 }
          break
        case 'invalid-property-value': {
          pick = withEnum[n % withEnum.length]!
          name = pick.name
          const key = Object.keys(pick.properties).find((k) => Array.isArray(pick.event.properties[k]!.enum))!
          properties = { ...pick.properties, [key]: 'not_a_declared_value' }
          break
        }
        case 'missing-required-property': {
          pick = withRequired[n % withRequired.length]!
          name = pick.name
          properties = { ...pick.properties }
          delete properties[pick.event.required[0]!]
          break
        }
        case 'no-forbidden-property':
          // The key is also undeclared: both are reported.
          properties = { ...properties, context: { client_secret: 's3cr3t-value' } }
          planted['no-undeclared-property']++
          break
        case 'no-pii-value': {
          pick = withLabel[n % withLabel.length]!
          name = pick.name
          const key = Object.keys(pick.properties).find((k) => k.endsWith('_label'))!
          properties = { ...pick.properties, [key]: personal[n % personal.length] }
          break
        }
        case 'no-pii-distinct-id':
          distinctId = `user${n}@example.com`
          break
        case 'no-deprecated-event':
          pick = deprecated[n % deprecated.length]!
          name = pick.name
          properties = pick.properties
          break
        case 'readable-input':
          break
      }
      if (rule === 'readable-input') {
        chunk.push(`{"event": "${pick.name}", "properties": {`)
        continue
      }
    }
    const timestamp = new Date(started + i * 1000).toISOString()
    const line =
      i % 2 === 0
        ? JSON.stringify({ event: name, properties, distinctId, timestamp })
        : JSON.stringify({ event: name, distinct_id: distinctId, properties, timestamp, uuid: `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}` })
    chunk.push(line)
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain')
      chunk = []
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\n')}\n`)
  out.end()
  await once(out, 'finish')
  return planted
}

// tsx bench/make-traffic.ts <catalog.json> <lines> <out.ndjson> <planted-out.json>: the verify row writes its
// traffic in a child, since a child's peak RSS starts from its parent's when it is spawned.
if (isMainModule(import.meta.url)) {
  const [catalogFile, lines, out, plantedOut] = process.argv.slice(2)
  const catalog = JSON.parse(readFileSync(String(catalogFile), 'utf8')) as CatalogDocument
  writeFileSync(String(plantedOut), JSON.stringify(await writeTraffic(catalog, Number(lines), String(out))))
}
