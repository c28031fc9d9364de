/**
 * A redaction plan compiled to a serializer of the redacted object: the JSON members of its kept keys
 * (`"key":value,"key":value`, no braces), with each key's JSON text written at generate time, so nothing walks
 * the object or escapes a key while the app runs.
 *
 * The redactor lets through only the kinds the catalog declares, so each key gets a fast path for its kind:
 * a listed enum string or a boolean is one constant member, a string that needs no escaping is written
 * between quotes, a number as `JSON.stringify` writes it. Any other value, which only a sink that changed
 * the event can put there, goes through the general `jsonMember`. Few pieces a member matters: the string is
 * built by concatenation, and every piece is one more node for the engine to allocate and flatten.
 */
import type { FieldPlan, ObjectPlan } from './redaction-plan.js'
import { type Code, fixed, identifier, lines, MEMBER, nodes, STRICT_EQUAL, stringLiteral, template, typeOf } from './ts-source.js'

/** The `@herald/runtime` exports the generated serializers call. */
export const JSON_MEMBER = 'jsonMember'
export const JSON_NUMBER = 'jsonNumber'
export const IS_PLAIN_JSON_STRING = 'isPlainJsonString'
export const SERIALIZER_HELPERS = [JSON_MEMBER, JSON_NUMBER, IS_PLAIN_JSON_STRING] as const

const serializer = (variables: 'none' | 'o, v' | 'o, v, first') =>
  template((h, ts) => {
    const f = ts.factory
    const declarations = [f.createVariableDeclaration('o', undefined, undefined, f.createStringLiteral('')), f.createVariableDeclaration('v', undefined, f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword))]
    if (variables === 'o, v, first') declarations.push(f.createVariableDeclaration('a', undefined, f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword)))
    // `a`: the first member was absent, so `o` starts with the comma of the next member (or is empty).
    const result =
      variables === 'o, v, first'
        ? f.createConditionalExpression(
            f.createIdentifier('a'),
            f.createToken(ts.SyntaxKind.QuestionToken),
            f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('o'), 'slice'), undefined, [f.createNumericLiteral(1)]),
            f.createToken(ts.SyntaxKind.ColonToken),
            f.createIdentifier('o'),
          )
        : f.createIdentifier('o')
    const body =
      variables === 'none'
        ? [f.createReturnStatement(f.createStringLiteral(''))]
        : [f.createVariableStatement(undefined, f.createVariableDeclarationList(declarations, ts.NodeFlags.Let)), h.lines(1), f.createReturnStatement(result)]
    return f.createFunctionDeclaration(
      undefined,
      undefined,
      h.hole(0),
      undefined,
      [nodes.parameter('r', nodes.record())],
      f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      f.createBlock(body, true),
    )
  })
const SERIALIZER = serializer('o, v')
const SERIALIZER_WITH_FIRST = serializer('o, v, first')
const EMPTY_SERIALIZER = serializer('none')
/** `a = o === "";` after the first member. */
const FIRST_ABSENT = template((_, ts) =>
  ts.factory.createExpressionStatement(ts.factory.createAssignment(ts.factory.createIdentifier('a'), ts.factory.createStrictEquality(ts.factory.createIdentifier('o'), ts.factory.createStringLiteral('')))),
)
const READ = template((h, ts) => ts.factory.createExpressionStatement(ts.factory.createAssignment(ts.factory.createIdentifier('v'), h.hole(0))))
/** `o += member;` */
const APPEND = template((h, ts) => ts.factory.createExpressionStatement(ts.factory.createBinaryExpression(ts.factory.createIdentifier('o'), ts.SyntaxKind.PlusEqualsToken, h.hole(0))))
/** `condition ? then : otherwise`; nested in `otherwise` for a chain. */
const CONDITIONAL = template((h, ts) => {
  const f = ts.factory
  return f.createConditionalExpression(h.hole(0), f.createToken(ts.SyntaxKind.QuestionToken), h.hole(1), f.createToken(ts.SyntaxKind.ColonToken), h.hole(2))
})
const AND = template((h, ts) => ts.factory.createLogicalAnd(h.hole(0), h.hole(1)))
const PLUS = template((h, ts) => ts.factory.createAdd(h.hole(0), h.hole(1)))
const CALL_V = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, [ts.factory.createIdentifier('v')]))
const CALL_KEY_V = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, [h.hole(1), ts.factory.createIdentifier('v')]))
/** `r.__proto__` is the prototype when the key is absent: read it only as an own key. */
const OWN_PROTO = template((h, ts) => {
  const f = ts.factory
  const r = () => f.createIdentifier('r')
  const key = () => f.createStringLiteral('__proto__')
  return f.createConditionalExpression(
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'hasOwn'), undefined, [r(), key()]),
    f.createToken(ts.SyntaxKind.QuestionToken),
    f.createElementAccessExpression(r(), key()),
    f.createToken(ts.SyntaxKind.ColonToken),
    f.createIdentifier('undefined'),
  )
})

