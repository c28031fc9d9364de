/**
 * The redaction generator: per wire event, the allowlist and the fields to hash, as data
 * (`redaction.json`) and as precompiled filter functions (`redaction.ts`, with `redactJson` for the JSON
 * text a forwarder sends), for services that redact outside the emitters (a collector, a forwarder,
 * another language reading the JSON).
 */
import { type Catalog, eventIdentifier, type GeneratedFile, generatedHeader, generatedNotice } from '@herald/core'
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
}

const { parameter, record, returnUnlessOwn } = nodes

/** `export const name: Readonly<Record<string, (…) => …>> = {…};` with the function type `functionType`. */
const functionMap = (name: string, exported: boolean, functionType: () => import('typescript').FunctionTypeNode) =>
  template((h, ts) => {
    const f = ts.factory
    const type = f.createTypeReferenceNode('Readonly', [
      f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), functionType()]),
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

/** `export function name(event, properties, hasher): <returns> { <unknown event: undefined>; return <result>; }` */
const byEventName = (name: string, returns: 'record' | 'string', result: () => import('typescript').Expression) =>
  template((_, ts) => {
    const f = ts.factory
    const returned = returns === 'record' ? record() : f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)
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
      f.createBlock([returnUnlessOwn('redactors', 'event'), f.createReturnStatement(result())], true),
    )
  })
/** `map[event]!(args)` */
const callByEvent = (map: string, args: import('typescript').Expression[]) => {
  const f = typescript().factory
  return f.createCallExpression(
    f.createNonNullExpression(f.createElementAccessExpression(f.createIdentifier(map), f.createIdentifier('event'))),
    undefined,
    args,
  )
}
const redactCall = () => callByEvent('redactors', [typescript().factory.createIdentifier('properties'), typescript().factory.createIdentifier('hasher')])
const REDACT = byEventName('redact', 'record', redactCall)
const REDACT_JSON = byEventName('redactJson', 'string', () => {
  const f = typescript().factory
  return f.createAdd(f.createAdd(f.createStringLiteral('{'), callByEvent('serializers', [redactCall()])), f.createStringLiteral('}'))
})

export function generate(catalog: Catalog, options: RedactionOptions = {}): GeneratedFile[] {
  const runtimeModule = options.runtimeModule ?? '@herald/runtime'
  const names = new UniqueNames(['redactors', 'redact', 'redactionRules', 'serializers', 'redactJson'])
  const rules: Record<string, RedactionRules> = {}
  const helpers = new Set<string>()
  const functions: Code[] = []
  const entries: Code[] = []
  const serializerEntries: Code[] = []

  for (const wire of catalog.wireEvents) {
    const plan = objectPlan(catalog, wire.properties)
    rules[wire.name] = redactionRules(plan)
    const identifierOfWire = eventIdentifier(wire.name)
    const compiled = compileRedactor(plan, names.take(`redact_${identifierOfWire}`), catalog.privacy.saltEnv)
    for (const helper of compiled.helpers) helpers.add(helper)
    functions.push(documented(docComment([`Redacts the properties of ${wire.name}.`]), compiled.declarations[0]!), ...compiled.declarations.slice(1))
    entries.push(PROPERTY_ASSIGNMENT.fill(stringLiteral(wire.name), identifier(compiled.name)))
    const serializerName = names.take(`json_${identifierOfWire}`)
    const serializer = compileSerializer(plan, serializerName)
    for (const helper of serializer.helpers) helpers.add(helper)
    functions.push(documented(docComment([`The JSON members of the redacted properties of ${wire.name}.`]), serializer.declaration))
    serializerEntries.push(PROPERTY_ASSIGNMENT.fill(stringLiteral(wire.name), identifier(serializerName)))
  }

  const statements: Code[] = [
    importDeclaration(
      [...helpers].sort().map((name) => ({ name, typeOnly: name === 'TelemetryHasher' })),
      runtimeModule,
    ),
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
