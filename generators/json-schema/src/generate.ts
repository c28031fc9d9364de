/**
 * The JSON Schema generator: one standalone draft 2020-12 schema per wire event (`events/<name>.schema.json`)
 * and a bundle of all of them under `$defs` (`bundle.schema.json`), for tools other than Herald.
 */
import { createHash } from 'node:crypto'
import { type Catalog, type GeneratedFile, generatedNotice } from '@herald/core'
import { DRAFT_2020_12, type JsonSchema, wireEventSchema } from './json-schema.js'

export interface JsonSchemaOptions {
  /** Also write one file per wire event (default true); the bundle is always written. */
  perEvent?: boolean
}

export function generate(catalog: Catalog, options: JsonSchemaOptions = {}): GeneratedFile[] {
  const notice = generatedNotice(catalog)
  const files: GeneratedFile[] = []
  const defs: Record<string, JsonSchema> = {}
  const taken = new Set<string>()
  for (const wire of catalog.wireEvents) {
    const schema = wireEventSchema(catalog, wire)
    defs[wire.name] = schema
    if (options.perEvent !== false) {
      files.push({ path: `events/${fileName(wire.name, taken)}.schema.json`, content: json({ $comment: notice, ...schema }) })
    }
  }
  const bundle: JsonSchema = {
    $comment: notice,
    $schema: DRAFT_2020_12,
    title: catalog.title ?? 'Herald events',
    ...(catalog.version !== undefined ? { version: catalog.version } : {}),
    description: 'The properties of every wire event, under $defs by event name.',
    $defs: defs,
  }
  files.unshift({ path: 'bundle.schema.json', content: json(bundle) })
  return files
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** A portable file name: safe characters, bounded length, unique even on case-insensitive disks. */
function fileName(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_')
  if (base.length > 100) base = `${base.slice(0, 100)}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`
  let candidate = base
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base}-${i}`
  taken.add(candidate.toLowerCase())
  return candidate
}
