/**
 * A redaction plan compiled to TypeScript functions: straight-line code per event that copies declared
 * keys only, checks each value's kind, recurses into declared objects and arrays, and hashes what the
 * catalog marks `transform: hash`. No closures or lookups per call.
 */
import type { ObjectPlan, ValueKind, ValuePlan } from './redaction-plan.js'
import { call, f, id, member, or, param, recordType, str, ts, typeOf, typeRef, unknownType } from './ts-source.js'

/** Names of the `@herald/runtime` exports the generated code calls (imported under these names). */
export const RUNTIME_HELPERS = { isRecord: 'isRecord', isScalar: 'isScalar', redactArray: 'redactArray', scalarItem: 'scalarItem', setOwn: 'setOwn', hasher: 'TelemetryHasher' } as const

export interface RedactorFunctions {
  /** The entry function's name. */
  name: string
  declarations: ts.FunctionDeclaration[]
  /** Runtime helpers the declarations use. */
  helpers: Set<string>
}

/**
 * Compiles an object plan to `function name(p: Record<string, unknown>, h: TelemetryHasher): Record<string, unknown>`
 * plus one function per nested object or array item schema (`name_1`, `name_2`, …).
 */
export function compileRedactor(plan: ObjectPlan, name: string, saltEnv: string): RedactorFunctions {
  const out: RedactorFunctions = { name, declarations: [], helpers: new Set([RUNTIME_HELPERS.hasher]) }
  let counter = 0
  const nextName = () => `${name}_${++counter}`

  const objectFunction = (object: ObjectPlan, fnName: string) => {
    const statements: ts.Statement[] = [
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration('r', undefined, recordType(), f.createObjectLiteralExpression())], ts.NodeFlags.Const)),
    ]
    if (object.fields.some((field) => field.action !== 'drop')) {
      statements.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration('v', undefined, unknownType())], ts.NodeFlags.Let)))
    }
    for (const field of object.fields) {
      if (field.action === 'drop') continue
      statements.push(f.createExpressionStatement(f.createAssignment(id('v'), member(id('p'), field.key))))
      const assign = (value: ts.Expression): ts.Statement => {
        if (field.key === '__proto__') {
          out.helpers.add(RUNTIME_HELPERS.setOwn)
          return f.createExpressionStatement(call(RUNTIME_HELPERS.setOwn, id('r'), str(field.key), value))
        }
        return f.createExpressionStatement(f.createAssignment(member(id('r'), field.key), value))
      }
      statements.push(...valueStatements(field, assign))
    }
    statements.push(f.createReturnStatement(id('r')))
    out.declarations.push(
      f.createFunctionDeclaration(undefined, undefined, fnName, undefined, [param('p', recordType()), param('h', typeRef(RUNTIME_HELPERS.hasher))], recordType(), f.createBlock(statements, true)),
    )
  }

  /** `if (<kind of v>) <emit(redacted v)>` chains for one value. */
  const valueStatements = (value: ValuePlan, emit: (expression: ts.Expression) => ts.Statement): ts.Statement[] => {
    if (value.action === 'drop') return []
    if (value.action === 'hash') {
      const hashed = call(f.createPropertyAccessExpression(id('h'), 'hash'), id('v'), str(saltEnv))
      return [
        f.createIfStatement(
          f.createLogicalAnd(f.createStrictInequality(id('v'), id('undefined')), f.createStrictInequality(id('v'), f.createNull())),
          f.createBlock([f.createExpressionStatement(f.createAssignment(id('v'), hashed)), f.createIfStatement(f.createStrictInequality(id('v'), id('undefined')), emit(id('v')))], true),
        ),
      ]
    }
    const branches: Array<[ts.Expression, ts.Expression]> = []
    if (value.object) {
      const nested = nextName()
      objectFunction(value.object, nested)
      out.helpers.add(RUNTIME_HELPERS.isRecord)
      branches.push([call(RUNTIME_HELPERS.isRecord, id('v')), call(nested, id('v'), id('h'))])
    }
    if (value.items) {
      out.helpers.add(RUNTIME_HELPERS.redactArray)
      branches.push([call(f.createPropertyAccessExpression(id('Array'), 'isArray'), id('v')), call(RUNTIME_HELPERS.redactArray, id('v'), itemFunction(value.items), id('h'))])
    }
    const scalar = scalarCondition(value.kinds)
    if (scalar) branches.push([scalar, id('v')])
    let statement: ts.Statement | undefined
    for (let i = branches.length - 1; i >= 0; i--) {
      const [condition, result] = branches[i]!
      statement = f.createIfStatement(condition, emit(result), statement)
    }
    return statement ? [statement] : []
  }

  const itemFunction = (items: ValuePlan): ts.Expression => {
    if (items.action === 'keep' && !items.object && !items.items && items.kinds.size === 4 && !items.kinds.has('object')) {
      out.helpers.add(RUNTIME_HELPERS.scalarItem)
      return id(RUNTIME_HELPERS.scalarItem)
    }
    const fnName = nextName()
    const body = [...valueStatements(items, (value) => f.createReturnStatement(value)), f.createReturnStatement(id('undefined'))]
    out.declarations.push(f.createFunctionDeclaration(undefined, undefined, fnName, undefined, [param('v', unknownType()), param('h', typeRef(RUNTIME_HELPERS.hasher))], unknownType(), f.createBlock(body, true)))
    return id(fnName)
  }

  const scalarCondition = (kinds: ReadonlySet<ValueKind>): ts.Expression | undefined => {
    const scalars = (['string', 'number', 'boolean', 'null'] as const).filter((kind) => kinds.has(kind))
    if (scalars.length === 4) {
      out.helpers.add(RUNTIME_HELPERS.isScalar)
      return call(RUNTIME_HELPERS.isScalar, id('v'))
    }
    if (scalars.length === 0) return undefined
    return or(scalars.map((kind) => (kind === 'null' ? f.createStrictEquality(id('v'), f.createNull()) : typeOf(id('v'), kind))))
  }

  objectFunction(plan, name)
  // Entry first, then the nested functions it calls, for readable output.
  out.declarations.unshift(out.declarations.pop()!)
  return out
}
