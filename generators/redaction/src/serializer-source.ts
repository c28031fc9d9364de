/**
 * A redaction plan compiled to a serializer of the redacted object: the JSON members of its kept keys
 * (`"key":value,"key":value`, no braces), with each key's JSON text written at generate time, so nothing walks
 * the object or escapes a key while the app runs.
 *
 * The redactor lets through only the kinds the catalog declares, so a key declared one kind (string, number,
 * boolean, or a hashed value, a hex string) is written by that kind's member helper of the runtime, whose
 * fast path is inline there; any other value, which only a sink that changed the event can put there, takes
 * the helper's fallback, the general `jsonMember`. One call a member keeps the generated code, and so the
 * production bundle, small. Listed enum strings stay constant members in the generated code: without them
 * emitting was measurably slower (docs/performance.md).
 */
import type { FieldPlan, ObjectPlan } from './redaction-plan.js'
import { uniformShapes } from './redactor-source.js'
import { type Code, fixed, identifier, lines, MEMBER, nodes, STRICT_EQUAL, stringLiteral, template } from './ts-source.js'

/** The `@herald/runtime` exports the generated serializers call. */
export const JSON_MEMBER = 'jsonMember'
export const JSON_STRING_MEMBER = 'jsonStringMember'
export const JSON_NUMBER_MEMBER = 'jsonNumberMember'
export const JSON_BOOLEAN_MEMBER = 'jsonBooleanMember'
export const SERIALIZER_HELPERS = [JSON_MEMBER, JSON_STRING_MEMBER, JSON_NUMBER_MEMBER, JSON_BOOLEAN_MEMBER] as const

// `readsValue`: members read `let v` more than once; a single read declares `const v` itself (prefer-const).
// `uniform` (see `uniformShapes`): `let o = "", v, a` whatever the members read, `r` even when none is kept.
const serializer = (variables: 'none' | 'o' | 'o, first', readsValue = false, uniform = false) =>
  template((h, ts) => {
    const f = ts.factory
    const declarations = [f.createVariableDeclaration('o', undefined, undefined, f.createStringLiteral(''))]
    if (readsValue) declarations.push(f.createVariableDeclaration('v', undefined, f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)))
    if (uniform && variables === 'o, first')
      declarations.push(f.createVariableDeclaration('a', undefined, f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword)))
    // `a` (declared after the first member): the first member was absent, so `o` starts with the comma of the
    // next member (or is empty).
    const result =
      variables === 'o, first'
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
      variables === 'none' && !uniform ? [] : [nodes.parameter('r', nodes.record())],
      f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
      f.createBlock(body, true),
    )
  })
