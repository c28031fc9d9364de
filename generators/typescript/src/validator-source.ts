/**
 * Dev validators, compiled at generate time from the catalog's own property-schema subset (type, enum,
 * const, string/number/array/object keywords, the formats ajv-formats defines) straight to small
 * TypeScript functions. Semantics follow ajv's, and a differential test against ajv holds them to it.
 * They return the first problem as "<json pointer> <rule>", never the offending value.
 */
import type { JsonType, PropertySchema } from '@herald/core'
import { type Code, tsSource } from '@herald/generator-redaction'
import { fullFormats } from 'ajv-formats/dist/formats.js'

const {
  and,
  call,
  CONST,
  fixed,
  identifier,
  IF,
  IF_BLOCK,
  jsonLiteral,
  lines,
  member,
  nodes,
  not,
  numberLiteral,
  or,
  PURE_NEW_REGEXP,
  RETURN,
  STRICT_EQUAL,
  stringLiteral,
  template,
  typeOf,
} = tsSource

/** Formats validated by a runtime helper (ajv-formats implements them as functions). */
const HELPER_FORMATS: Record<string, string> = { date: 'isDate', time: 'isTime', 'date-time': 'isDateTime' }

/** The formats the validators check; others are annotations, as they are to ajv with `formats: { name: true }`. */
export const VALIDATED_FORMATS: readonly string[] = [
  ...Object.keys(HELPER_FORMATS),
  ...Object.entries(fullFormats)
    .filter(([, format]) => format instanceof RegExp && !format.global && !format.sticky)
    .map(([name]) => name),
]

const validatorFunction = (parameterType: 'unknown' | 'record') =>
  template((h, ts) => {
    const f = ts.factory
    const type = parameterType === 'unknown' ? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword) : nodes.record()
    return f.createFunctionDeclaration(
      undefined,
      undefined,
      h.hole(0),
      undefined,
      [nodes.parameter('v', type)],
      f.createUnionTypeNode([f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]),
      f.createBlock([h.lines(1), f.createReturnStatement(f.createIdentifier('undefined'))], true),
    )
  })
const FUNCTION_OF_UNKNOWN = validatorFunction('unknown')
const FUNCTION_OF_RECORD = validatorFunction('record')

/** A nested function's problem, forwarded with this path in front (or as it is, at the same path). */
const CONST_E = template((h) => nodes.variable('e', undefined, h.hole(0), 'const'))
const RETURN_E = template((h, ts) => {
  const f = ts.factory
  return f.createIfStatement(
    f.createStrictInequality(f.createIdentifier('e'), f.createIdentifier('undefined')),
    f.createReturnStatement(f.createAdd(h.hole(0), f.createIdentifier('e'))),
  )
})
const RETURN_E_AS_IS = template((_, ts) => {
  const f = ts.factory
  return f.createIfStatement(
    f.createStrictInequality(f.createIdentifier('e'), f.createIdentifier('undefined')),
    f.createReturnStatement(f.createIdentifier('e')),
  )
})
const FOR_ITEMS = template((h, ts) => {
  const f = ts.factory
  const i = () => f.createIdentifier('i')
  return f.createForStatement(
    f.createVariableDeclarationList([f.createVariableDeclaration('i', undefined, undefined, f.createNumericLiteral(0))], ts.NodeFlags.Let),
    f.createLessThan(i(), f.createPropertyAccessExpression(h.hole(0), 'length')),
    f.createPostfixIncrement(i()),
    f.createBlock([h.lines(1)], true),
  )
})
// `String(i)`: a number added to a string is what typescript-eslint's strict `restrict-plus-operands` refuses.
const ITEM_PATH = template((h, ts) =>
  ts.factory.createAdd(h.hole(0), ts.factory.createCallExpression(ts.factory.createIdentifier('String'), undefined, [ts.factory.createIdentifier('i')])),
)
const ITEM = template((h, ts) => ts.factory.createElementAccessExpression(h.hole(0), ts.factory.createIdentifier('i')))
/** One declared property's checks, on its value `x`, when present. */
const PROPERTY_CHECKS = template((h, ts) => {
  const f = ts.factory
  const x = () => f.createIdentifier('x')
  return f.createBlock(
    [
      nodes.variable('x', undefined, h.hole(0), 'const'),
      f.createIfStatement(f.createStrictInequality(x(), f.createIdentifier('undefined')), f.createBlock([h.lines(1)], true)),
    ],
    true,
  )
})
/** A required property's checks: its absence has returned already (and TypeScript knows, so no second test). */
const REQUIRED_PROPERTY_CHECKS = template((h, ts) => ts.factory.createBlock([nodes.variable('x', undefined, h.hole(0), 'const'), h.lines(1)], true))
const undeclaredKeys = (filtered: boolean) =>
  template((h, ts) => {
    const f = ts.factory
    const report = f.createReturnStatement(
      f.createAdd(f.createAdd(f.createStringLiteral('/'), f.createIdentifier('k')), f.createStringLiteral(' is not declared')),
    )
    return f.createForInStatement(
      f.createVariableDeclarationList([f.createVariableDeclaration('k')], ts.NodeFlags.Const),
      f.createIdentifier('v'),
      filtered ? f.createIfStatement(h.hole(0), report) : report,
    )
  })
