/**
 * A redaction plan compiled to TypeScript functions: straight-line code per event that copies declared
 * keys only, checks each value's kind, recurses into declared objects and arrays, and hashes what the
 * catalog marks `transform: hash`. No closures or lookups per call.
 */
import type { ObjectPlan, ValueKind, ValuePlan } from './redaction-plan.js'
import { type Code, call, fixed, identifier, ifChain, lines, nodes, or, outputLanguage, RETURN, stringLiteral, template, typeOf } from './ts-source.js'

/** Names of the `@herald/runtime` exports the generated code calls (imported under these names). */
export const RUNTIME_HELPERS = {
  isRecord: 'isRecord',
  isScalar: 'isScalar',
  redactArray: 'redactArray',
  scalarItem: 'scalarItem',
  setOwn: 'setOwn',
  hasher: 'TelemetryHasher',
  keyedHash: 'keyedHash',
} as const

export interface RedactorFunctions {
  /** The entry function's name. */
  name: string
  declarations: Code[]
  /** Runtime helpers the declarations use. */
  helpers: Set<string>
}

const { parameter, record, variable } = nodes

/**
 * In JavaScript, which no compiler or linter of the user checks for unread names, every function of a kind has
 * one shape: redactors take `(p, h)` and read fields through `let v`, item functions take `(v, h)`, serializers
 * declare `let o, v, a` before their members, whether the body reads them or not. A minifier then names the
 * locals of every function alike, and gzip finds the bodies repeated (docs/performance.md, the bundle row). The
 * TypeScript leaves out what it does not read (noUnusedParameters, no-unused-vars, prefer-const).
 */
export const uniformShapes = (): boolean => outputLanguage() === 'js'
const hasherParameter = (ts: typeof import('typescript')) => parameter('h', ts.factory.createTypeReferenceNode(RUNTIME_HELPERS.hasher))

/**
 * `function name(p, h): Record<string, unknown>` that copies the kept fields of `p` into `r` (hole 1), or that
 * returns an empty object when the plan keeps no field.
 */
// A parameter the body does not read is left out (a function of fewer parameters fits the descriptor's type), so
// `noUnusedParameters` and typescript-eslint's `no-unused-vars` have nothing to say.
// `fields`: 'read' copies fields of `p` through `let v`; 'read-once' reads one field into `const v` (prefer-const);
// 'constants' only writes version stamps (reads nothing); 'none' keeps nothing.
// `uniform`: both parameters whatever the body reads (see `uniformShapes`).
const objectFunction = (fields: 'read' | 'read-once' | 'constants' | 'none', readsHasher: boolean, uniform = false) =>
  template((h, ts) => {
    const f = ts.factory
    const body: import('typescript').Statement[] = [variable('r', record(), f.createObjectLiteralExpression(), 'const')]
    const keepsFields = fields === 'read' || fields === 'read-once'
    if (fields === 'read') body.push(variable('v', f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword), undefined, 'let'))
    if (fields !== 'none') body.push(h.lines(1))
    body.push(f.createReturnStatement(f.createIdentifier('r')))
    return f.createFunctionDeclaration(
      undefined,
      undefined,
      h.hole(0),
      undefined,
      [...(keepsFields || uniform ? [parameter('p', record())] : []), ...(readsHasher || uniform ? [hasherParameter(ts)] : [])],
      record(),
      f.createBlock(body, true),
    )
  })
const OBJECT_FUNCTION = objectFunction('read', true)
const OBJECT_FUNCTION_NO_HASHER = objectFunction('read', false)
const OBJECT_FUNCTION_ONE_READ = objectFunction('read-once', true)
const OBJECT_FUNCTION_ONE_READ_NO_HASHER = objectFunction('read-once', false)
const CONSTANTS_OBJECT_FUNCTION = objectFunction('constants', false)
const EMPTY_OBJECT_FUNCTION = objectFunction('none', false)
const UNIFORM_OBJECT_FUNCTION = objectFunction('read', true, true)
const UNIFORM_CONSTANTS_OBJECT_FUNCTION = objectFunction('constants', true, true)
const UNIFORM_EMPTY_OBJECT_FUNCTION = objectFunction('none', true, true)
/** `function name(v, h): unknown` that returns an array item redacted, or undefined to leave it out. */
const itemFunction = (readsHasher: boolean) =>
  template((h, ts) =>
    ts.factory.createFunctionDeclaration(
      undefined,
      undefined,
      h.hole(0),
      undefined,
      [parameter('v', ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)), ...(readsHasher ? [hasherParameter(ts)] : [])],
      ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword),
      ts.factory.createBlock([h.lines(1), ts.factory.createReturnStatement(ts.factory.createIdentifier('undefined'))], true),
    ),
  )