const SERIALIZER = serializer('o')
const SERIALIZER_WITH_FIRST = serializer('o, first')
const SERIALIZER_READING_V = serializer('o', true)
const SERIALIZER_WITH_FIRST_READING_V = serializer('o, first', true)
const EMPTY_SERIALIZER = serializer('none')
const UNIFORM_SERIALIZER = serializer('o', true, true)
const UNIFORM_SERIALIZER_WITH_FIRST = serializer('o, first', true, true)
const UNIFORM_EMPTY_SERIALIZER = serializer('none', false, true)
/** `const a = o === "";` after the first member. */
const FIRST_ABSENT = template((_, ts) =>
  nodes.variable('a', undefined, ts.factory.createStrictEquality(ts.factory.createIdentifier('o'), ts.factory.createStringLiteral('')), 'const'),
)
/** `a = o === "";`, `a` declared with `o` (see `uniformShapes`). */
const UNIFORM_FIRST_ABSENT = template((_, ts) =>
  ts.factory.createExpressionStatement(
    ts.factory.createAssignment(
      ts.factory.createIdentifier('a'),
      ts.factory.createStrictEquality(ts.factory.createIdentifier('o'), ts.factory.createStringLiteral('')),
    ),
  ),
)
/** `o += helper(opening, value);` */
const APPEND_MEMBER = template((h, ts) =>
  ts.factory.createExpressionStatement(
    ts.factory.createBinaryExpression(
      ts.factory.createIdentifier('o'),
      ts.SyntaxKind.PlusEqualsToken,
      ts.factory.createCallExpression(h.hole(0), undefined, [h.hole(1), h.hole(2)]),
    ),
  ),
)
/** `r.__proto__` is the prototype when the key is absent: read it only as an own key. */
const OWN_PROTO = template((_, ts) => {
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

const READ = template((h, ts) => ts.factory.createExpressionStatement(ts.factory.createAssignment(ts.factory.createIdentifier('v'), h.hole(0))))
const READ_ONCE = template((h, ts) => nodes.variable('v', ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword), h.hole(0), 'const'))
/** `o += member;` */
const APPEND = template((h, ts) =>
  ts.factory.createExpressionStatement(ts.factory.createBinaryExpression(ts.factory.createIdentifier('o'), ts.SyntaxKind.PlusEqualsToken, h.hole(0))),
)
/** `condition ? then : otherwise`; nested in `otherwise` for a chain. */
const CONDITIONAL = template((h, ts) => {
  const f = ts.factory
  return f.createConditionalExpression(h.hole(0), f.createToken(ts.SyntaxKind.QuestionToken), h.hole(1), f.createToken(ts.SyntaxKind.ColonToken), h.hole(2))
})
const CALL_KEY_V = template((h, ts) => ts.factory.createCallExpression(h.hole(0), undefined, [h.hole(1), ts.factory.createIdentifier('v')]))

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
  const uniform = uniformShapes()
  if (keys.length === 0) return { declaration: (uniform ? UNIFORM_EMPTY_SERIALIZER : EMPTY_SERIALIZER).fill(identifier(name)), helpers }
  const isListed = (key: string) => fields.get(key)!.action === 'keep' && (fields.get(key)!.strings?.length ?? 0) > 0
  const listedCount = keys.filter(isListed).length
  const firstAbsent = uniform ? UNIFORM_FIRST_ABSENT : FIRST_ABSENT
  const members = keys.map((key, index) => {
    const value = key === '__proto__' ? OWN_PROTO.fill() : MEMBER.fill(R, stringLiteral(key))
    // The first member is written without a comma; if it is absent, the comma of the next is dropped at the end.
    const opening = `${index === 0 ? '' : ','}${JSON.stringify(key)}:`
    const field = fields.get(key)!
    const helper = memberHelper(field)
    helpers.add(helper)
    const general = CALL_KEY_V.fill(fixed(helper), stringLiteral(opening))
    // A listed string is one constant member: no check and no concatenation for the values an enum allows.
    const listed = field.action === 'keep' ? (field.strings ?? []) : []
    if (listed.length === 0)
      return lines([APPEND_MEMBER.fill(fixed(helper), stringLiteral(opening), value), ...(index === 0 && keys.length > 1 ? [firstAbsent.fill()] : [])])
    const member = listed.reduceRight<Code>(
      (otherwise, item) => CONDITIONAL.fill(STRICT_EQUAL.fill(V, stringLiteral(item)), stringLiteral(opening + JSON.stringify(item)), otherwise),
      general,
    )
    return lines([
      (listedCount === 1 && !uniform ? READ_ONCE : READ).fill(value),
      APPEND.fill(member),
      ...(index === 0 && keys.length > 1 ? [firstAbsent.fill()] : []),
    ])
  })
  const readsValue = listedCount > 1
  const template = uniform
    ? keys.length > 1
      ? UNIFORM_SERIALIZER_WITH_FIRST
      : UNIFORM_SERIALIZER
    : readsValue
      ? keys.length > 1
        ? SERIALIZER_WITH_FIRST_READING_V
        : SERIALIZER_READING_V
      : keys.length > 1
        ? SERIALIZER_WITH_FIRST
        : SERIALIZER
  return { declaration: template.fill(identifier(name), lines(members)), helpers }
}

/** The runtime helper that writes a member of the field's declared kind; a hashed value is a hex string. */
function memberHelper(field: FieldPlan): string {
  const kinds = field.action === 'hash' ? new Set(['string']) : field.kinds
  if (kinds.size !== 1) return JSON_MEMBER
  if (kinds.has('string')) return JSON_STRING_MEMBER
  if (kinds.has('number')) return JSON_NUMBER_MEMBER
  if (kinds.has('boolean')) return JSON_BOOLEAN_MEMBER
  return JSON_MEMBER
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/

/** Own keys in the order objects keep them, and JSON.stringify writes them: array indices first, ascending. */
export function serializationOrder(keys: readonly string[]): string[] {
  const isIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1
  const indices = keys.filter(isIndex).sort((a, b) => Number(a) - Number(b))
  return [...indices, ...keys.filter((key) => !isIndex(key))]
}
