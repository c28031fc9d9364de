/**
 * Dev validators, compiled at generate time from the catalog's own property-schema subset (type, enum,
 * const, string/number/array/object keywords, the formats ajv-formats defines) straight to small
 * TypeScript functions. Semantics follow ajv's, and a differential test against ajv holds them to it.
 * They return the first problem as "<json pointer> <rule>", never the offending value.
 */
import type { JsonType, PropertySchema } from '@herald/core'
import { tsSource } from '@herald/generator-redaction'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import ts from 'typescript'

const { and, call, constStatement, f, id, member, not, numberLiteral, jsonLiteral, or, param, pure, recordType, str, typeOf, unknownType } = tsSource

/** Formats validated by a runtime helper (ajv-formats implements them as functions). */
const HELPER_FORMATS: Record<string, string> = { date: 'isDate', time: 'isTime', 'date-time': 'isDateTime' }

/** The formats the validators check; others are annotations, as they are to ajv with `formats: { name: true }`. */
export const VALIDATED_FORMATS: readonly string[] = [
  ...Object.keys(HELPER_FORMATS),
  ...Object.entries(fullFormats)
    .filter(([, format]) => format instanceof RegExp && !format.global && !format.sticky)
    .map(([name]) => name),
]

/** What one generated file shares between its validators: hoisted regular expressions and runtime helpers. */
export class ValidatorScope {
  readonly helpers = new Set<string>()
  readonly hoisted: ts.Statement[] = []
  private readonly regexes = new Map<string, string>()
  private readonly functionCounts = new Map<string, number>()

  constructor(private readonly prefix = '$v') {}

  helper(name: string): ts.Identifier {
    this.helpers.add(name)
    return id(name)
  }

  /** A module-level `new RegExp(source, flags)`, built once and shared; the source stays a string literal. */
  regex(source: string, flags: string, hint: string): ts.Identifier {
    const key = `${flags}/${source}`
    let name = this.regexes.get(key)
    if (name === undefined) {
      name = `${this.prefix}_${hint}${this.regexes.size}`
      this.regexes.set(key, name)
      this.hoisted.push(constStatement(name, pure(f.createNewExpression(id('RegExp'), undefined, [str(source), str(flags)]))))
    }
    return id(name)
  }

  /** Numbered per base name, so one event's change never renames another event's functions. */
  functionName(base: string): string {
    const count = (this.functionCounts.get(base) ?? 0) + 1
    this.functionCounts.set(base, count)
    return `${base}_${count}`
  }
}

export interface CompiledValidator {
  name: string
  declarations: ts.FunctionDeclaration[]
}

/**
 * `function name(p: unknown): string | undefined` for an event's properties: a closed object with these
 * properties and required keys (undeclared keys are reported too: redaction would drop them).
 */
export function compileEventValidator(scope: ValidatorScope, name: string, properties: Record<string, PropertySchema>, required: readonly string[]): CompiledValidator {
  return compileValidator(scope, name, { type: 'object', properties, required: [...required], additionalProperties: false })
}

