/**
 * An example call of an event's generated emitter, as the TypeScript generator shapes it:
 * `securityRateLimited(t, props)` for a signal, `authLogin(t, props, fn)` for a span.
 * It passes the required properties with plausible values taken from the schema.
 */
import type { CatalogEvent, PropertySchema } from '@herald/core'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

export function exampleCall(event: CatalogEvent): string {
  const props = objectLiteral(event.properties, event.required, '')
  if (event.kind === 'span') {
    return `${event.identifier}(t, ${props}, async () => {\n  // the operation: its duration goes on .stop, the class of an error it throws on .exception\n})`
  }
  return `${event.identifier}(t, ${props})`
}

function objectLiteral(properties: Record<string, PropertySchema>, required: readonly string[], indent: string): string {
  const entries = required
    .filter((name) => properties[name] !== undefined)
    .map((name) => `${IDENTIFIER.test(name) ? name : stringLiteral(name)}: ${exampleValue(properties[name]!, `${indent}  `)}`)
  if (entries.length === 0) return '{}'
  const oneLine = `{ ${entries.join(', ')} }`
  if (oneLine.length <= 60 && !oneLine.includes('\n')) return oneLine
  return `{\n${entries.map((entry) => `${indent}  ${entry},`).join('\n')}\n${indent}}`
}

function exampleValue(schema: PropertySchema, indent: string): string {
  const given = schema.examples?.[0] ?? schema.const ?? schema.enum?.[0] ?? schema.default
  if (given !== undefined) return jsonValue(given)
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'boolean':
      return 'true'
    case 'integer':
    case 'number':
      return String(schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : 1))
    case 'array':
      return schema.items ? `[${exampleValue(schema.items, indent)}]` : '[]'
    case 'object':
      return objectLiteral(schema.properties ?? {}, schema.required ?? [], indent)
    case 'null':
      return 'null'
    default:
      return stringLiteral(FORMAT_EXAMPLES[schema.format ?? ''] ?? '…')
  }
}

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2024-05-01T12:00:00Z',
  date: '2024-05-01',
  time: '12:00:00Z',
  uuid: '5f0c7e7a-3c1e-4d5b-9a51-1f2b3c4d5e6f',
  ipv4: '203.0.113.7',
  ipv6: '2001:db8::7',
  uri: 'https://example.com/',
  hostname: 'example.com',
}

/** A JSON value as TypeScript source; strings with single quotes, like the rest of the example. */
function jsonValue(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value)
  if (Array.isArray(value)) return `[${value.map(jsonValue).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${IDENTIFIER.test(key) ? key : stringLiteral(key)}: ${jsonValue(item)}`)
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/**
 * A single-quoted string literal that stays on one line whatever it holds: quotes, backslashes,
 * line breaks (U+2028 and U+2029 included) and other control characters are escaped.
 */
function stringLiteral(text: string): string {
  const body = text.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    if (c === '\\' || c === "'") return `\\${c}`
    if (c === '\n') return '\\n'
    if (c === '\r') return '\\r'
    if (c === '\t') return '\\t'
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  return `'${body}'`
}