const UNDECLARED_KEYS = undeclaredKeys(true)
/** An object that declares no key: its first key, if any, is the problem. */
const ANY_KEY = undeclaredKeys(false)
const LENGTH = template((h, ts) => ts.factory.createPropertyAccessExpression(h.hole(0), 'length'))
const method = (object: string, name: string) =>
  template((h, ts) =>
    ts.factory.createCallExpression(ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier(object), name), undefined, [h.hole(0)]),
  )
const NUMBER_IS_FINITE = method('Number', 'isFinite')
const NUMBER_IS_INTEGER = method('Number', 'isInteger')
const ARRAY_IS_ARRAY = method('Array', 'isArray')
const REGEXP_TEST = template((h, ts) => ts.factory.createCallExpression(ts.factory.createPropertyAccessExpression(h.hole(0), 'test'), undefined, [h.hole(1)]))
const binary = (operator: 'less' | 'greater' | 'lessEqual' | 'greaterEqual') =>
  template((h, ts) => {
    const kinds = {
      less: ts.SyntaxKind.LessThanToken,
      greater: ts.SyntaxKind.GreaterThanToken,
      lessEqual: ts.SyntaxKind.LessThanEqualsToken,
      greaterEqual: ts.SyntaxKind.GreaterThanEqualsToken,
    } as const
    return ts.factory.createBinaryExpression(h.hole(0), kinds[operator], h.hole(1))
  })
const LESS = binary('less')
const GREATER = binary('greater')
const LESS_EQUAL = binary('lessEqual')
const GREATER_EQUAL = binary('greaterEqual')

const UNDEFINED = fixed('undefined')
const NULL = fixed('null')
const V = fixed('v')
const X = fixed('x')

/** What one generated file shares between its validators: hoisted regular expressions and runtime helpers. */
export class ValidatorScope {
  readonly helpers = new Set<string>()
  readonly hoisted: Code[] = []
  private readonly regexes = new Map<string, string>()
  private readonly functionCounts = new Map<string, number>()

  constructor(private readonly prefix = '$v') {}

  helper(name: string): Code {
    this.helpers.add(name)
    return identifier(name)
  }

