/**
 * Building TypeScript source from templates. A template is a small `ts.factory` tree with holes in it,
 * printed once by the TypeScript printer and split at the holes; generators fill the holes with other
 * filled templates, with identifiers (checked to be identifiers) and with the literals made here. Catalog
 * text enters the output only through `stringLiteral` (escaped exactly as the printer escapes a string
 * literal) and `docComment` (`commentLines` below), never pasted into code.
 *
 * Printing one tree per catalog cost seconds on large catalogs (building and printing hundreds of thousands
 * of nodes); printing a few dozen templates and joining text does not.
 */
import { createRequire } from 'node:module'
import type * as TS from 'typescript'
import { utf16Escape, visibleText } from '@herald/core'

declare const CODE: unique symbol
/** TypeScript source made by this module; a plain string is not accepted where code is. */
export type Code = string & { readonly [CODE]: true }

let api: typeof TS | undefined

/**
 * The compiler API, loaded on first use. `require`, not `import`: importing the CommonJS typescript.js from
 * ESM makes Node scan its 9 MB twice more (module-format detection and the export lexer), about 0.3 s.
 */
export function typescript(): typeof TS {
  api ??= createRequire(import.meta.url)('typescript') as typeof TS
  return api
}

let printer: TS.Printer | undefined
let printFile: TS.SourceFile | undefined

/**
 * What templates print: TypeScript, or JavaScript (the same trees with every type annotation, assertion and
 * type-only import taken out), so one set of templates writes both `events.ts` and `events.js`.
 */
export type OutputLanguage = 'ts' | 'js'
let language: OutputLanguage = 'ts'

/** Runs `build` with templates printing `target`; what it returns is code in that language. */
export function inLanguage<T>(target: OutputLanguage, build: () => T): T {
  const previous = language
  language = target
  try {
    return build()
  } finally {
    language = previous
  }
}

export function outputLanguage(): OutputLanguage {
  return language
}

function print(node: TS.Node): string {
  const ts = typescript()
  printer ??= ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false })
  printFile ??= ts.createSourceFile('template.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  return printer.printNode(ts.EmitHint.Unspecified, language === 'js' ? withoutTypes(node) : node, printFile)
}

/** The tree without TypeScript's additions, as a type-stripping compiler would leave it. */
function withoutTypes(root: TS.Node): TS.Node {
  const ts = typescript()
  const f = ts.factory
  const result = ts.transform(root, [
    (context) => {
      const visit = (node: TS.Node): TS.Node => {
        if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node))
          return visit(node.expression)
        if (ts.isParameter(node))
          return f.updateParameterDeclaration(
            node,
            node.modifiers,
            node.dotDotDotToken,
            visit(node.name) as TS.BindingName,
            undefined,
            undefined,
            node.initializer && (visit(node.initializer) as TS.Expression),
          )
        if (ts.isVariableDeclaration(node))
          return f.updateVariableDeclaration(node, node.name, undefined, undefined, node.initializer && (visit(node.initializer) as TS.Expression))
        if (ts.isFunctionDeclaration(node))
          return f.updateFunctionDeclaration(
            node,
            node.modifiers,
            node.asteriskToken,
            node.name,
            undefined,
            node.parameters.map((p) => visit(p) as TS.ParameterDeclaration),
            undefined,
            node.body && (visit(node.body) as TS.Block),
          )
        if (ts.isArrowFunction(node))
          return f.updateArrowFunction(
            node,
            node.modifiers,
            undefined,
            node.parameters.map((p) => visit(p) as TS.ParameterDeclaration),
            undefined,
            node.equalsGreaterThanToken,
            visit(node.body) as TS.ConciseBody,
          )
        if (ts.isFunctionExpression(node))
          return f.updateFunctionExpression(
            node,
            node.modifiers,
            node.asteriskToken,
            node.name,
            undefined,
            node.parameters.map((p) => visit(p) as TS.ParameterDeclaration),
            undefined,
            visit(node.body) as TS.Block,
          )
        if (ts.isCallExpression(node))
          return f.updateCallExpression(
            node,
            visit(node.expression) as TS.Expression,
            undefined,
            node.arguments.map((a) => visit(a) as TS.Expression),
          )
        if (ts.isNewExpression(node))
          return f.updateNewExpression(
            node,
            visit(node.expression) as TS.Expression,
            undefined,
            node.arguments?.map((a) => visit(a) as TS.Expression),
          )
        return ts.visitEachChild(node, visit, context)
      }
      return visit
    },
  ])
  const stripped = result.transformed[0]!
  return stripped
}