const ITEM_FUNCTION = itemFunction(true)
const ITEM_FUNCTION_NO_HASHER = itemFunction(false)
/** What a function's statements read: the hasher `h` is a parameter only where they do. */
interface Reads {
  hasher: boolean
}
const READ_FIELD = template((h, ts) =>
  ts.factory.createExpressionStatement(
    ts.factory.createAssignment(ts.factory.createIdentifier('v'), ts.factory.createElementAccessExpression(ts.factory.createIdentifier('p'), h.hole(0))),
  ),
)
/** The only read of a function that reads one field and does not hash it: `const v = p[key]`. */
const READ_ONLY_FIELD = template((h, ts) =>
  variable(
    'v',
    ts.factory.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword),
    ts.factory.createElementAccessExpression(ts.factory.createIdentifier('p'), h.hole(0)),
    'const',
  ),
)
const ASSIGN_FIELD = template((h, ts) =>
  ts.factory.createExpressionStatement(
    ts.factory.createAssignment(ts.factory.createElementAccessExpression(ts.factory.createIdentifier('r'), h.hole(0)), h.hole(1)),
  ),
)
const SET_OWN_FIELD = template((h, ts) =>
  ts.factory.createExpressionStatement(
    ts.factory.createCallExpression(ts.factory.createIdentifier(RUNTIME_HELPERS.setOwn), undefined, [ts.factory.createIdentifier('r'), h.hole(0), h.hole(1)]),
  ),
)
/**
 * Hashes a present value; a hasher without a salt (production) answers undefined and the field is dropped.
 * The hashing itself (`keyedHash`) goes along as an argument, so only the bundles of events that hash carry it.
 */
const HASH_FIELD = template((h, ts) => {
  const f = ts.factory
  const v = () => f.createIdentifier('v')
  return f.createIfStatement(
    f.createLogicalAnd(f.createStrictInequality(v(), f.createIdentifier('undefined')), f.createStrictInequality(v(), f.createNull())),
    f.createBlock(
      [
        f.createExpressionStatement(
          f.createAssignment(
            v(),
            f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('h'), 'hash'), undefined, [
              v(),
              h.hole(0),
              f.createIdentifier(RUNTIME_HELPERS.keyedHash),
            ]),
          ),
        ),
        f.createIfStatement(f.createStrictInequality(v(), f.createIdentifier('undefined')), h.lines(1)),
      ],
      true,
    ),
  )
})
const IS_ARRAY = template((h, ts) =>
  ts.factory.createCallExpression(ts.factory.createPropertyAccessExpression(ts.factory.createIdentifier('Array'), 'isArray'), undefined, [h.hole(0)]),
)
const IS_NULL = template((h, ts) => ts.factory.createStrictEquality(h.hole(0), ts.factory.createNull()))

const V = fixed('v')
const H = fixed('h')

/**
 * Compiles an object plan to `function name(p: Record<string, unknown>, h: TelemetryHasher): Record<string, unknown>`
 * plus one function per nested object or array item schema (`name_1`, `name_2`, …).
 */
