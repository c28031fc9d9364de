/**
 * The TypeScript generator: one module (`events.ts`) with a typed emitter function per event, property
 * interfaces, the `EventName` union, the `EventProperties` map, category arrays, and, per event, a
 * precompiled descriptor (redactor, serializer, dev validator). Everything is built from
 * templates printed by the TypeScript printer (`tsSource`); nothing from the catalog is pasted into code.
 */
import { type Catalog, type CatalogEvent, eventIdentifier, type GeneratedFile, generatedHeader, SPAN_EXCEPTION_PROPERTY, SPAN_STOP_PROPERTY } from '@herald/core'
import { type Code, compileRedactor, compileSerializer, objectPlan, SERIALIZER_HELPERS, tsSource, UniqueNames } from '@herald/generator-redaction'
import { propertySignatures } from './types-source.js'
import { compileEventValidator, ValidatorScope } from './validator-source.js'

const { arrayLiteral, chain, docComment, documented, fixed, identifier, importDeclaration, lines, multilineObjectLiteral, PROPERTY_ASSIGNMENT, printModule, stringLiteral, template, UNION } = tsSource

export interface TypeScriptOptions {
  /** The module the generated code imports the runtime from (default `@herald/runtime`). */
  runtimeModule?: string
  /** Include the dev validators (default true; they never run in production). */
  validators?: boolean
  /** The output file name (default `events.ts`). */
  fileName?: string
}

const RUNTIME_NAMES = ['emitSignal', 'runSpan', 'Telemetry', 'SpanScope', 'SignalDescriptor', 'SpanDescriptor', 'TelemetryHasher']
const RUNTIME_TYPES = new Set(['Telemetry', 'SpanScope', 'SignalDescriptor', 'SpanDescriptor', 'TelemetryHasher'])
const HELPER_NAMES = [...SERIALIZER_HELPERS, 'keyedHash', 'isRecord', 'isScalar', 'redactArray', 'scalarItem', 'setOwn', 'codePointLength', 'isEqual', 'isMultipleOf', 'hasUniqueItems', 'isDate', 'isTime', 'isDateTime']

type Factory = typeof import('typescript')
const exported = (ts: Factory) => [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)]

const INTERFACE = template((h, ts) => ts.factory.createInterfaceDeclaration(exported(ts), h.hole(0), undefined, undefined, [h.members(1)]))
const EXTENDED_INTERFACE = template((h, ts) =>
  ts.factory.createInterfaceDeclaration(
    exported(ts),
    h.hole(0),
    undefined,
    [ts.factory.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [ts.factory.createExpressionWithTypeArguments(h.hole(1), undefined)])],
    [h.members(2)],
  ),
)
const PROPERTY = template((h, ts) => ts.factory.createPropertySignature(undefined, h.hole(0), undefined, h.type(1)))
const TYPE_ALIAS = template((h, ts) => ts.factory.createTypeAliasDeclaration(exported(ts), h.hole(0), undefined, h.type(1)))
const CATEGORY = template((h, ts) => {
  const f = ts.factory
  const list = f.createSatisfiesExpression(
    f.createAsExpression(h.hole(1), f.createTypeReferenceNode('const')),
    f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createArrayTypeNode(f.createTypeReferenceNode('EventName'))),
  )
  return f.createVariableStatement(exported(ts), f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, undefined, list)], ts.NodeFlags.Const))
})
const TYPED_CONST = template((h) => tsSource.nodes.variable(h.hole(0), h.type(1), h.hole(2), 'const'))

const { parameter } = tsSource.nodes
/** `export function name(t, props): void { emitSignal(t, descriptor, props); }`, props optional when nothing is required. */
const signalEmitter = (optionalProps: boolean) =>
  template((h, ts) => {
    const f = ts.factory
    return f.createFunctionDeclaration(
      exported(ts),
      undefined,
      h.hole(0),
      undefined,
      [parameter('t', f.createTypeReferenceNode('Telemetry')), parameter('props', h.type(1), optionalProps ? f.createObjectLiteralExpression() : undefined)],
      f.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword),
      f.createBlock([f.createExpressionStatement(f.createCallExpression(f.createIdentifier('emitSignal'), undefined, [f.createIdentifier('t'), h.hole(2), f.createIdentifier('props')]))], true),
    )
  })
const SIGNAL_EMITTER = signalEmitter(false)
const SIGNAL_EMITTER_OPTIONAL_PROPS = signalEmitter(true)
const SPAN_EMITTER = template((h, ts) => {
  const f = ts.factory
  const r = () => f.createTypeReferenceNode('R')
  return f.createFunctionDeclaration(
    exported(ts),
    undefined,
    h.hole(0),
    [f.createTypeParameterDeclaration(undefined, 'R')],
    [
      parameter('t', f.createTypeReferenceNode('Telemetry')),
      parameter('props', h.type(1)),
      parameter('fn', f.createFunctionTypeNode(undefined, [parameter('span', f.createTypeReferenceNode('SpanScope', [h.type(1)]))], r())),
    ],
    r(),
    f.createBlock([f.createReturnStatement(f.createCallExpression(f.createIdentifier('runSpan'), undefined, [f.createIdentifier('t'), h.hole(2), f.createIdentifier('props'), f.createIdentifier('fn')]))], true),
  )
})