/** Builds a template's tree. `hole(n)` is an expression, type or name; `lines(n)` zero or more statements or members. */
export interface Holes {
  hole(index: number): TS.Identifier
  type(index: number): TS.TypeReferenceNode
  /** A statement position that takes any number of statements, each on its own line (none: the line goes). */
  lines(index: number): TS.ExpressionStatement
  /** The same, for the members of an interface or a type literal. */
  members(index: number): TS.PropertySignature
  /** The same, for the elements of a tuple type (joined by `COMMA_LINE`). */
  typeLines(index: number): TS.TypeReferenceNode
  /** The same, for the properties of a multi-line object literal (joined by `COMMA_LINE`). */
  properties(index: number): TS.ShorthandPropertyAssignment
}

interface Slot {
  index: number
  /** The indentation of the line the hole is on: lines after the first of a filled value get it too. */
  indent: string
  /** A `lines` hole: it takes whole lines, and an empty value removes its line. */
  whole: boolean
  newline: boolean
}

const HOLE_PATTERN = /^( *)LINES_(\d+)[;,]?(\n?)|HOLE_(\d+)/gm

/** A printed template, split at its holes. */
interface Printed {
  literals: string[]
  slots: Slot[]
  arity: number
}

export class Template {
  private printed: Partial<Record<OutputLanguage, Printed>> = {}

  constructor(private readonly build: (holes: Holes, ts: typeof TS) => TS.Node) {}

  /** Fills hole n with `values[n]`; each value is code made by this module. */
  fill(...values: Code[]): Code {
    const { literals, slots, arity } = (this.printed[language] ??= this.split())
    // In JavaScript a template may have lost its type holes: extra values are the types it no longer prints.
    if (language === 'ts' ? values.length !== arity : values.length < arity) throw new Error(`template takes ${arity} values, got ${values.length}`)
    let out = literals[0]!
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!
      const value = values[slot.index]!
      if (!slot.whole) out += indented(value, slot.indent)
      else if (value !== '') out += slot.indent + indented(value, slot.indent) + (slot.newline ? '\n' : '')
      out += literals[i + 1]!
    }
    return out as Code
  }

  private split(): Printed {
    const ts = typescript()
    const f = ts.factory
    const text = print(
      this.build(
        {
          hole: (index) => f.createIdentifier(`HOLE_${index}`),
          type: (index) => f.createTypeReferenceNode(`HOLE_${index}`),
          lines: (index) => f.createExpressionStatement(f.createIdentifier(`LINES_${index}`)),
          members: (index) => f.createPropertySignature(undefined, `LINES_${index}`, undefined, undefined),
          typeLines: (index) => f.createTypeReferenceNode(`LINES_${index}`),
          properties: (index) => f.createShorthandPropertyAssignment(`LINES_${index}`),
        },
        ts,
      ),
    )
    const literals: string[] = []
    const slots: Slot[] = []
    let last = 0
    for (const match of text.matchAll(HOLE_PATTERN)) {
      const at = match.index
      literals.push(text.slice(last, at))
      if (match[2] !== undefined) {
        slots.push({ index: Number(match[2]), indent: match[1]!, whole: true, newline: match[3] === '\n' })
      } else {
        const lineStart = text.lastIndexOf('\n', at - 1) + 1
        slots.push({ index: Number(match[4]), indent: /^ */.exec(text.slice(lineStart, at))![0], whole: false, newline: false })
      }
      last = at + match[0].length
    }
    literals.push(text.slice(last))
    // A hole the pattern missed (a `lines` hole that is not alone on its line) would leak into the output.
    if (literals.some((literal) => /HOLE_|LINES_/.test(literal))) throw new Error(`a template hole is not where it can be filled:\n${text}`)
    return { literals, slots, arity: slots.reduce((max, slot) => Math.max(max, slot.index + 1), 0) }
  }
}

