/**
 * Building TypeScript source with the compiler API: catalog text only ever enters the output as string
 * literals (escaped by the printer) or as comments (escaped here), never pasted into code.
 */
import ts from 'typescript'

export const f = ts.factory

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false })

/** Prints statements as one module, after the generated-file header. */
export function printModule(header: string, statements: readonly ts.Statement[]): string {
  const file = ts.createSourceFile('generated.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  return header + printer.printList(ts.ListFormat.MultiLine, f.createNodeArray(statements), file)
}

export function str(value: string): ts.StringLiteral {
  return f.createStringLiteral(value)
}

/** A literal expression for any JSON value. */
export function jsonLiteral(value: unknown): ts.Expression {
  if (value === null) return f.createNull()
  switch (typeof value) {
    case 'string':
      return str(value)
    case 'boolean':
      return value ? f.createTrue() : f.createFalse()
    case 'number':
      return numberLiteral(value)
    case 'object':
      if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map(jsonLiteral), false)
      return f.createObjectLiteralExpression(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => f.createPropertyAssignment(propertyName(k), jsonLiteral(v))),
        false,
      )
    default:
      return f.createIdentifier('undefined')
  }
}

export function numberLiteral(value: number): ts.Expression {
  if (!Number.isFinite(value)) return f.createIdentifier(Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity')
  if (value < 0 || Object.is(value, -0)) return f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value))
  return f.createNumericLiteral(value)
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A property name: an identifier when the key is one, else a string literal. */
export function propertyName(key: string): ts.PropertyName {
  return IDENTIFIER.test(key) && key !== '__proto__' ? f.createIdentifier(key) : str(key)
}

/** `object["key"]`: element access with a string literal works for every key a catalog can hold. */
export function member(object: ts.Expression, key: string): ts.Expression {
  return f.createElementAccessExpression(object, str(key))
}

export function id(name: string): ts.Identifier {
  return f.createIdentifier(name)
}

export function call(callee: string | ts.Expression, ...args: ts.Expression[]): ts.CallExpression {
  return f.createCallExpression(typeof callee === 'string' ? id(callee) : callee, undefined, args)
}

export function typeOf(value: ts.Expression, type: string): ts.Expression {
  return f.createStrictEquality(f.createTypeOfExpression(value), str(type))
}

export function or(conditions: ts.Expression[]): ts.Expression {
  return conditions.reduce((a, b) => f.createLogicalOr(a, b))
}

export function and(conditions: ts.Expression[]): ts.Expression {
  return conditions.reduce((a, b) => f.createLogicalAnd(a, b))
}

export function not(expression: ts.Expression): ts.Expression {
  return f.createLogicalNot(f.createParenthesizedExpression(expression))
}

export function constStatement(name: string, initializer: ts.Expression, type?: ts.TypeNode, exported = false): ts.VariableStatement {
  return f.createVariableStatement(
    exported ? [f.createModifier(ts.SyntaxKind.ExportKeyword)] : undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, type, initializer)], ts.NodeFlags.Const),
  )
}

export function typeRef(name: string, ...args: ts.TypeNode[]): ts.TypeReferenceNode {
  return f.createTypeReferenceNode(name, args.length ? args : undefined)
}

export const unknownType = (): ts.TypeNode => f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)
export const stringType = (): ts.TypeNode => f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)
export const recordType = (): ts.TypeNode => typeRef('Record', stringType(), unknownType())

export function param(name: string, type?: ts.TypeNode): ts.ParameterDeclaration {
  return f.createParameterDeclaration(undefined, undefined, name, undefined, type)
}

/** Marks a call as free of side effects, so bundlers drop it when nothing uses its result. */
export function pure<T extends ts.Node>(node: T): T {
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, '#__PURE__', false)
}

/**
 * Comment text from the catalog: `*\/` cannot close the comment, and the line terminators JavaScript knows
 * (CR, LF, U+2028, U+2029) become separate comment lines.
 */
export function commentLines(text: string): string[] {
  return text
    .replace(/\*\//g, '*\\/')
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) => line.replace(/\s+$/, ''))
}

/** Attaches a JSDoc block (`/** … *\/`) built from lines of text. */
export function withJsDoc<T extends ts.Node>(node: T, lines: string[]): T {
  const kept = lines.flatMap(commentLines)
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop()
  if (kept.length === 0) return node
  const body = kept.length === 1 ? `* ${kept[0]} ` : `*\n${kept.map((line) => (line === '' ? ' *' : ` * ${line}`)).join('\n')}\n `
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, body, true)
}

export { ts }
