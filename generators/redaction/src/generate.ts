/**
 * The redaction generator: per wire event, the allowlist and the fields to hash, as data
 * (`redaction.json`) and as precompiled filter functions (`redaction.ts`, with `redactJson` for the JSON
 * text a forwarder sends), for services that redact outside the emitters (a collector, a forwarder,
 * another language reading the JSON). With `emittersModule`, the filter functions are the emitters' own,
 * imported from the typescript output, so the two outputs never hold the same code twice.
 */
import { type Catalog, type GeneratedFile, generatedHeader, generatedNotice, SPAN_EXCEPTION_PROPERTY, SPAN_STOP_PROPERTY } from '@herald/core'
import { compileRedactor } from './redactor-source.js'
import { compileSerializer } from './serializer-source.js'
import { objectPlan, redactionRules, type RedactionRules } from './redaction-plan.js'
import {
  type Code,
  docComment,
  documented,
  identifier,
  importDeclaration,
  multilineObjectLiteral,
  nodes,
  PROPERTY_ASSIGNMENT,
  printModule,
  stringLiteral,
  template,
  typescript,
} from './ts-source.js'
import { UniqueNames } from './unique-names.js'

export interface RedactionOptions {
  /** The module generated code imports the runtime from (default `@herald/runtime`). */
  runtimeModule?: string
  /**
   * The typescript output's events module as `redaction.ts` imports it (`../typescript/events.js`): each
   * event's redactor and serializer are then the emitters' own, imported from its `$descriptors`, not
   * generated a second time. `herald generate` sets it when both outputs are configured.
   */
  emittersModule?: string
}

const { parameter, record } = nodes

/**
 * `export const name: Readonly<Partial<Record<string, (…) => …>>> = {…};` with the function type `functionType`:
 * `Partial`, so reading an undeclared name types as possibly undefined whatever `noUncheckedIndexedAccess` says.
 */
const functionMap = (name: string, exported: boolean, functionType: () => import('typescript').FunctionTypeNode) =>
  template((h, ts) => {
    const f = ts.factory
    const type = f.createTypeReferenceNode('Readonly', [
      f.createTypeReferenceNode('Partial', [f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), functionType()])]),
    ])
    return f.createVariableStatement(
      exported ? [f.createModifier(ts.SyntaxKind.ExportKeyword)] : undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, type, h.hole(0))], ts.NodeFlags.Const),
    )
  })
const REDACTORS = functionMap('redactors', true, () => {
  const f = typescript().factory
  return f.createFunctionTypeNode(undefined, [parameter('p', record()), parameter('h', f.createTypeReferenceNode('TelemetryHasher'))], record())
})
const SERIALIZERS = functionMap('serializers', false, () => {
  const ts = typescript()
  return ts.factory.createFunctionTypeNode(undefined, [parameter('r', record())], ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword))
})

/**
 * `export function name(event, properties, hasher): <returns> | undefined`: the event's own redactor (never one
 * of `Object.prototype`'s keys), then `result`; undefined for a name the catalog does not declare.
 */
const byEventName = (name: string, returns: 'record' | 'string', result: () => import('typescript').Statement[]) =>
  template((_, ts) => {
    const f = ts.factory
    const returned = returns === 'record' ? record() : f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)
    const own = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'hasOwn'), undefined, [
      f.createIdentifier('redactors'),
      f.createIdentifier('event'),
    ])
    const redactor = f.createConditionalExpression(
      own,
      f.createToken(ts.SyntaxKind.QuestionToken),
      f.createElementAccessExpression(f.createIdentifier('redactors'), f.createIdentifier('event')),
      f.createToken(ts.SyntaxKind.ColonToken),
      f.createIdentifier('undefined'),
    )
    return f.createFunctionDeclaration(
      [f.createModifier(ts.SyntaxKind.ExportKeyword)],
      undefined,
      name,
      undefined,
      [
        parameter('event', f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)),
        parameter('properties', record()),
        parameter('hasher', f.createTypeReferenceNode('TelemetryHasher')),
      ],
      f.createUnionTypeNode([returned, f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]),
      f.createBlock([nodes.variable('r', undefined, redactor, 'const'), ...result()], true),
    )
  })