/** Tree pieces templates share; only called while a template is printed. */
export const nodes = {
  /** `Record<string, unknown>` */
  record: (): TS.TypeReferenceNode => {
    const ts = typescript()
    return ts.factory.createTypeReferenceNode('Record', [
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword),
    ])
  },
  parameter: (name: string, type: TS.TypeNode, initializer?: TS.Expression): TS.ParameterDeclaration =>
    typescript().factory.createParameterDeclaration(undefined, undefined, name, undefined, type, initializer),
  /** `const name: type = initializer;` or `let …` */
  variable: (
    name: string | TS.Identifier,
    type: TS.TypeNode | undefined,
    initializer: TS.Expression | undefined,
    flags: 'const' | 'let',
  ): TS.VariableStatement => {
    const ts = typescript()
    const list = ts.factory.createVariableDeclarationList(
      [ts.factory.createVariableDeclaration(name, undefined, type, initializer)],
      flags === 'const' ? ts.NodeFlags.Const : ts.NodeFlags.Let,
    )
    return ts.factory.createVariableStatement(undefined, list)
  },
}

/** A template, printed when first filled. */
export function template(build: (holes: Holes, ts: typeof TS) => TS.Node): Template {
  return new Template(build)
}

function indented(value: string, indent: string): string {
  return indent === '' || !value.includes('\n') ? value : value.replaceAll('\n', `\n${indent}`)
}

/** Code that is already known to be code: fixed text written in a generator, such as a type name it declares. */
export function fixed<T extends string>(text: T): Code {
  return text as string as Code
}

// ---------------------------------------------------------------------------------------------------------
// Separators of lists, as the printer writes them (one statement or member a line; the printer indents).

export const COMMA = ', ' as Code
export const COMMA_LINE = ',\n' as Code

export function join(items: readonly Code[], separator: Code): Code {
  return items.join(separator) as Code
}

export function lines(items: readonly Code[]): Code {
  return items.join('\n') as Code
}

