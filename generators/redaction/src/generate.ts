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
import { type Code, docComment, documented, identifier, importDeclaration, multilineObjectLiteral, PROPERTY_ASSIGNMENT, printModule, stringLiteral, template } from './ts-source.js'
import { UniqueNames } from './unique-names.js'

export interface RedactionOptions {
  /** The module generated code imports the runtime from (default `@herald/runtime`). */
  runtimeModule?: string
}

const REDACTORS = template((h, ts) => {
  const f = ts.factory
  const record = () => f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)])
  const redactor = f.createFunctionTypeNode(
    undefined,
    [f.createParameterDeclaration(undefined, undefined, 'p', undefined, record()), f.createParameterDeclaration(undefined, undefined, 'h', undefined, f.createTypeReferenceNode('TelemetryHasher'))],
    record(),
  )
  const type = f.createTypeReferenceNode('Readonly', [f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), redactor])])
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration('redactors', undefined, type, h.hole(0))], ts.NodeFlags.Const),
  )
})

const REDACT = template((_, ts) => {
  const f = ts.factory
  const record = () => f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)])
  const param = (name: string, type: import('typescript').TypeNode) => f.createParameterDeclaration(undefined, undefined, name, undefined, type)
  return f.createFunctionDeclaration(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    undefined,
    'redact',
    undefined,
    [param('event', f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)), param('properties', record()), param('hasher', f.createTypeReferenceNode('TelemetryHasher'))],
    f.createUnionTypeNode([record(), f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]),
    f.createBlock(
      [
        f.createIfStatement(
          f.createLogicalNot(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'hasOwn'), undefined, [f.createIdentifier('redactors'), f.createIdentifier('event')])),
          f.createReturnStatement(f.createIdentifier('undefined')),
        ),
        f.createReturnStatement(
          f.createCallExpression(f.createNonNullExpression(f.createElementAccessExpression(f.createIdentifier('redactors'), f.createIdentifier('event'))), undefined, [
            f.createIdentifier('properties'),
            f.createIdentifier('hasher'),
          ]),
        ),
      ],
      true,
    ),
  )
})

const SERIALIZERS = template((h, ts) => {
  const f = ts.factory
  const record = f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)])
  const serializer = f.createFunctionTypeNode(undefined, [f.createParameterDeclaration(undefined, undefined, 'r', undefined, record)], f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword))
  const type = f.createTypeReferenceNode('Readonly', [f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), serializer])])
  return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration('serializers', undefined, type, h.hole(0))], ts.NodeFlags.Const))
})

const REDACT_JSON = template((_, ts) => {
  const f = ts.factory
  const record = () => f.createTypeReferenceNode('Record', [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)])
  const param = (name: string, type: import('typescript').TypeNode) => f.createParameterDeclaration(undefined, undefined, name, undefined, type)
  const at = (map: string) => f.createNonNullExpression(f.createElementAccessExpression(f.createIdentifier(map), f.createIdentifier('event')))
  const members = f.createCallExpression(at('serializers'), undefined, [f.createCallExpression(at('redactors'), undefined, [f.createIdentifier('properties'), f.createIdentifier('hasher')])])
  return f.createFunctionDeclaration(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    undefined,
    'redactJson',
    undefined,
    [param('event', f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)), param('properties', record()), param('hasher', f.createTypeReferenceNode('TelemetryHasher'))],
    f.createUnionTypeNode([f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]),
    f.createBlock(
      [
        f.createIfStatement(
          f.createLogicalNot(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'hasOwn'), undefined, [f.createIdentifier('redactors'), f.createIdentifier('event')])),
          f.createReturnStatement(f.createIdentifier('undefined')),
        ),
        f.createReturnStatement(f.createAdd(f.createAdd(f.createStringLiteral('{'), members), f.createStringLiteral('}'))),
      ],
      true,
    ),
  )
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
    { path: 'redaction.ts', content: printModule(generatedHeader(catalog), statements) },
    { path: 'redaction.json', content: `${JSON.stringify(json, null, 2)}\n` },
  ]
}