const redactCall = () => {
  const f = typescript().factory
  return f.createCallExpression(f.createIdentifier('r'), undefined, [f.createIdentifier('properties'), f.createIdentifier('hasher')])
}
/** `return r?.(properties, hasher);` */
const REDACT = byEventName('redact', 'record', () => {
  const f = typescript().factory
  return [
    f.createReturnStatement(
      f.createCallChain(f.createIdentifier('r'), f.createToken(typescript().SyntaxKind.QuestionDotToken), undefined, [
        f.createIdentifier('properties'),
        f.createIdentifier('hasher'),
      ]),
    ),
  ]
})
/** `const s = serializers[event]; return r === undefined || s === undefined ? undefined : "{" + s(r(properties, hasher)) + "}";` */
const REDACT_JSON = byEventName('redactJson', 'string', () => {
  const ts = typescript()
  const f = ts.factory
  const isUndefined = (name: string) => f.createStrictEquality(f.createIdentifier(name), f.createIdentifier('undefined'))
  const json = f.createAdd(
    f.createAdd(f.createStringLiteral('{'), f.createCallExpression(f.createIdentifier('s'), undefined, [redactCall()])),
    f.createStringLiteral('}'),
  )
  return [
    nodes.variable('s', undefined, f.createElementAccessExpression(f.createIdentifier('serializers'), f.createIdentifier('event')), 'const'),
    f.createReturnStatement(
      f.createConditionalExpression(
        f.createLogicalOr(isUndefined('r'), isUndefined('s')),
        f.createToken(ts.SyntaxKind.QuestionToken),
        f.createIdentifier('undefined'),
        f.createToken(ts.SyntaxKind.ColonToken),
        json,
      ),
    ),
  ]
})

/** `descriptors[name].redact` */
const DESCRIPTOR_MEMBER = (member: 'redact' | 'json') =>
  template((h, ts) => ts.factory.createPropertyAccessExpression(ts.factory.createElementAccessExpression(h.hole(0), h.hole(1)), member))
const DESCRIPTOR_REDACT = DESCRIPTOR_MEMBER('redact')
const DESCRIPTOR_JSON = DESCRIPTOR_MEMBER('json')
/** `/* #__PURE__ *\/ f(args)` */
const pureCall = (arity: 2 | 3) =>
  template((h, ts) =>
    ts.addSyntheticLeadingComment(
      ts.factory.createCallExpression(
        h.hole(0),
        undefined,
        Array.from({ length: arity }, (_, i) => h.hole(i + 1)),
      ),
      ts.SyntaxKind.MultiLineCommentTrivia,
      '#__PURE__',
      false,
    ),
  )
const PURE_CALL_2 = pureCall(2)
const PURE_CALL_3 = pureCall(3)

/** The name the typescript output exports its descriptors under, by event name (see its generator). */
export const DESCRIPTORS_EXPORT = '$descriptors'