/** `a || b || c`, `A | B`: a list joined by a two-hole template of an associative operator. */
export function chain(items: readonly Code[], operator: Template): Code {
  if (items.length === 0) throw new Error('an operator chain needs at least one operand')
  let out = items[0]!
  for (let i = 1; i < items.length; i++) out = operator.fill(out, items[i]!)
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Leaves: the only ways catalog text becomes code.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * An identifier the generator chose (event identifiers may hold letters beyond ASCII, `unicodeÉvénement`);
 * anything else is a bug in the generator, not a property of the catalog.
 */
export function identifier(name: string): Code {
  if (!isIdentifierName(name)) throw new Error(`not an identifier: ${JSON.stringify(name)}`)
  return name as Code
}

let scanner: TS.Scanner | undefined

/** One identifier token, not a reserved word (contextual keywords such as `type` are identifiers), as TypeScript scans it. */
function isIdentifierName(name: string): boolean {
  const ts = typescript()
  scanner ??= ts.createScanner(ts.ScriptTarget.Latest, true)
  scanner.setText(name)
  const kind = scanner.scan()
  // A module is strict code: `await` is reserved there, and `eval` and `arguments` cannot be declared.
  if (scanner.getTokenEnd() !== name.length || scanner.getTokenValue() !== name || STRICT_MODULE_RESERVED.has(name)) return false
  return kind === ts.SyntaxKind.Identifier || (kind > ts.SyntaxKind.LastFutureReservedWord && kind <= ts.SyntaxKind.LastKeyword)
}
const STRICT_MODULE_RESERVED = new Set(['await', 'eval', 'arguments'])

const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/
const ESCAPED = /[\\"\u0000-\u001f\u2028\u2029\u0085]/g
const NON_ASCII = /[^\u0000-\u007f]/g
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\t': '\\t',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
  '\r': '\\r',
  '\n': '\\n',
  '\\': '\\\\',
  '"': '\\"',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
  '\u0085': '\\u0085',
}

/**
 * A double-quoted string literal, escaped as the TypeScript printer escapes `factory.createStringLiteral`
 * (a test holds the two equal): quotes, backslashes, control characters and line terminators, and every
 * non-ASCII character as `\uXXXX`, so no catalog text can end the literal or the line.
 */
export function stringLiteral(text: string): Code {
  if (PLAIN.test(text)) return `"${text}"` as Code
  const escaped = text
    .replace(ESCAPED, (char: string, offset: number) => {
      if (char !== '\u0000') return NAMED_ESCAPES[char] ?? utf16Escape(char)
      const next = text.charCodeAt(offset + 1)
      return next >= 0x30 && next <= 0x39 ? '\\x00' : '\\0'
    })
    .replace(NON_ASCII, utf16Escape)
  return `"${escaped}"` as Code
}

/** A number as the printer writes `createNumericLiteral`, with a prefix minus for negatives. */
export function numberLiteral(value: number): Code {
  if (!Number.isFinite(value)) return (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity') as Code
  if (value < 0 || Object.is(value, -0)) return `-${String(-value)}` as Code
  return String(value) as Code
}

/** A property name: an identifier when the key is one, else a string literal. */
export function propertyName(key: string): Code {
  return IDENTIFIER.test(key) && key !== '__proto__' ? (key as Code) : stringLiteral(key)
}

/**
 * Comment text from the catalog: `*\/` cannot close the comment, and the line terminators JavaScript knows
 * (CR, LF, U+2028, U+2029) become separate comment lines.
 */
export function commentLines(text: string): string[] {
  // Bidirectional overrides and invisible characters would make a comment read as other code (Trojan Source).
  return (
    visibleText(text.replace(/\*\//g, '*\\/'))
      .split(/\r\n|[\r\n\u2028\u2029]/)
      // An `@` after whitespace would start a JSDoc tag (`@deprecated` would mark the declaration deprecated);
      // as a character reference, editors still show `@`.
      .map((line) => line.replace(/\s+$/, '').replace(TAG_START, '$1&#64;'))
  )
}

const TAG_START = /(^|\s)@(?=[A-Za-z])/g

/** A JSDoc tag the generator writes (`@deprecated reason`): the tag stays a tag, its text is text. */
export interface DocTag {
  tag: string
  text: string
}

/** A JSDoc block (`/** … *\/`) from lines of text and tags; empty when there is nothing to say. */
export function docComment(text: ReadonlyArray<string | DocTag>): Code {
  const kept = text.flatMap((item) => {
    if (typeof item === 'string') return commentLines(item)
    const [first = '', ...rest] = commentLines(item.text)
    return [`@${item.tag} ${first}`.trimEnd(), ...rest]
  })
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop()
  if (kept.length === 0) return '' as Code
  if (kept.length === 1) return `/** ${kept[0]} */` as Code
  return `/**\n${kept.map((line) => (line === '' ? ' *' : ` * ${line}`)).join('\n')}\n */` as Code
}

/** A declaration with its JSDoc above it. */
export function documented(doc: Code, declaration: Code): Code {
  return (doc === '' ? declaration : `${doc}\n${declaration}`) as Code
}

/** A module: the generated-file header, then one statement a line. */
export function printModule(header: string, statements: readonly Code[]): string {
  return `${header}${statements.join('\n')}\n`
}

// ---------------------------------------------------------------------------------------------------------
// Templates shared by the generators.

export const OR = template((h, ts) => ts.factory.createLogicalOr(h.hole(0), h.hole(1)))
export const AND = template((h, ts) => ts.factory.createLogicalAnd(h.hole(0), h.hole(1)))
export const UNION = template((h, ts) => ts.factory.createUnionTypeNode([h.type(0), h.type(1)]))
/** `!(x)`: parenthesized, so any expression can be negated. */
export const NOT = template((h, ts) => ts.factory.createLogicalNot(ts.factory.createParenthesizedExpression(h.hole(0))))
export const TYPE_OF = template((h, ts) => ts.factory.createStrictEquality(ts.factory.createTypeOfExpression(h.hole(0)), h.hole(1)))
export const STRICT_EQUAL = template((h, ts) => ts.factory.createStrictEquality(h.hole(0), h.hole(1)))
export const CALL_0 = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, []))
export const CALL_1 = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, [h.hole(1)]))
export const CALL_2 = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, [h.hole(1), h.hole(2)]))
export const CALL_3 = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, [h.hole(1), h.hole(2), h.hole(3)]))
export const ARRAY_LITERAL = template((h, ts) => ts.factory.createArrayLiteralExpression([h.hole(0)], false))
/** `if (c)\n    s;` and the `else ` that chains another if statement after it. */
export const IF = template((h, ts) => ts.factory.createIfStatement(h.hole(0), h.lines(1)))
const IF_ELSE_IF = template((h, ts) => ts.factory.createIfStatement(h.hole(0), h.lines(1), ts.factory.createIfStatement(h.hole(2), h.lines(3))))
export const IF_BLOCK = template((h, ts) => ts.factory.createIfStatement(h.hole(0), ts.factory.createBlock([h.lines(1)], true)))
export const RETURN = template((h, ts) => ts.factory.createReturnStatement(h.hole(0)))
export const CONST = template((h) => nodes.variable(h.hole(0), undefined, h.hole(1), 'const'))
export const PROPERTY_ASSIGNMENT = template((h, ts) => ts.factory.createPropertyAssignment(h.hole(0), h.hole(1)))
/** `#__PURE__` marks a call as free of side effects, so bundlers drop it when nothing uses its result. */
export const PURE_NEW_REGEXP = template((h, ts) =>
  ts.addSyntheticLeadingComment(
    ts.factory.createNewExpression(ts.factory.createIdentifier('RegExp'), undefined, [h.hole(0), h.hole(1)]),
    ts.SyntaxKind.MultiLineCommentTrivia,
    '#__PURE__',
    false,
  ),
)

