/**
 * The TypeScript generator: one module (`events.ts`) with a typed emitter function per event, property
 * interfaces, the `EventName` union, the `EventProperties` map, category arrays, and, per event, a
 * precompiled descriptor (redactor, dev validator, serialization keys). Everything is built with the
 * TypeScript factory and printed; nothing from the catalog is pasted into code.
 */
import { type Catalog, type CatalogEvent, eventIdentifier, type GeneratedFile, generatedHeader, SPAN_EXCEPTION_PROPERTY, SPAN_STOP_PROPERTY } from '@herald/core'
import { compileRedactor, objectPlan, tsSource, UniqueNames } from '@herald/generator-redaction'
import ts from 'typescript'
import { propertySignatures } from './types-ast.js'
import { compileEventValidator, ValidatorScope } from './validator-ast.js'

const { constStatement, f, id, param, printModule, str, typeRef, withJsDoc } = tsSource

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
const HELPER_NAMES = ['isRecord', 'isScalar', 'redactArray', 'scalarItem', 'setOwn', 'codePointLength', 'isEqual', 'isMultipleOf', 'hasUniqueItems', 'isDate', 'isTime', 'isDateTime']

export function generate(catalog: Catalog, options: TypeScriptOptions = {}): GeneratedFile[] {
  const runtimeModule = options.runtimeModule ?? '@herald/runtime'
  const withValidators = options.validators ?? true
  // Emitter names are the catalog's identifiers: reserve them first, so nothing else can take them.
  const names = new UniqueNames(['EventName', 'EventProperties', ...RUNTIME_NAMES, ...HELPER_NAMES, ...catalog.events.map((event) => event.identifier)])
  const scope = new ValidatorScope('$re')
  const imports = new Set<string>()
  const typeStatements: ts.Statement[] = []
  const codeStatements: ts.Statement[] = []
  const wireTypes: Array<[string, string]> = []

  for (const event of catalog.events) {
    const pascal = event.identifier[0]!.toUpperCase() + event.identifier.slice(1)
    const propsType = names.take(`${pascal}Properties`)
    typeStatements.push(
      withJsDoc(
        f.createInterfaceDeclaration([exportModifier()], propsType, undefined, undefined, propertySignatures(event.properties, event.required)),
        [`Properties of ${event.kind === 'span' ? `the span ${event.name} (all three of its events)` : event.name}.`, ...(event.description !== undefined ? [event.description] : [])],
      ),
    )
    if (event.kind === 'span') {
      const stopType = names.take(`${pascal}StopProperties`)
      const exceptionType = names.take(`${pascal}ExceptionProperties`)
      typeStatements.push(extendedInterface(stopType, propsType, SPAN_STOP_PROPERTY, f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword), 'How long the operation took, in milliseconds.'))
      typeStatements.push(extendedInterface(exceptionType, propsType, SPAN_EXCEPTION_PROPERTY, f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), "The error's class name (never its message)."))
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
    const kept = plan.fields.filter((field) => field.action !== 'drop').map((field) => field.key)
    const descriptorName = names.take(`$${event.identifier}`)
    codeStatements.push(constStatement(descriptorName, descriptor(catalog, event, kept, redactor.name, validatorName), typeRef(event.kind === 'span' ? 'SpanDescriptor' : 'SignalDescriptor')))
    imports.add(event.kind === 'span' ? 'SpanDescriptor' : 'SignalDescriptor')
    imports.add(event.kind === 'span' ? 'runSpan' : 'emitSignal')
    imports.add('Telemetry')
    if (event.kind === 'span') imports.add('SpanScope')
    codeStatements.push(emitter(catalog, event, propsType, descriptorName))
  }
  for (const helper of scope.helpers) imports.add(helper)

  const eventName = withJsDoc(
    f.createTypeAliasDeclaration([exportModifier()], 'EventName', undefined, wireTypes.length ? f.createUnionTypeNode(wireTypes.map(([name]) => f.createLiteralTypeNode(str(name)))) : f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword)),
    ['Every name code may capture: signals, and the .start, .stop and .exception of each span.'],
  )
  const eventProperties = withJsDoc(
    f.createInterfaceDeclaration([exportModifier()], 'EventProperties', undefined, undefined, wireTypes.map(([name, type]) => f.createPropertySignature(undefined, str(name), undefined, typeRef(type)))),
    ['The properties of each wire event, by name.'],
  )

  const categoryStatements: ts.Statement[] = []
  for (const category of Object.values(catalog.categories)) {
    const wires = catalog.events.filter((event) => event.category === category.name).flatMap((event) => event.wireEvents.map((wire) => wire.name))
    const list = f.createSatisfiesExpression(
      f.createAsExpression(f.createArrayLiteralExpression(wires.map(str), false), typeRef('const')),
      f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createArrayTypeNode(typeRef('EventName'))),
    )
    categoryStatements.push(
      withJsDoc(constStatement(names.take(`${eventIdentifier(category.name)}Events`), list, undefined, true), [
        `The wire events of the category ${category.name}${category.description !== undefined ? `: ${category.description}` : '.'}`,
      ]),
    )
  }

  const importDeclaration = f.createImportDeclaration(
    undefined,
    f.createImportClause(
      undefined,
      undefined,
      f.createNamedImports([...imports].sort().map((name) => f.createImportSpecifier(RUNTIME_TYPES.has(name), undefined, id(name)))),
    ),
    str(runtimeModule),
  )
  const intro = catalog.title !== undefined || catalog.version !== undefined ? [`${catalog.title ?? 'Events'}${catalog.version !== undefined ? ` ${catalog.version}` : ''}: typed emitters.`] : ['Typed emitters.']
  const statements: ts.Statement[] = [
    withJsDoc(importDeclaration, [...intro, 'Call an emitter instead of capturing by hand: its properties are checked by the compiler, redacted and hashed at run time.']),
    eventName,
    eventProperties,
    ...typeStatements,
    ...categoryStatements,
    ...scope.hoisted,
    ...codeStatements,
  ]
  return [{ path: options.fileName ?? 'events.ts', content: printModule(generatedHeader(catalog), statements) }]
}