export function generate(catalog: Catalog, options: RedactionOptions = {}): GeneratedFile[] {
  const runtimeModule = options.runtimeModule ?? '@herald/runtime'
  const emittersModule = options.emittersModule
  const names = new UniqueNames(['redactors', 'redact', 'redactionRules', 'serializers', 'redactJson', DESCRIPTORS_EXPORT])
  const rules: Record<string, RedactionRules> = {}
  const helpers = new Set<string>(['TelemetryHasher'])
  const functions: Code[] = []
  const entries: Code[] = []
  const serializerEntries: Code[] = []

  for (const event of catalog.events) {
    // The redactor and serializer of the event: the emitters' (imported), or compiled here when there are none.
    let redactor: Code
    let serializer: Code
    if (emittersModule !== undefined) {
      redactor = DESCRIPTOR_REDACT.fill(identifier(DESCRIPTORS_EXPORT), stringLiteral(event.name))
      serializer = DESCRIPTOR_JSON.fill(identifier(DESCRIPTORS_EXPORT), stringLiteral(event.name))
    } else {
      const plan = objectPlan(catalog, event.properties)
      const what = event.kind === 'span' ? `the span ${event.name} (its .start event; .stop and .exception add one key each)` : event.name
      const compiled = compileRedactor(plan, names.take(`redact_${event.identifier}`), catalog.privacy.saltEnv)
      for (const helper of compiled.helpers) helpers.add(helper)
      functions.push(documented(docComment([`Redacts the properties of ${what}.`]), compiled.declarations[0]!), ...compiled.declarations.slice(1))
      const serializerName = names.take(`json_${event.identifier}`)
      const compiledSerializer = compileSerializer(plan, serializerName)
      for (const helper of compiledSerializer.helpers) helpers.add(helper)
      functions.push(documented(docComment([`The JSON members of the redacted properties of ${what}.`]), compiledSerializer.declaration))
      redactor = identifier(compiled.name)
      serializer = identifier(serializerName)
    }
    for (const wire of event.wireEvents) {
      const plan = objectPlan(catalog, wire.properties)
      rules[wire.name] = redactionRules(plan)
      let wireRedactor = redactor
      let wireSerializer = serializer
      if (wire.phase === 'stop' || wire.phase === 'exception') {
        // The key the phase adds, unless the deny list drops it (as it would in a redactor of the wire event's own).
        const key = wire.phase === 'stop' ? SPAN_STOP_PROPERTY : SPAN_EXCEPTION_PROPERTY
        const field = plan.fields.find((candidate) => candidate.key === key)
        if (field !== undefined && field.action === 'keep') {
          const kind = field.kinds.size === 1 ? [...field.kinds][0] : undefined
          if (kind !== 'number' && kind !== 'string') throw new Error(`${wire.name}: ${key} is not one number or string`)
          helpers.add('spanPhaseRedactor').add('spanPhaseSerializer')
          wireRedactor = PURE_CALL_3.fill(identifier('spanPhaseRedactor'), redactor, stringLiteral(key), stringLiteral(kind))
          wireSerializer = PURE_CALL_2.fill(identifier('spanPhaseSerializer'), serializer, stringLiteral(key))
        }
      }
      entries.push(PROPERTY_ASSIGNMENT.fill(stringLiteral(wire.name), wireRedactor))
      serializerEntries.push(PROPERTY_ASSIGNMENT.fill(stringLiteral(wire.name), wireSerializer))
    }
  }

  const statements: Code[] = [
    importDeclaration(
      [...helpers].sort().map((name) => ({ name, typeOnly: name === 'TelemetryHasher' })),
      runtimeModule,
    ),
    ...(emittersModule !== undefined ? [importDeclaration([{ name: DESCRIPTORS_EXPORT, typeOnly: false }], emittersModule)] : []),
    ...functions,
    documented(docComment(['The precompiled filter of every wire event, by name.']), REDACTORS.fill(multilineObjectLiteral(entries))),
    documented(docComment(['Redacts the properties of a wire event; undefined for a name the catalog does not declare (send nothing).']), REDACT.fill()),
    SERIALIZERS.fill(multilineObjectLiteral(serializerEntries)),
    documented(
      docComment([
        'The JSON text of the redacted properties of a wire event, what a forwarder sends (equal to JSON.stringify of redact);',
        'undefined for a name the catalog does not declare (send nothing).',
      ]),
      REDACT_JSON.fill(),
    ),
  ]

  const json = { $comment: generatedNotice(catalog), saltEnv: catalog.privacy.saltEnv, events: rules }
  return [
    { path: 'redaction.ts', content: printModule(`${generatedHeader(catalog)}/* eslint-disable */\n`, statements) },
    { path: 'redaction.json', content: `${JSON.stringify(json, null, 2)}\n` },
  ]
}