/** `if (a) s; else if (b) t; …`: branches of [condition, statement]. */
export function ifChain(branches: ReadonlyArray<readonly [Code, Code]>): Code {
  const [first, ...rest] = branches
  if (first === undefined) return '' as Code
  let out = IF.fill(first[0], first[1])
  for (const [condition, statement] of rest) out = (out + elseIfSeparator() + IF.fill(condition, statement)) as Code
  return out
}

let separatorOfElseIf: string | undefined
/** What the printer writes between a statement and the `if` of its `else if`. */
function elseIfSeparator(): string {
  if (separatorOfElseIf === undefined) {
    const a = 'a' as Code
    const b = 'b' as Code
    const printed = IF_ELSE_IF.fill(a, b, a, b)
    const single = IF.fill(a, b)
    separatorOfElseIf = printed.slice(single.length, printed.length - single.length)
  }
  return separatorOfElseIf
}

/** `[a, b]`, one line. */
export function arrayLiteral(items: readonly Code[]): Code {
  return ARRAY_LITERAL.fill(join(items, COMMA))
}

export function call(callee: Code, ...args: Code[]): Code {
  switch (args.length) {
    case 0:
      return CALL_0.fill(callee)
    case 1:
      return CALL_1.fill(callee, args[0]!)
    case 2:
      return CALL_2.fill(callee, args[0]!, args[1]!)
    case 3:
      return CALL_3.fill(callee, args[0]!, args[1]!, args[2]!)
    default:
      throw new Error(`call with ${args.length} arguments has no template`)
  }
}