  /** A module-level `new RegExp(source, flags)`, built once and shared; the source stays a string literal. */
  regex(source: string, flags: string, hint: string): Code {
    const key = `${flags}/${source}`
    let name = this.regexes.get(key)
    if (name === undefined) {
      name = `${this.prefix}_${hint}${this.regexes.size}`
      this.regexes.set(key, name)
      this.hoisted.push(CONST.fill(identifier(name), PURE_NEW_REGEXP.fill(stringLiteral(source), stringLiteral(flags))))
    }
    return identifier(name)
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
  declarations: Code[]
}

/**
 * `function name(p: unknown): string | undefined` for an event's properties: a closed object with these
 * properties and required keys (undeclared keys are reported too: redaction would drop them).
 */
export function compileEventValidator(
  scope: ValidatorScope,
  name: string,
  properties: Record<string, PropertySchema>,
  required: readonly string[],
): CompiledValidator {
  return compileValidator(scope, name, { type: 'object', properties, required: [...required], additionalProperties: false })
}

/** `function name(v: unknown): string | undefined` for any property schema. */
export function compileValidator(scope: ValidatorScope, name: string, schema: PropertySchema): CompiledValidator {
  const declarations: Code[] = []
  // A nested function's messages start with its own path ("" + " must…"), which its caller prefixes;
  // only the entry function says "/" for the value itself.
  let emptyPath = '/'
  const fail = (path: string, message: string) => RETURN.fill(stringLiteral(`${path === '' ? emptyPath : path} ${message}`))
  const failIf = (condition: Code, path: string, message: string) => IF.fill(condition, fail(path, message))

  /** Forwards a nested function's problem, with `path` (an expression; undefined: none) in front. */
  const forward = (result: Code, path: Code | undefined): Code =>
    lines([CONST_E.fill(result), path === undefined ? RETURN_E_AS_IS.fill() : RETURN_E.fill(path)])

  const declare = (fnName: string, parameter: 'unknown' | 'record', build: () => Code[], entry = false) => {
    const saved = emptyPath
    emptyPath = entry ? '/' : ''
    const body = build()
    emptyPath = saved
    declarations.push((parameter === 'unknown' ? FUNCTION_OF_UNKNOWN : FUNCTION_OF_RECORD).fill(identifier(fnName), lines(body)))
  }

  /** Checks of one value `x` (an identifier) at `path`. */
  const valueChecks = (node: PropertySchema, x: Code, path: string): Code[] => {
    const out: Code[] = []
    const types = node.type === undefined ? undefined : Array.isArray(node.type) ? node.type : [node.type]
    if (types !== undefined) out.push(failIf(not(or(types.map((type) => typeCondition(type, x)))), path, `must be ${types.join(' or ')}`))
    if (node.const !== undefined) out.push(failIf(not(equalsCondition(x, node.const)), path, `must be equal to ${shortJson(node.const)}`))
    if (node.enum !== undefined) out.push(failIf(not(or(node.enum.map((value) => equalsCondition(x, value)))), path, `must be one of ${shortJson(node.enum)}`))

    const strings: Code[] = []
    if (node.minLength !== undefined)
      strings.push(
        failIf(LESS.fill(call(scope.helper('codePointLength'), x), numberLiteral(node.minLength)), path, `must have at least ${node.minLength} characters`),
      )
    if (node.maxLength !== undefined)
      strings.push(
        failIf(GREATER.fill(call(scope.helper('codePointLength'), x), numberLiteral(node.maxLength)), path, `must have at most ${node.maxLength} characters`),
      )
    if (node.pattern !== undefined)
      strings.push(failIf(not(REGEXP_TEST.fill(scope.regex(node.pattern, 'u', 'pattern'), x)), path, `must match the pattern ${shortJson(node.pattern)}`))
    if (node.format !== undefined) {
      const check = formatCondition(node.format, x)
      if (check) strings.push(failIf(not(check), path, `must be a valid ${shortJson(node.format)}`))
    }
    if (strings.length > 0) out.push(IF_BLOCK.fill(typeOf(x, 'string'), lines(strings)))

    const numbers: Code[] = []
    const bound = (value: number | undefined, operator: typeof LESS, message: string) => {
      if (value !== undefined) numbers.push(failIf(operator.fill(x, numberLiteral(value)), path, `${message} ${value}`))
    }
    bound(node.maximum, GREATER, 'must be <=')
    bound(node.minimum, LESS, 'must be >=')
    bound(node.exclusiveMaximum, GREATER_EQUAL, 'must be <')
    bound(node.exclusiveMinimum, LESS_EQUAL, 'must be >')
    if (node.multipleOf !== undefined)
      numbers.push(failIf(not(call(scope.helper('isMultipleOf'), x, numberLiteral(node.multipleOf))), path, `must be a multiple of ${node.multipleOf}`))
    if (numbers.length > 0) out.push(IF_BLOCK.fill(typeOf(x, 'number'), lines(numbers)))

    const arrays: Code[] = []
    if (node.minItems !== undefined)
      arrays.push(failIf(LESS.fill(LENGTH.fill(x), numberLiteral(node.minItems)), path, `must have at least ${node.minItems} items`))
    if (node.maxItems !== undefined)
      arrays.push(failIf(GREATER.fill(LENGTH.fill(x), numberLiteral(node.maxItems)), path, `must have at most ${node.maxItems} items`))
    if (node.items !== undefined) {
      const itemName = scope.functionName(name)
      declare(itemName, 'unknown', () => valueChecks(node.items!, V, ''))
      arrays.push(FOR_ITEMS.fill(x, forward(call(identifier(itemName), ITEM.fill(x)), ITEM_PATH.fill(stringLiteral(`${path}/`)))))
    }
    if (node.uniqueItems === true) arrays.push(failIf(not(call(scope.helper('hasUniqueItems'), x)), path, 'must not have duplicate items'))
    if (arrays.length > 0) out.push(IF_BLOCK.fill(ARRAY_IS_ARRAY.fill(x), lines(arrays)))

    if (node.properties !== undefined || (node.required?.length ?? 0) > 0 || node.additionalProperties === false) {
      const objectName = scope.functionName(name)
      declare(objectName, 'record', () => objectChecks(node))
      out.push(IF_BLOCK.fill(call(scope.helper('isRecord'), x), forward(call(identifier(objectName), x), path === '' ? undefined : stringLiteral(path))))
    }
    return out
  }

  const objectChecks = (node: PropertySchema): Code[] => {
    const out: Code[] = []
    const required = new Set(node.required ?? [])
    for (const key of required) out.push(failIf(STRICT_EQUAL.fill(member(V, key), UNDEFINED), '', `must have the required property ${shortJson(key)}`))
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const checks = valueChecks(child, X, `/${pointerToken(key)}`)
      if (checks.length === 0) continue
      out.push((required.has(key) ? REQUIRED_PROPERTY_CHECKS : PROPERTY_CHECKS).fill(member(V, key), lines(checks)))
    }
    if (node.additionalProperties === false) {
      const declared = Object.keys(node.properties ?? {})
      out.push(declared.length === 0 ? ANY_KEY.fill() : UNDECLARED_KEYS.fill(not(or(declared.map((key) => STRICT_EQUAL.fill(fixed('k'), stringLiteral(key)))))))
    }
    return out
  }

