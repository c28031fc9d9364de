/** Property schemas as TypeScript types: string-literal unions for enums, never TS enums; closed object types. */
import type { PropertySchema } from '@herald/core'
import { type Code, tsSource, valueKinds } from '@herald/generator-redaction'

const { chain, COMMA_LINE, docComment, documented, fixed, join, lines, numberLiteral, propertyName, stringLiteral, template, UNION } = tsSource

const PROPERTY = template((h, ts) => ts.factory.createPropertySignature(undefined, h.hole(0), undefined, h.type(1)))
const OPTIONAL_PROPERTY = template((h, ts) =>
  ts.factory.createPropertySignature(undefined, h.hole(0), ts.factory.createToken(ts.SyntaxKind.QuestionToken), h.type(1)),
)
const READONLY_PROPERTY = template((h, ts) =>
  ts.factory.createPropertySignature([ts.factory.createModifier(ts.SyntaxKind.ReadonlyKeyword)], h.hole(0), undefined, h.type(1)),
)
const TYPE_LITERAL = template((h, ts) => ts.factory.createTypeLiteralNode([h.members(0)]))
const READONLY_ARRAY = template((h, ts) => ts.factory.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, ts.factory.createArrayTypeNode(h.type(0))))
const PARENTHESIZED = template((h, ts) => ts.factory.createParenthesizedType(h.type(0)))
/** Tuples print one element a line; the hole takes them joined by `,\n`. */
const READONLY_TUPLE = template((h, ts) => ts.factory.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, ts.factory.createTupleTypeNode([h.typeLines(0)])))
const RECORD = fixed('Record<string, unknown>')

/** A type and whether it needs parentheses as an array's element type (a union or a type operator does). */
interface TypeCode {
  code: Code
  compound: boolean
}

export function schemaType(schema: PropertySchema): Code {
  return typeOf(schema).code
}

function typeOf(schema: PropertySchema): TypeCode {
  if (schema.const !== undefined) return literalType(schema.const)
  if (schema.enum !== undefined) return union(schema.enum.map(literalType))
  const members: TypeCode[] = []
  for (const kind of valueKinds(schema)) {
    switch (kind) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
        members.push({ code: fixed(kind), compound: false })
        break
      case 'array': {
        const items = schema.items ? typeOf(schema.items) : { code: fixed('unknown'), compound: false }
        members.push({ code: READONLY_ARRAY.fill(items.compound ? PARENTHESIZED.fill(items.code) : items.code), compound: true })
        break
      }
      case 'object':
        members.push({ code: schema.properties ? objectType(schema.properties, schema.required ?? []) : RECORD, compound: false })
        break
    }
  }
  return members.length === 0 ? { code: fixed('never'), compound: false } : union(members)
}

/** The members of an object type: one property signature per declared key, optional unless required, with JSDoc. */
export function propertySignatures(properties: Record<string, PropertySchema>, required: readonly string[]): Code[] {
  return Object.entries(properties).map(([key, schema]) =>
    documented(docComment(propertyDoc(schema)), (required.includes(key) ? PROPERTY : OPTIONAL_PROPERTY).fill(propertyName(key), schemaType(schema))),
  )
}

export function objectType(properties: Record<string, PropertySchema>, required: readonly string[]): Code {
  return typeLiteral(propertySignatures(properties, required))
}

function typeLiteral(members: readonly Code[]): Code {
  // `{}` would take any value but null and undefined; an object declared with no property takes none.
  return members.length === 0 ? fixed('Record<string, never>') : TYPE_LITERAL.fill(lines(members))
}

function propertyDoc(schema: PropertySchema): string[] {
  const lines: string[] = []
  if (schema.description !== undefined) lines.push(schema.description)
  if (schema.transform === 'hash') lines.push('Hashed (HMAC-SHA256) before it leaves the process.')
  if (schema.transform === 'drop') lines.push('Validated in development, never sent.')
  if (schema.format !== undefined) lines.push(`Format: ${schema.format}.`)
  if (schema.deprecated === true) lines.push('@deprecated')
  return lines
}

function literalType(value: unknown): TypeCode {
  if (value === null) return { code: fixed('null'), compound: false }
  switch (typeof value) {
    case 'string':
      return { code: stringLiteral(value), compound: false }
    case 'boolean':
      return { code: fixed(value ? 'true' : 'false'), compound: false }
    case 'number':
      return { code: numberLiteral(value), compound: false }
    case 'object':
      if (Array.isArray(value))
        return {
          code: READONLY_TUPLE.fill(
            join(
              value.map((item) => literalType(item).code),
              COMMA_LINE,
            ),
          ),
          compound: true,
        }
      return {
        code: typeLiteral(
          Object.entries(value as Record<string, unknown>).map(([key, item]) => READONLY_PROPERTY.fill(propertyName(key), literalType(item).code)),
        ),
        compound: false,
      }
    default:
      return { code: fixed('unknown'), compound: false }
  }
}

function union(members: readonly TypeCode[]): TypeCode {
  return members.length === 1
    ? members[0]!
    : {
        code: chain(
          members.map((member) => member.code),
          UNION,
        ),
        compound: true,
      }
}