export function or(conditions: readonly Code[]): Code {
  return chain(conditions, OR)
}

export function and(conditions: readonly Code[]): Code {
  return chain(conditions, AND)
}

export function not(condition: Code): Code {
  return NOT.fill(condition)
}

export function typeOf(value: Code, type: string): Code {
  return TYPE_OF.fill(value, stringLiteral(type))
}

/** `object["key"]`: element access with a string literal works for every key a catalog can hold. */
export const MEMBER = template((h, ts) => ts.factory.createElementAccessExpression(h.hole(0), h.hole(1)))

export function member(object: Code, key: string): Code {
  return MEMBER.fill(object, stringLiteral(key))
}

/** A literal expression for any JSON value. */
export function jsonLiteral(value: unknown): Code {
  if (value === null) return fixed('null')
  switch (typeof value) {
    case 'string':
      return stringLiteral(value)
    case 'boolean':
      return fixed(value ? 'true' : 'false')
    case 'number':
      return numberLiteral(value)
    case 'object':
      if (Array.isArray(value)) return arrayLiteral(value.map(jsonLiteral))
      return objectLiteral(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => PROPERTY_ASSIGNMENT.fill(propertyName(key), jsonLiteral(item))),
      )
    default:
      return fixed('undefined')
  }
}

const OBJECT_LITERAL = template((h, ts) => ts.factory.createObjectLiteralExpression([ts.factory.createShorthandPropertyAssignment(h.hole(0))], false))

/** `{ a: 1, b: 2 }`, one line. */
export function objectLiteral(properties: readonly Code[]): Code {
  return properties.length === 0 ? fixed('{}') : OBJECT_LITERAL.fill(join(properties, COMMA))
}

const MULTILINE_OBJECT = template((h, ts) => ts.factory.createObjectLiteralExpression([h.properties(0)], true))

/** `{\n    a: 1,\n    b: 2\n}`: one property a line, as the printer writes multi-line object literals. */
export function multilineObjectLiteral(properties: readonly Code[]): Code {
  return properties.length === 0 ? fixed('{}') : MULTILINE_OBJECT.fill(join(properties, COMMA_LINE))
}

const IMPORT = template((h, ts) =>
  ts.factory.createImportDeclaration(
    undefined,
    ts.factory.createImportClause(undefined, undefined, ts.factory.createNamedImports([ts.factory.createImportSpecifier(false, undefined, h.hole(0))])),
    h.hole(1),
  ),
)
const IMPORT_NOTHING = template((h, ts) =>
  ts.factory.createImportDeclaration(undefined, ts.factory.createImportClause(undefined, undefined, ts.factory.createNamedImports([])), h.hole(0)),
)
const TYPE_SPECIFIER = template((h, ts) => ts.factory.createImportSpecifier(true, undefined, h.hole(0)))
const RENAMING_SPECIFIER = template((h, ts) => ts.factory.createImportSpecifier(false, h.hole(0), h.hole(1)))

/** `import { type A, b, c as d } from "module";` (`as` names the import inside the module). */
export function importDeclaration(all: ReadonlyArray<{ name: string; typeOnly: boolean; as?: string }>, module: string): Code {
  const names = language === 'js' ? all.filter((name) => !name.typeOnly) : all
  if (names.length === 0) return IMPORT_NOTHING.fill(stringLiteral(module))
  const specifiers = names.map(({ name, typeOnly, as }) =>
    typeOnly
      ? TYPE_SPECIFIER.fill(identifier(name))
      : as !== undefined && as !== name
        ? RENAMING_SPECIFIER.fill(identifier(name), identifier(as))
        : identifier(name),
  )
  return IMPORT.fill(join(specifiers, COMMA), stringLiteral(module))
}