function exportModifier(): ts.ModifierToken<ts.SyntaxKind.ExportKeyword> {
  return f.createModifier(ts.SyntaxKind.ExportKeyword)
}

function extendedInterface(name: string, base: string, key: string, type: ts.TypeNode, doc: string): ts.InterfaceDeclaration {
  return f.createInterfaceDeclaration(
    [exportModifier()],
    name,
    undefined,
    [f.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [f.createExpressionWithTypeArguments(id(base), undefined)])],
    [withJsDoc(f.createPropertySignature(undefined, key, undefined, type), [doc])],
  )
}

function descriptor(catalog: Catalog, event: CatalogEvent, keys: string[], redactor: string, validator: string | undefined): ts.ObjectLiteralExpression {
  const property = (name: string, value: ts.Expression) => f.createPropertyAssignment(name, value)
  const wireJson =
    event.kind === 'span'
      ? f.createArrayLiteralExpression(event.wireEvents.map((wire) => str(JSON.stringify(wire.name))), false)
      : str(JSON.stringify(event.name))
  const distinct = catalog.privacy.distinctId?.property
  return f.createObjectLiteralExpression(
    [
      property('kind', str(event.kind)),
      property('name', str(event.name)),
      property('wireJson', wireJson),
      property('level', str(event.level)),
      ...(event.category !== undefined ? [property('category', str(event.category))] : []),
      ...(distinct !== undefined && keys.includes(distinct) ? [property('distinctId', str(distinct))] : []),
      property('saltEnv', str(catalog.privacy.saltEnv)),
      property('keys', f.createArrayLiteralExpression(keys.map(str), false)),
      property('keyJson', f.createArrayLiteralExpression(keys.map((key) => str(`${JSON.stringify(key)}:`)), false)),
      property('redact', id(redactor)),
      ...(validator !== undefined ? [property('validate', id(validator))] : []),
    ],
    true,
  )
}

function emitter(catalog: Catalog, event: CatalogEvent, propsType: string, descriptorName: string): ts.FunctionDeclaration {
  const optionalProps = event.kind === 'signal' && event.required.length === 0
  const parameters = [
    param('t', typeRef('Telemetry')),
    optionalProps
      ? f.createParameterDeclaration(undefined, undefined, 'props', undefined, typeRef(propsType), f.createObjectLiteralExpression())
      : param('props', typeRef(propsType)),
  ]
  let body: ts.Statement
  let typeParameters: ts.TypeParameterDeclaration[] | undefined
  let returnType: ts.TypeNode
  if (event.kind === 'span') {
    typeParameters = [f.createTypeParameterDeclaration(undefined, 'R')]
    parameters.push(param('fn', f.createFunctionTypeNode(undefined, [param('span', typeRef('SpanScope', typeRef(propsType)))], typeRef('R'))))
    returnType = typeRef('R')
    body = f.createReturnStatement(f.createCallExpression(id('runSpan'), undefined, [id('t'), id(descriptorName), id('props'), id('fn')]))
  } else {
    returnType = f.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword)
    body = f.createExpressionStatement(f.createCallExpression(id('emitSignal'), undefined, [id('t'), id(descriptorName), id('props')]))
  }
  const declaration = f.createFunctionDeclaration([exportModifier()], undefined, event.identifier, typeParameters, parameters, returnType, f.createBlock([body], true))
  return withJsDoc(declaration, emitterDoc(catalog, event))
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