/** `function name(v: unknown): string | undefined` for any property schema. */
export function compileValidator(scope: ValidatorScope, name: string, schema: PropertySchema): CompiledValidator {
  const declarations: ts.FunctionDeclaration[] = []
  // A nested function's messages start with its own path ("" + " must…"), which its caller prefixes;
  // only the entry function says "/" for the value itself.
  let emptyPath = '/'
  const fail = (path: string, message: string) => f.createReturnStatement(str(`${path === '' ? emptyPath : path} ${message}`))
  const resultType = () => f.createUnionTypeNode([f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)])

  /** Forwards a nested function's problem, with this path in front. */
  const forward = (result: ts.Expression, path: ts.Expression): ts.Statement =>
    f.createBlock(
      [
        constStatement('e', result),
        f.createIfStatement(
          f.createStrictInequality(id('e'), id('undefined')),
          f.createReturnStatement(ts.isStringLiteral(path) && path.text === '' ? id('e') : f.createAdd(path, id('e'))),
        ),
      ],
      true,
    )

  const declare = (fnName: string, parameter: ts.ParameterDeclaration, build: () => ts.Statement[], entry = false) => {
    const saved = emptyPath
    emptyPath = entry ? '/' : ''
    const body = build()
    emptyPath = saved
    declarations.push(f.createFunctionDeclaration(undefined, undefined, fnName, undefined, [parameter], resultType(), f.createBlock([...body, f.createReturnStatement(id('undefined'))], true)))
  }

  /** Checks of one value `x` (an identifier) at `path`. */
  const valueChecks = (node: PropertySchema, x: ts.Identifier, path: string): ts.Statement[] => {
    const out: ts.Statement[] = []
    const types = node.type === undefined ? undefined : Array.isArray(node.type) ? node.type : [node.type]
    if (types !== undefined) out.push(f.createIfStatement(not(or(types.map((type) => typeCondition(type, x)))), fail(path, `must be ${types.join(' or ')}`)))
    if (node.const !== undefined) out.push(f.createIfStatement(not(equalsCondition(x, node.const)), fail(path, `must be equal to ${shortJson(node.const)}`)))
    if (node.enum !== undefined) {
      out.push(f.createIfStatement(not(or(node.enum.map((value) => equalsCondition(x, value)))), fail(path, `must be one of ${shortJson(node.enum)}`)))
    }

    const strings: ts.Statement[] = []
    if (node.minLength !== undefined) strings.push(f.createIfStatement(f.createLessThan(call(scope.helper('codePointLength'), x), numberLiteral(node.minLength)), fail(path, `must have at least ${node.minLength} characters`)))
    if (node.maxLength !== undefined) strings.push(f.createIfStatement(f.createGreaterThan(call(scope.helper('codePointLength'), x), numberLiteral(node.maxLength)), fail(path, `must have at most ${node.maxLength} characters`)))
    if (node.pattern !== undefined) {
      strings.push(f.createIfStatement(not(call(f.createPropertyAccessExpression(scope.regex(node.pattern, 'u', 'pattern'), 'test'), x)), fail(path, `must match the pattern ${shortJson(node.pattern)}`)))
    }
    if (node.format !== undefined) {
      const check = formatCondition(node.format, x)
      if (check) strings.push(f.createIfStatement(not(check), fail(path, `must be a valid ${shortJson(node.format)}`)))
    }
    if (strings.length > 0) out.push(f.createIfStatement(typeOf(x, 'string'), f.createBlock(strings, true)))

    const numbers: ts.Statement[] = []
    const bound = (value: number | undefined, operator: ts.BinaryOperator, message: string) => {
      if (value !== undefined) numbers.push(f.createIfStatement(f.createBinaryExpression(x, operator, numberLiteral(value)), fail(path, `${message} ${value}`)))
    }
    bound(node.maximum, ts.SyntaxKind.GreaterThanToken, 'must be <=')
    bound(node.minimum, ts.SyntaxKind.LessThanToken, 'must be >=')
    bound(node.exclusiveMaximum, ts.SyntaxKind.GreaterThanEqualsToken, 'must be <')
    bound(node.exclusiveMinimum, ts.SyntaxKind.LessThanEqualsToken, 'must be >')
    if (node.multipleOf !== undefined) {
      numbers.push(f.createIfStatement(not(call(scope.helper('isMultipleOf'), x, numberLiteral(node.multipleOf))), fail(path, `must be a multiple of ${node.multipleOf}`)))
    }
    if (numbers.length > 0) out.push(f.createIfStatement(typeOf(x, 'number'), f.createBlock(numbers, true)))

    const arrays: ts.Statement[] = []
    if (node.minItems !== undefined) arrays.push(f.createIfStatement(f.createLessThan(f.createPropertyAccessExpression(x, 'length'), numberLiteral(node.minItems)), fail(path, `must have at least ${node.minItems} items`)))
    if (node.maxItems !== undefined) arrays.push(f.createIfStatement(f.createGreaterThan(f.createPropertyAccessExpression(x, 'length'), numberLiteral(node.maxItems)), fail(path, `must have at most ${node.maxItems} items`)))
    if (node.items !== undefined) {
      const itemName = scope.functionName(name)
      declare(itemName, param('v', unknownType()), () => valueChecks(node.items!, id('v'), ''))
      arrays.push(
        f.createForStatement(
          f.createVariableDeclarationList([f.createVariableDeclaration('i', undefined, undefined, f.createNumericLiteral(0))], ts.NodeFlags.Let),
          f.createLessThan(id('i'), f.createPropertyAccessExpression(x, 'length')),
          f.createPostfixIncrement(id('i')),
          forward(call(itemName, f.createElementAccessExpression(x, id('i'))), f.createAdd(str(`${path}/`), id('i'))),
        ),
      )
    }
    if (node.uniqueItems === true) arrays.push(f.createIfStatement(not(call(scope.helper('hasUniqueItems'), x)), fail(path, 'must not have duplicate items')))
    if (arrays.length > 0) out.push(f.createIfStatement(call(f.createPropertyAccessExpression(id('Array'), 'isArray'), x), f.createBlock(arrays, true)))

    if (node.properties !== undefined || (node.required?.length ?? 0) > 0 || node.additionalProperties === false) {
      const objectName = scope.functionName(name)
      declare(objectName, param('v', recordType()), () => objectChecks(node))
      out.push(f.createIfStatement(call(scope.helper('isRecord'), x), forward(call(objectName, x), str(path))))
    }
    return out
  }

  const objectChecks = (node: PropertySchema): ts.Statement[] => {
    const out: ts.Statement[] = []
    for (const key of node.required ?? []) {
      out.push(f.createIfStatement(f.createStrictEquality(member(id('v'), key), id('undefined')), fail('', `must have the required property ${shortJson(key)}`)))
    }
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const checks = valueChecks(child, id('x'), `/${pointerToken(key)}`)
      if (checks.length === 0) continue
      out.push(f.createBlock([constStatement('x', member(id('v'), key)), f.createIfStatement(f.createStrictInequality(id('x'), id('undefined')), f.createBlock(checks, true))], true))
    }
    if (node.additionalProperties === false) {
      const declared = Object.keys(node.properties ?? {})
      const undeclared = declared.length === 0 ? f.createTrue() : not(or(declared.map((key) => f.createStrictEquality(id('k'), str(key)))))
      out.push(
        f.createForInStatement(
          f.createVariableDeclarationList([f.createVariableDeclaration('k')], ts.NodeFlags.Const),
          id('v'),
          f.createIfStatement(undeclared, f.createReturnStatement(f.createAdd(f.createAdd(str('/'), id('k')), str(' is not declared')))),
        ),
      )
    }
    return out
  }

  const typeCondition = (type: JsonType, x: ts.Expression): ts.Expression => {
    switch (type) {
      case 'string':
      case 'boolean':
        return typeOf(x, type)
      case 'number':
        return and([typeOf(x, 'number'), call(f.createPropertyAccessExpression(id('Number'), 'isFinite'), x)])
      case 'integer':
        return call(f.createPropertyAccessExpression(id('Number'), 'isInteger'), x)
      case 'null':
        return f.createStrictEquality(x, f.createNull())
      case 'array':
        return call(f.createPropertyAccessExpression(id('Array'), 'isArray'), x)
      case 'object':
        return call(scope.helper('isRecord'), x)
    }
  }

  const equalsCondition = (x: ts.Expression, value: unknown): ts.Expression =>
    value !== null && typeof value === 'object' ? call(scope.helper('isEqual'), x, jsonLiteral(value)) : f.createStrictEquality(x, jsonLiteral(value))

  const formatCondition = (format: string, x: ts.Expression): ts.Expression | undefined => {
    const helper = HELPER_FORMATS[format]
    if (helper !== undefined) return call(scope.helper(helper), x)
    const known = Object.hasOwn(fullFormats, format) ? (fullFormats as Record<string, unknown>)[format] : undefined
    if (!(known instanceof RegExp) || !VALIDATED_FORMATS.includes(format)) return undefined
    return call(f.createPropertyAccessExpression(scope.regex(known.source, known.flags, 'format'), 'test'), x)
  }

  if (schema.type === 'object' && schema.enum === undefined && schema.const === undefined) {
    // The usual root, an event's properties: check the object once, then its keys, in one function.
    declare(name, param('v', unknownType()), () => [f.createIfStatement(not(call(scope.helper('isRecord'), id('v'))), fail('', 'must be object')), ...objectChecks(schema)], true)
  } else declare(name, param('v', unknownType()), () => valueChecks(schema, id('v'), ''), true)
  // The entry function first, then the nested ones, for readable output.
  declarations.unshift(declarations.pop()!)
  return { name, declarations }
}

function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
