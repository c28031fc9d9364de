/** Property schemas as TypeScript types: string-literal unions for enums, never TS enums; closed object types. */
import type { PropertySchema } from '@herald/core'
import { tsSource, valueKinds } from '@herald/generator-redaction'
import ts from 'typescript'

const { f, numberLiteral, propertyName, str, typeRef, unknownType, withJsDoc } = tsSource

export function schemaType(schema: PropertySchema): ts.TypeNode {
  if (schema.const !== undefined) return literalType(schema.const)
  if (schema.enum !== undefined) return union(schema.enum.map(literalType))
  const kinds = valueKinds(schema)
  const members: ts.TypeNode[] = []
  for (const kind of kinds) {
    switch (kind) {
      case 'string':
        members.push(f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword))
        break
      case 'number':
        members.push(f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword))
        break
      case 'boolean':
        members.push(f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword))
        break
      case 'null':
        members.push(f.createLiteralTypeNode(f.createNull()))
        break
      case 'array':
        members.push(f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createArrayTypeNode(schema.items ? parenthesize(schemaType(schema.items)) : unknownType())))
        break
      case 'object':
        members.push(schema.properties ? objectType(schema.properties, schema.required ?? []) : typeRef('Record', f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), unknownType()))
        break
    }
  }
  return members.length === 0 ? f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword) : union(members)
}

/** The members of an object type: one property signature per declared key, optional unless required, with JSDoc. */
export function propertySignatures(properties: Record<string, PropertySchema>, required: readonly string[]): ts.PropertySignature[] {
  return Object.entries(properties).map(([key, schema]) =>
    withJsDoc(
      f.createPropertySignature(undefined, propertyName(key), required.includes(key) ? undefined : f.createToken(ts.SyntaxKind.QuestionToken), schemaType(schema)),
      propertyDoc(schema),
    ),
  )
}

export function objectType(properties: Record<string, PropertySchema>, required: readonly string[]): ts.TypeLiteralNode {
  return f.createTypeLiteralNode(propertySignatures(properties, required))
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

function literalType(value: unknown): ts.TypeNode {
  if (value === null) return f.createLiteralTypeNode(f.createNull())
  switch (typeof value) {
    case 'string':
      return f.createLiteralTypeNode(str(value))
    case 'boolean':
      return f.createLiteralTypeNode(value ? f.createTrue() : f.createFalse())
    case 'number':
      return f.createLiteralTypeNode(numberLiteral(value) as ts.LiteralExpression)
    case 'object':
      if (Array.isArray(value)) return f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createTupleTypeNode(value.map(literalType)))
      return f.createTypeLiteralNode(
        Object.entries(value as Record<string, unknown>).map(([key, item]) =>
          f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], propertyName(key), undefined, literalType(item)),
        ),
      )
    default:
      return unknownType()
  }
}

function union(members: ts.TypeNode[]): ts.TypeNode {
  return members.length === 1 ? members[0]! : f.createUnionTypeNode(members)
}

function parenthesize(type: ts.TypeNode): ts.TypeNode {
  return ts.isUnionTypeNode(type) || ts.isFunctionTypeNode(type) || ts.isTypeOperatorNode(type) ? f.createParenthesizedType(type) : type
}