export function generate(catalog: Catalog, options: TypeScriptOptions = {}): GeneratedFile[] {
  const runtimeModule = options.runtimeModule ?? '@herald/runtime'
  const withValidators = options.validators ?? true
  // Emitter names are the catalog's identifiers: reserve them first, so nothing else can take them.
  const names = new UniqueNames(['EventName', 'EventProperties', ...RUNTIME_NAMES, ...HELPER_NAMES, ...catalog.events.map((event) => event.identifier)])
  const scope = new ValidatorScope('$re')
  const imports = new Set<string>()
  const typeStatements: Code[] = []
  const codeStatements: Code[] = []
  const wireTypes: Array<[string, string]> = []

  for (const event of catalog.events) {
    const pascal = event.identifier[0]!.toUpperCase() + event.identifier.slice(1)
    const propsType = names.take(`${pascal}Properties`)
    typeStatements.push(
      documented(
        docComment([`Properties of ${event.kind === 'span' ? `the span ${event.name} (all three of its events)` : event.name}.`, ...(event.description !== undefined ? [event.description] : [])]),
        INTERFACE.fill(identifier(propsType), lines(propertySignatures(event.properties, event.required))),
      ),
    )
    if (event.kind === 'span') {
      const stopType = names.take(`${pascal}StopProperties`)
      const exceptionType = names.take(`${pascal}ExceptionProperties`)
      typeStatements.push(extendedInterface(stopType, propsType, SPAN_STOP_PROPERTY, fixed('number'), 'How long the operation took, in milliseconds.'))
      typeStatements.push(extendedInterface(exceptionType, propsType, SPAN_EXCEPTION_PROPERTY, fixed('string'), "The error's class name (never its message)."))
      wireTypes.push([`${event.name}.start`, propsType], [`${event.name}.stop`, stopType], [`${event.name}.exception`, exceptionType])
    } else wireTypes.push([event.name, propsType])

    const plan = objectPlan(catalog, event.properties)
    const redactor = compileRedactor(plan, names.take(`$redact_${event.identifier}`), catalog.privacy.saltEnv)
    for (const helper of redactor.helpers) imports.add(helper)
    codeStatements.push(...redactor.declarations)
    let validatorName: string | undefined
    if (withValidators) {
      const validator = compileEventValidator(scope, names.take(`$validate_${event.identifier}`), event.properties, event.required)
      validatorName = validator.name
      codeStatements.push(...validator.declarations)
    }
    const serializerName = names.take(`$json_${event.identifier}`)
    const serializer = compileSerializer(plan, serializerName)
    for (const helper of serializer.helpers) imports.add(helper)
    codeStatements.push(serializer.declaration)
    const kept = plan.fields.filter((field) => field.action !== 'drop').map((field) => field.key)
    const descriptorName = names.take(`$${event.identifier}`)
    codeStatements.push(
      TYPED_CONST.fill(
        identifier(descriptorName),
        fixed(event.kind === 'span' ? 'SpanDescriptor' : 'SignalDescriptor'),
        descriptor(catalog, event, kept, { redact: redactor.name, json: serializerName, validate: validatorName }),
      ),
    )
    imports.add(event.kind === 'span' ? 'SpanDescriptor' : 'SignalDescriptor')
    imports.add(event.kind === 'span' ? 'runSpan' : 'emitSignal')
    imports.add('Telemetry')
    if (event.kind === 'span') imports.add('SpanScope')
    codeStatements.push(emitter(catalog, event, propsType, descriptorName))
  }
  for (const helper of scope.helpers) imports.add(helper)

  const eventName = documented(
    docComment(['Every name code may capture: signals, and the .start, .stop and .exception of each span.']),
    TYPE_ALIAS.fill(fixed('EventName'), wireTypes.length ? chain(wireTypes.map(([name]) => stringLiteral(name)), UNION) : fixed('never')),
  )
  const eventProperties = documented(
    docComment(['The properties of each wire event, by name.']),
    INTERFACE.fill(fixed('EventProperties'), lines(wireTypes.map(([name, type]) => PROPERTY.fill(stringLiteral(name), identifier(type))))),
  )

  const categoryStatements: Code[] = []
  for (const category of Object.values(catalog.categories)) {
    const wires = catalog.events.filter((event) => event.category === category.name).flatMap((event) => event.wireEvents.map((wire) => wire.name))
    categoryStatements.push(
      documented(
        docComment([`The wire events of the category ${category.name}${category.description !== undefined ? `: ${category.description}` : '.'}`]),
        CATEGORY.fill(identifier(names.take(`${eventIdentifier(category.name)}Events`)), arrayLiteral(wires.map(stringLiteral))),
      ),
    )
  }

  const intro = catalog.title !== undefined || catalog.version !== undefined ? [`${catalog.title ?? 'Events'}${catalog.version !== undefined ? ` ${catalog.version}` : ''}: typed emitters.`] : ['Typed emitters.']
  const statements: Code[] = [
    documented(
      docComment([...intro, 'Call an emitter instead of capturing by hand: its properties are checked by the compiler, redacted and hashed at run time.']),
      importDeclaration(
        [...imports].sort().map((name) => ({ name, typeOnly: RUNTIME_TYPES.has(name) })),
        runtimeModule,
      ),
    ),
    eventName,
    eventProperties,
    ...typeStatements,
    ...categoryStatements,
    ...scope.hoisted,
    ...codeStatements,
  ]
  return [{ path: options.fileName ?? 'events.ts', content: printModule(generatedHeader(catalog), statements) }]
}

