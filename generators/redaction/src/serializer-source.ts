/**
 * A redaction plan compiled to a serializer of the redacted object: the JSON members of its kept keys, one
 * `jsonMember` call a key with the key's JSON text (`,"key":`) written at generate time, so nothing walks
 * the object or escapes a key while the app runs.
 */
import type { ObjectPlan } from './redaction-plan.js'
import { type Code, fixed, identifier, lines, MEMBER, nodes, or, STRICT_EQUAL, stringLiteral, template } from './ts-source.js'

/** The `@herald/runtime` exports the generated serializers call. */
export const JSON_MEMBER = 'jsonMember'
export const JSON_PLAIN_MEMBER = 'jsonPlainMember'

const serializer = (variables: 'none' | 'o' | 'o, v') =>
  template((h, ts) => {
    const f = ts.factory
    const declarations = [f.createVariableDeclaration('o', undefined, undefined, f.createStringLiteral(''))]
    if (variables === 'o, v') declarations.push(f.createVariableDeclaration('v', undefined, f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)))
    const body =
      variables === 'none'
        ? [f.createReturnStatement(f.createStringLiteral(''))]
        : [f.createVariableStatement(undefined, f.createVariableDeclarationList(declarations, ts.NodeFlags.Let)), h.lines(1), f.createReturnStatement(f.createIdentifier('o'))]
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
const SERIALIZER = serializer('o')
const SERIALIZER_WITH_V = serializer('o, v')
const EMPTY_SERIALIZER = serializer('none')
const APPEND_MEMBER = template((h, ts) =>
  ts.factory.createExpressionStatement(
    ts.factory.createAssignment(ts.factory.createIdentifier('o'), ts.factory.createCallExpression(ts.factory.createIdentifier(JSON_MEMBER), undefined, [ts.factory.createIdentifier('o'), h.hole(0), h.hole(1)])),
  ),
)
const READ = template((h, ts) => ts.factory.createExpressionStatement(ts.factory.createAssignment(ts.factory.createIdentifier('v'), h.hole(0))))
/** One of the listed strings is written as it is; anything else goes through `jsonMember`. */
const APPEND_LISTED = template((h, ts) => {
  const f = ts.factory
  const o = () => f.createIdentifier('o')
  const v = () => f.createIdentifier('v')
  return f.createExpressionStatement(
    f.createAssignment(
      o(),
      f.createConditionalExpression(
        h.hole(0),
        f.createToken(ts.SyntaxKind.QuestionToken),
        f.createCallExpression(f.createIdentifier(JSON_PLAIN_MEMBER), undefined, [o(), h.hole(1), v()]),
        f.createToken(ts.SyntaxKind.ColonToken),
        f.createCallExpression(f.createIdentifier(JSON_MEMBER), undefined, [o(), h.hole(1), v()]),
      ),
    ),
  )
})
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
 * `function name(r: Record<string, unknown>): string` writing the members of the plan's kept keys. A value
 * that is one of the strings an enum lists, and that needs no escaping, is written without the escape
 * check every other string gets (`jsonPlainMember`): most enum-typed values take that path.
 */
export function compileSerializer(plan: ObjectPlan, name: string): { declaration: Code; helpers: Set<string> } {
  const helpers = new Set<string>()
  const fields = new Map(plan.fields.filter((field) => field.action !== 'drop').map((field) => [field.key, field]))
  const keys = serializationOrder([...fields.keys()])
  if (keys.length === 0) return { declaration: EMPTY_SERIALIZER.fill(identifier(name)), helpers }
  helpers.add(JSON_MEMBER)
  const members = keys.map((key) => {
    const keyJson = stringLiteral(`,${JSON.stringify(key)}:`)
    const value = key === '__proto__' ? OWN_PROTO.fill() : MEMBER.fill(R, stringLiteral(key))
    const field = fields.get(key)!
    const plain = field.action === 'keep' ? (field.strings ?? []).filter((text) => JSON.stringify(text) === `"${text}"`) : []
    if (plain.length === 0) return APPEND_MEMBER.fill(keyJson, value)
    helpers.add(JSON_PLAIN_MEMBER)
    return lines([READ.fill(value), APPEND_LISTED.fill(or(plain.map((text) => STRICT_EQUAL.fill(V, stringLiteral(text)))), keyJson)])
  })
  return { declaration: (helpers.has(JSON_PLAIN_MEMBER) ? SERIALIZER_WITH_V : SERIALIZER).fill(identifier(name), lines(members)), helpers }
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/

/** Own keys in the order objects keep them, and JSON.stringify writes them: array indices first, ascending. */
export function serializationOrder(keys: readonly string[]): string[] {
  const isIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b))
  return [...indices, ...keys.filter((key) => !isIndex(key))]
}