  const typeCondition = (type: JsonType, x: Code): Code => {
    switch (type) {
      case 'string':
      case 'boolean':
        return typeOf(x, type)
      case 'number':
        return and([typeOf(x, 'number'), NUMBER_IS_FINITE.fill(x)])
      case 'integer':
        return NUMBER_IS_INTEGER.fill(x)
      case 'null':
        return STRICT_EQUAL.fill(x, NULL)
      case 'array':
        return ARRAY_IS_ARRAY.fill(x)
      case 'object':
        return call(scope.helper('isRecord'), x)
    }
  }

  const equalsCondition = (x: Code, value: unknown): Code =>
    value !== null && typeof value === 'object' ? call(scope.helper('isEqual'), x, jsonLiteral(value)) : STRICT_EQUAL.fill(x, jsonLiteral(value))

  const formatCondition = (format: string, x: Code): Code | undefined => {
    const helper = HELPER_FORMATS[format]
    if (helper !== undefined) return call(scope.helper(helper), x)
    const known = Object.hasOwn(fullFormats, format) ? (fullFormats as Record<string, unknown>)[format] : undefined
    if (!(known instanceof RegExp) || !VALIDATED_FORMATS.includes(format)) return undefined
    return REGEXP_TEST.fill(scope.regex(known.source, known.flags, 'format'), x)
  }

  if (schema.type === 'object' && schema.enum === undefined && schema.const === undefined) {
    // The usual root, an event's properties: check the object once, then its keys, in one function.
    declare(name, 'unknown', () => [failIf(not(call(scope.helper('isRecord'), V)), '', 'must be object'), ...objectChecks(schema)], true)
  } else declare(name, 'unknown', () => valueChecks(schema, V, ''), true)
  // The entry function first, then the nested ones, for readable output.
  declarations.unshift(declarations.pop()!)
  return { name, declarations }
}

/** A key as a JSON pointer token (`~` and `/` escaped), as the validators' messages show it. */
export function pointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