function extendedInterface(name: string, base: string, key: string, type: Code, doc: string): Code {
  return EXTENDED_INTERFACE.fill(identifier(name), identifier(base), documented(docComment([doc]), PROPERTY.fill(identifier(key), type)))
}

function descriptor(catalog: Catalog, event: CatalogEvent, keys: string[], functions: { redact: string; json: string; validate: string | undefined }): Code {
  const property = (name: string, value: Code) => PROPERTY_ASSIGNMENT.fill(identifier(name), value)
  const wireJson = event.kind === 'span' ? arrayLiteral(event.wireEvents.map((wire) => stringLiteral(JSON.stringify(wire.name)))) : stringLiteral(JSON.stringify(event.name))
  const distinct = catalog.privacy.distinctId?.property
  return multilineObjectLiteral([
    property('kind', stringLiteral(event.kind)),
    property('name', stringLiteral(event.name)),
    property('wireJson', wireJson),
    property('level', stringLiteral(event.level)),
    ...(event.category !== undefined ? [property('category', stringLiteral(event.category))] : []),
    ...(distinct !== undefined && keys.includes(distinct) ? [property('distinctId', stringLiteral(distinct))] : []),
    property('saltEnv', stringLiteral(catalog.privacy.saltEnv)),
    property('redact', identifier(functions.redact)),
    property('json', identifier(functions.json)),
    ...(functions.validate !== undefined ? [property('validate', identifier(functions.validate))] : []),
  ])
}

function emitter(catalog: Catalog, event: CatalogEvent, propsType: string, descriptorName: string): Code {
  const name = identifier(event.identifier)
  const type = identifier(propsType)
  const target = identifier(descriptorName)
  let declaration: Code
  if (event.kind === 'span') declaration = SPAN_EMITTER.fill(name, type, target)
  else declaration = (event.required.length === 0 ? SIGNAL_EMITTER_OPTIONAL_PROPS : SIGNAL_EMITTER).fill(name, type, target)
  return documented(docComment(emitterDoc(catalog, event)), declaration)
}

function emitterDoc(catalog: Catalog, event: CatalogEvent): string[] {
  const lines: string[] = []
  lines.push(event.description ?? `Emits ${event.name}.`)
  lines.push('')
  if (event.kind === 'span') {
    lines.push(`A span: emits ${event.name}.start, runs fn (sync or async), then ${event.name}.stop with duration_ms,`)
    lines.push(`or ${event.name}.exception with error_kind (the error's class name); returns fn's result or rethrows its error.`)
    lines.push('fn receives a scope whose set() changes the properties of the stop or exception event.')
  } else lines.push(`Emits the signal ${event.name}.`)
  const facts = [
    event.category !== undefined ? `Category: ${event.category}` : undefined,
    `Level: ${event.level}`,
    event.owner !== undefined ? `Owner: ${event.owner}` : undefined,
    event.since !== undefined ? `Since: ${event.since}` : undefined,
  ].filter((fact): fact is string => fact !== undefined)
  lines.push(`${facts.join('. ')}.`)
  if (event.deprecated !== undefined) {
    const target = event.deprecated.renamedTo !== undefined ? catalog.eventsByName.get(event.deprecated.renamedTo) : undefined
    const parts = [
      event.deprecated.since !== undefined ? `Since ${event.deprecated.since}.` : undefined,
      target !== undefined ? `Use {@link ${target.identifier}} (${target.name}) instead.` : undefined,
      event.deprecated.reason,
    ].filter((part): part is string => part !== undefined)
    lines.push(`@deprecated ${parts.join(' ')}`.trimEnd())
  }
  return lines
}