export function compileRedactor(plan: ObjectPlan, name: string, saltEnv: string): RedactorFunctions {
  const out: RedactorFunctions = { name, declarations: [], helpers: new Set() }
  const salt = stringLiteral(saltEnv)
  let counter = 0
  const nextName = () => `${name}_${++counter}`

  /**
   * Declares the function; what it reads, which its callers pass: `p` unless it reads no field, the hasher `h`
   * only if it hashes (in JavaScript it takes both whatever it reads).
   */
  const objectFunction = (object: ObjectPlan, fnName: string): { value: boolean; hasher: boolean } => {
    const uniform = uniformShapes()
    const kept = object.fields.filter((field) => field.action !== 'drop')
    if (kept.length === 0) {
      out.declarations.push((uniform ? UNIFORM_EMPTY_OBJECT_FUNCTION : EMPTY_OBJECT_FUNCTION).fill(identifier(fnName)))
      return { value: false, hasher: false }
    }
    const statements: Code[] = []
    const reads: Reads = { hasher: false }
    const read = kept.filter((field) => field.stamp === undefined)
    const readOnce = !uniform && read.length === 1 && read[0]!.action !== 'hash'
    for (const field of kept) {
      const key = stringLiteral(field.key)
      if (field.stamp !== undefined) {
        statements.push(ASSIGN_FIELD.fill(key, stringLiteral(field.stamp)))
        continue
      }
      statements.push((readOnce ? READ_ONLY_FIELD : READ_FIELD).fill(key))
      const assign = (value: Code): Code => {
        if (field.key === '__proto__') {
          out.helpers.add(RUNTIME_HELPERS.setOwn)
          return SET_OWN_FIELD.fill(key, value)
        }
        return ASSIGN_FIELD.fill(key, value)
      }
      const value = valueStatement(field, assign, reads)
      if (value !== undefined) statements.push(value)
    }
    const template = uniform
      ? read.length === 0
        ? UNIFORM_CONSTANTS_OBJECT_FUNCTION
        : UNIFORM_OBJECT_FUNCTION
      : read.length === 0
        ? CONSTANTS_OBJECT_FUNCTION
        : readOnce
          ? reads.hasher
            ? OBJECT_FUNCTION_ONE_READ
            : OBJECT_FUNCTION_ONE_READ_NO_HASHER
          : reads.hasher
            ? OBJECT_FUNCTION
            : OBJECT_FUNCTION_NO_HASHER
    out.declarations.push(template.fill(identifier(fnName), lines(statements)))
    if (reads.hasher) out.helpers.add(RUNTIME_HELPERS.hasher)
    return { value: read.length > 0, hasher: reads.hasher }
  }

  /** `if (<kind of v>) <emit(redacted v)>` chains for one value. */
  const valueStatement = (value: ValuePlan, emit: (expression: Code) => Code, reads: Reads): Code | undefined => {
    if (value.action === 'drop') return undefined
    if (value.action === 'hash') {
      reads.hasher = true
      out.helpers.add(RUNTIME_HELPERS.keyedHash)
      return HASH_FIELD.fill(salt, emit(V))
    }
    const branches: Array<readonly [Code, Code]> = []
    if (value.object) {
      const nested = nextName()
      const takes = objectFunction(value.object, nested)
      out.helpers.add(RUNTIME_HELPERS.isRecord)
      if (takes.hasher) reads.hasher = true
      const args = [...(takes.value ? [V] : []), ...(takes.hasher ? [H] : [])]
      branches.push([call(fixed(RUNTIME_HELPERS.isRecord), V), emit(call(identifier(nested), ...args))])
    }
    if (value.items) {
      out.helpers.add(RUNTIME_HELPERS.redactArray)
      const item = compileItem(value.items)
      reads.hasher = true
      branches.push([IS_ARRAY.fill(V), emit(call(fixed(RUNTIME_HELPERS.redactArray), V, item, H))])
    }
    const scalar = scalarCondition(value.kinds)
    if (scalar) branches.push([scalar, emit(V)])
    return branches.length > 0 ? ifChain(branches) : undefined
  }

  const compileItem = (items: ValuePlan): Code => {
    if (items.action === 'keep' && !items.object && !items.items && items.kinds.size === 4 && !items.kinds.has('object')) {
      out.helpers.add(RUNTIME_HELPERS.scalarItem)
      return fixed(RUNTIME_HELPERS.scalarItem)
    }
    const fnName = nextName()
    const reads: Reads = { hasher: false }
    const body = valueStatement(items, (value) => RETURN.fill(value), reads)
    if (reads.hasher) out.helpers.add(RUNTIME_HELPERS.hasher)
    out.declarations.push((reads.hasher || uniformShapes() ? ITEM_FUNCTION : ITEM_FUNCTION_NO_HASHER).fill(identifier(fnName), body ?? ('' as Code)))
    return identifier(fnName)
  }

  const scalarCondition = (kinds: ReadonlySet<ValueKind>): Code | undefined => {
    const scalars = (['string', 'number', 'boolean', 'null'] as const).filter((kind) => kinds.has(kind))
    if (scalars.length === 4) {
      out.helpers.add(RUNTIME_HELPERS.isScalar)
      return call(fixed(RUNTIME_HELPERS.isScalar), V)
    }
    if (scalars.length === 0) return undefined
    return or(scalars.map((kind) => (kind === 'null' ? IS_NULL.fill(V) : typeOf(V, kind))))
  }

  objectFunction(plan, name)
  // Entry first, then the nested functions it calls, for readable output.
  out.declarations.unshift(out.declarations.pop()!)
  return out
}