const R = fixed('r')
const V = fixed('v')

/**
 * `function name(r: Record<string, unknown>): string` writing the members of the plan's kept keys in the
 * order `JSON.stringify` would: between braces, byte for byte `JSON.stringify` of the object.
 */
export function compileSerializer(plan: ObjectPlan, name: string): { declaration: Code; helpers: Set<string> } {
  const helpers = new Set<string>()
  const fields = new Map(plan.fields.filter((field) => field.action !== 'drop').map((field) => [field.key, field]))
  const keys = serializationOrder([...fields.keys()])
  if (keys.length === 0) return { declaration: EMPTY_SERIALIZER.fill(identifier(name)), helpers }
  helpers.add(JSON_MEMBER)
  const members = keys.map((key, index) => {
    const value = key === '__proto__' ? OWN_PROTO.fill() : MEMBER.fill(R, stringLiteral(key))
    // The first member is written without a comma; if it is absent, the comma of the next is dropped at the end.
    const opening = `${index === 0 ? '' : ','}${JSON.stringify(key)}:`
    const any = CALL_KEY_V.fill(fixed(JSON_MEMBER), stringLiteral(opening))
    const branches = fastPaths(fields.get(key)!, opening, helpers)
    const member = branches.reduceRight<Code>((otherwise, [condition, then]) => CONDITIONAL.fill(condition, then, otherwise), any)
    return lines([READ.fill(value), APPEND.fill(member), ...(index === 0 && keys.length > 1 ? [FIRST_ABSENT.fill()] : [])])
  })
  return { declaration: (keys.length > 1 ? SERIALIZER_WITH_FIRST : SERIALIZER).fill(identifier(name), lines(members)), helpers }
}

/** The [condition, member text] branches a value of the field's declared kinds takes before `jsonMember`. */
function fastPaths(field: FieldPlan, opening: string, helpers: Set<string>): Array<[Code, Code]> {
  const constant = (value: string | boolean): [Code, Code] => [STRICT_EQUAL.fill(V, typeof value === 'string' ? stringLiteral(value) : fixed(String(value))), stringLiteral(opening + JSON.stringify(value))]
  // Listed strings, written with the escaping JSON.stringify gives them; a hashed value is a hex string.
  const listed = field.action === 'keep' ? (field.strings ?? []).map(constant) : []
  const kinds = field.action === 'hash' ? new Set(['string']) : field.kinds
  if (kinds.size !== 1) return listed
  if (kinds.has('boolean')) return [constant(true), constant(false)]
  if (kinds.has('number')) {
    helpers.add(JSON_NUMBER)
    return [[typeOf(V, 'number'), PLUS.fill(stringLiteral(opening), CALL_V.fill(fixed(JSON_NUMBER)))]]
  }
  if (kinds.has('string')) {
    helpers.add(IS_PLAIN_JSON_STRING)
    const plain = AND.fill(typeOf(V, 'string'), CALL_V.fill(fixed(IS_PLAIN_JSON_STRING)))
    return [...listed, [plain, PLUS.fill(PLUS.fill(stringLiteral(`${opening}"`), V), stringLiteral('"'))]]
  }
  return listed
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/

/** Own keys in the order objects keep them, and JSON.stringify writes them: array indices first, ascending. */
export function serializationOrder(keys: readonly string[]): string[] {
  const isIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b))
  return [...indices, ...keys.filter((key) => !isIndex(key))]
}
