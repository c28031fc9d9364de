/**
 * The TypeScript generator: a typed emitter function per event, property interfaces, the `EventName` union,
 * the `EventProperties` map, category arrays, and, per event, a precompiled descriptor (redactor, serializer,
 * dev validator). By default the implementation is `events.js` and the types `events.d.ts` beside it, so a
 * user's compiler reads declarations only (see docs/generated-code.md); `format: 'ts'` writes one
 * `events.ts` instead. Everything is built from templates printed by the TypeScript printer (`tsSource`),
 * once as TypeScript and once as JavaScript; nothing from the catalog is pasted into code.
 */
import {
  type Catalog,
  type CatalogEvent,
  eventIdentifier,
  type GeneratedFile,
  generatedHeader,
  ownProperties,
  SPAN_EXCEPTION_PROPERTY,
  SPAN_STOP_PROPERTY,
  stampValues,
} from '@herald/core'
import {
  type Code,
  compileRedactor,
  compileSerializer,
  DESCRIPTORS_EXPORT,
  objectPlan,
  SERIALIZER_HELPERS,
  tsSource,
  UniqueNames,
} from '@herald/generator-redaction'
import { groupKeyDescriptors, IDENTITY_NAMES, identityParts } from './identity-source.js'
import { propertySignatures } from './types-source.js'
import { compileEventValidator, ValidatorScope } from './validator-source.js'

const outputLanguageIsJs = () => tsSource.outputLanguage() === 'js'
const {
  arrayLiteral,
  chain,
  COMMA,
  docComment,
  documented,
  fixed,
  identifier,
  importDeclaration,
  inLanguage,
  join,
  lines,
  multilineObjectLiteral,
  PROPERTY_ASSIGNMENT,
  printModule,
  propertyName,
  stringLiteral,
  template,
  UNION,
} = tsSource

export interface TypeScriptOptions {
  /** The module the generated code imports the runtime from (default `@herald/runtime`). */
  runtimeModule?: string
  /** Include the dev validators (default true; they never run in production). */
  validators?: boolean
  /** `dts` (default): `events.js` with `events.d.ts` beside it; `ts`: one `events.ts`. */
  format?: 'dts' | 'ts'
  /** The output file name (default `events.ts`; with `format: 'dts'`, its `.js` and `.d.ts`). */
  fileName?: string
}

/** What every generated code file starts with, after the header: lint rules are for code people write. */
export const LINT_DISABLE = '/* eslint-disable */\n'

const RUNTIME_NAMES = [
  'emitSignal',
  'runSpan',
  'signalEmitter',
  'groupedSignalEmitter',
  'spanEmitter',
  'groupedSpanEmitter',
  'descriptorOf',
  'EventDescriptor',
  'emitIdentify',
  'emitGroup',
  'emitAlias',
  'eventGroups',
  'Telemetry',
  'SpanScope',
  'SignalDescriptor',
  'SpanDescriptor',
  'TraitsDescriptor',
  'GroupKeyDescriptor',
  'TelemetryHasher',
]
const RUNTIME_TYPES = new Set([
  'Telemetry',
  'SpanScope',
  'EventDescriptor',
  'SignalDescriptor',
  'SpanDescriptor',
  'TraitsDescriptor',
  'GroupKeyDescriptor',
  'TelemetryHasher',
])
const HELPER_NAMES = [
  ...SERIALIZER_HELPERS,
  'keyedHash',
  'isRecord',
  'isScalar',
  'redactArray',
  'scalarItem',
  'setOwn',
  'codePointLength',
  'isEqual',
  'isMultipleOf',
  'hasUniqueItems',
  'isDate',
  'isTime',
  'isDateTime',
]

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
  return f.createVariableStatement(
    exported(ts),
    f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, undefined, list)], ts.NodeFlags.Const),
  )
})
const EMPTY_OBJECT = fixed('Record<string, never>')
const TYPED_CONST = template((h) => tsSource.nodes.variable(h.hole(0), h.type(1), h.hole(2), 'const'))

const { parameter } = tsSource.nodes
/** `export function name(t, props?): void;` and the span's, for the `.d.ts`. */
const signalSignature = (optionalProps: boolean, withGroups = false) =>
  template((h, ts) => {
    const f = ts.factory
    const props = f.createParameterDeclaration(undefined, undefined, 'props', optionalProps ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined, h.type(1))
    return f.createFunctionDeclaration(
      exported(ts),
      undefined,
      h.hole(0),
      undefined,
      [parameter('t', f.createTypeReferenceNode('Telemetry')), props, ...(withGroups ? [parameter('groups', h.type(2))] : [])],
      f.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword),
      undefined,
    )
  })
const SIGNAL_SIGNATURE = signalSignature(false)
const SIGNAL_SIGNATURE_OPTIONAL_PROPS = signalSignature(true)
const SIGNAL_SIGNATURE_WITH_GROUPS = signalSignature(false, true)
const spanSignature = (withGroups: boolean) =>
  template((h, ts) => {
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
        ...(withGroups ? [parameter('groups', h.type(2))] : []),
        parameter('fn', f.createFunctionTypeNode(undefined, [parameter('span', f.createTypeReferenceNode('SpanScope', [h.type(1)]))], r())),
      ],
      r(),
      undefined,
    )
  })
const SPAN_SIGNATURE = spanSignature(false)
const SPAN_SIGNATURE_WITH_GROUPS = spanSignature(true)
/** `export declare const name: readonly ["a", "b"];` */
const CATEGORY_DECLARATION = template((h, ts) => {
  const f = ts.factory
  const type = f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createTupleTypeNode([h.type(1)]))
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword), f.createModifier(ts.SyntaxKind.DeclareKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, type)], ts.NodeFlags.Const),
  )
})
/** `process.env.NODE_ENV !== "production"`, which production builds of esbuild, Vite and webpack fold to false. */
const isDevelopment = (ts: Factory) => {
  const f = ts.factory
  const nodeEnv = f.createPropertyAccessExpression(f.createPropertyAccessExpression(f.createIdentifier('process'), 'env'), 'NODE_ENV')
  return f.createStrictInequality(nodeEnv, f.createStringLiteral('production'))
}
/**
 * `...(process.env.NODE_ENV !== "production" ? { validate: validator } : {})`: a production build folds the
 * test, the validator becomes unreachable and is dropped, and so does the property (measured in
 * docs/generated-code.md); node and vitest read the variable at run time. Inline, not a shared constant:
 * esbuild does not inline a module's constant. A spread, not `validate: undefined`, for `exactOptionalPropertyTypes`.
 */
const DEV_ONLY_SPREAD = template((h, ts) => {
  const f = ts.factory
  return f.createSpreadAssignment(
    f.createParenthesizedExpression(
      f.createConditionalExpression(
        isDevelopment(ts),
        undefined,
        f.createObjectLiteralExpression([f.createPropertyAssignment('validate', h.hole(0))]),
        undefined,
        f.createObjectLiteralExpression(),
      ),
    ),
  )
})
/**
 * `/* #__PURE__ *\/ (() => ({…}))()`: to a bundler, reading `process.env` may have effects, even as the
 * argument of a pure call; inside a pure function called with nothing it is not evaluated at all, so an emitter
 * nobody imports is still dropped in development builds.
 */
const PURE_DESCRIPTOR = template((h, ts) => {
  const f = ts.factory
  const arrow = f.createArrowFunction(
    undefined,
    undefined,
    [],
    undefined,
    f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
    f.createParenthesizedExpression(h.hole(0)),
  )
  return ts.addSyntheticLeadingComment(
    f.createCallExpression(f.createParenthesizedExpression(arrow), undefined, []),
    ts.SyntaxKind.MultiLineCommentTrivia,
    '#__PURE__',
    false,
  )
})
/**
 * `export const name: type = /* #__PURE__ *\/ factory<Props>(descriptor);` (the type in TypeScript only): one
 * runtime factory body for every emitter, and the descriptor in place, unnamed (docs/performance.md, bundle row).
 */
const emitterConstTemplate = (isExported: boolean, typeArguments: 1 | 2) =>
  template((h, ts) => {
    const f = ts.factory
    const call = ts.addSyntheticLeadingComment(
      f.createCallExpression(h.hole(2), typeArguments === 1 ? [h.type(3)] : [h.type(3), h.type(4)], [h.hole(3 + typeArguments)]),
      ts.SyntaxKind.MultiLineCommentTrivia,
      '#__PURE__',
      false,
    )
    return f.createVariableStatement(
      isExported ? exported(ts) : undefined,
      f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, h.type(1), call)], ts.NodeFlags.Const),
    )
  })
const EMITTER_CONST = emitterConstTemplate(true, 1)
const LOCAL_EMITTER_CONST = emitterConstTemplate(false, 1)
const GROUPED_EMITTER_CONST = emitterConstTemplate(true, 2)
const LOCAL_GROUPED_EMITTER_CONST = emitterConstTemplate(false, 2)
/** `descriptorOf(emitter)` */
const DESCRIPTOR_OF = template((h, ts) => ts.factory.createCallExpression(ts.factory.createIdentifier('descriptorOf'), undefined, [h.hole(0)]))

// Bound emitters (`tracker.js`, `tracker.d.ts`): a module of its own, so importing emitters directly keeps
// tree-shaking; only an app that calls createTracker pays for every event.
/** `name: (a, b) => local(t, a, b)`: one bound method, its parameters (typed unknown; the .d.ts types them) passed through. */
const boundMethod = (params: readonly string[]) =>
  template((h, ts) => {
    const f = ts.factory
    const arrow = f.createArrowFunction(
      undefined,
      undefined,
      params.map((p) => parameter(p, f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword))),
      undefined,
      f.createToken(ts.SyntaxKind.EqualsGreaterThanToken),
      f.createCallExpression(h.hole(1), undefined, [f.createIdentifier('t'), ...params.map((p) => f.createIdentifier(p))]),
    )
    return f.createPropertyAssignment(h.hole(0), arrow)
  })
const BOUND_SIGNAL = boundMethod(['props'])
const BOUND_SPAN = boundMethod(['props', 'fn'])
const BOUND_SIGNAL_WITH_GROUPS = boundMethod(['props', 'groups'])
const BOUND_SPAN_WITH_GROUPS = boundMethod(['props', 'groups', 'fn'])
const CREATE_TRACKER = template((h, ts) => {
  const f = ts.factory
  return f.createFunctionDeclaration(
    exported(ts),
    undefined,
    'createTracker',
    undefined,
    [parameter('t', f.createTypeReferenceNode('Telemetry'))],
    f.createTypeReferenceNode('Tracker'),
    f.createBlock([f.createReturnStatement(h.hole(0))], true),
  )
})
const CREATE_TRACKER_SIGNATURE = template((_, ts) => {
  const f = ts.factory
  return f.createFunctionDeclaration(
    exported(ts),
    undefined,
    'createTracker',
    undefined,
    [parameter('t', f.createTypeReferenceNode('Telemetry'))],
    f.createTypeReferenceNode('Tracker'),
    undefined,
  )
})
const READONLY_PROPERTY = template((h, ts) =>
  ts.factory.createPropertySignature([ts.factory.createModifier(ts.SyntaxKind.ReadonlyKeyword)], h.hole(0), undefined, h.type(1)),
)
const telemetryParameter = (ts: Factory, withT: boolean) => (withT ? [parameter('t', ts.factory.createTypeReferenceNode('Telemetry'))] : [])
const signalFunctionType = (optionalProps: boolean, withGroups = false, withT = false) =>
  template((h, ts) => {
    const f = ts.factory
    const props = f.createParameterDeclaration(undefined, undefined, 'props', optionalProps ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined, h.type(0))
    return f.createFunctionTypeNode(
      undefined,
      [...telemetryParameter(ts, withT), props, ...(withGroups ? [parameter('groups', h.type(1))] : [])],
      f.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword),
    )
  })
const SIGNAL_FUNCTION_TYPE = signalFunctionType(false)
const SIGNAL_FUNCTION_TYPE_OPTIONAL_PROPS = signalFunctionType(true)
const SIGNAL_FUNCTION_TYPE_WITH_GROUPS = signalFunctionType(false, true)
const spanFunctionType = (withGroups: boolean, withT = false) =>
  template((h, ts) => {
    const f = ts.factory
    const r = () => f.createTypeReferenceNode('R')
    return f.createFunctionTypeNode(
      [f.createTypeParameterDeclaration(undefined, 'R')],
      [
        ...telemetryParameter(ts, withT),
        parameter('props', h.type(0)),
        ...(withGroups ? [parameter('groups', h.type(1))] : []),
        parameter('fn', f.createFunctionTypeNode(undefined, [parameter('span', f.createTypeReferenceNode('SpanScope', [h.type(0)]))], r())),
      ],
      r(),
    )
  })
const SPAN_FUNCTION_TYPE = spanFunctionType(false)
const SPAN_FUNCTION_TYPE_WITH_GROUPS = spanFunctionType(true)
const EMITTER_TYPES = {
  signal: signalFunctionType(false, false, true),
  optionalSignal: signalFunctionType(true, false, true),
  groupedSignal: signalFunctionType(false, true, true),
  span: spanFunctionType(false, true),
  groupedSpan: spanFunctionType(true, true),
}
const IMPORT_FROM_EVENTS = (names: ReadonlyArray<readonly [string, string]>, module: string) =>
  importDeclaration(
    names.map(([name, as]) => ({ name, typeOnly: false, as })),
    module,
  )

/** In `events.ts` only: the one thing of Node's types the module reads, so it compiles without @types/node. */
const PROCESS_DECLARATION = template((_, ts) => {
  const f = ts.factory
  const readonly = [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)]
  const type = f.createTypeLiteralNode([
    f.createPropertySignature(
      readonly,
      'env',
      undefined,
      f.createTypeLiteralNode([
        f.createPropertySignature(readonly, 'NODE_ENV', f.createToken(ts.SyntaxKind.QuestionToken), f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)),
      ]),
    ),
  ])
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.DeclareKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration('process', undefined, type)], ts.NodeFlags.Const),
  )
})
/** `{ readonly "auth.login": SpanDescriptor; … }` */
const DESCRIPTORS_TYPE = template((h, ts) => ts.factory.createTypeLiteralNode([h.members(0)]))
/** `export const $descriptors: {…} = {…};` (the type goes in JavaScript). */
const DESCRIPTORS = template((h, ts) => {
  const f = ts.factory
  return f.createVariableStatement(
    exported(ts),
    f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, h.type(1), h.hole(2))], ts.NodeFlags.Const),
  )
})
/** `export declare const $descriptors: {…};` */
const DESCRIPTORS_DECLARATION = template((h, ts) => {
  const f = ts.factory
  return f.createVariableStatement(
    [f.createModifier(ts.SyntaxKind.ExportKeyword), f.createModifier(ts.SyntaxKind.DeclareKeyword)],
    f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, h.type(1))], ts.NodeFlags.Const),
  )
})
const DESCRIPTORS_DOC = [
  "Each event's descriptor (its redactor, serializer and dev validator), by name: what the redaction output",
  'imports, so the two outputs share one copy of the code.',
]
/**
 * `export { local as name };`: an event whose identifier is a name the module imports from the runtime
 * (`emit.signal` → `emitSignal`) keeps that public name, its function another one inside the module.
 */
const EXPORT_AS = template((h, ts) => {
  const f = ts.factory
  return f.createExportDeclaration(undefined, false, f.createNamedExports([f.createExportSpecifier(false, h.hole(0), h.hole(1))]))
})

/**
 * `export { /** doc *\/ local as name };`: TypeScript reads a JSDoc on the specifier (not above the statement)
 * for the exported name, so its callers see it deprecated while the module's own `local` is not.
 */
function documentedExportAs(doc: Code, local: Code, name: Code): Code {
  return `export {\n${doc}\n${local} as ${name}\n};` as Code
}
/** `export const name: type = local;`: a deprecated event's public emitter in `events.ts` (see `emitterConst`). */
const ALIAS_CONST = template((h, ts) => {
  const f = ts.factory
  return f.createVariableStatement(
    exported(ts),
    f.createVariableDeclarationList([f.createVariableDeclaration(h.hole(0), undefined, h.type(1), h.hole(2))], ts.NodeFlags.Const),
  )
})

export function generate(catalog: Catalog, options: TypeScriptOptions = {}): GeneratedFile[] {
  const runtimeModule = options.runtimeModule ?? '@herald/runtime'
  const withValidators = options.validators ?? true
  const split = (options.format ?? 'dts') === 'dts'
  const code = split ? 'js' : 'ts'
  const names = new UniqueNames(['EventName', 'EventProperties', 'process', DESCRIPTORS_EXPORT, ...IDENTITY_NAMES, ...RUNTIME_NAMES, ...HELPER_NAMES])
  // Emitter names are the catalog's identifiers: taken first, so nothing else can take them. One that the module
  // needs for an import gets another name inside the module and is exported under its own.
  const localNames = new Map(catalog.events.map((event) => [event, names.take(event.identifier)]))
  // The name `$descriptors` reads each emitter by: its local name, or a deprecated one's private constant.
  const mapNames = new Map<CatalogEvent, string>()
  const scope = new ValidatorScope('$re')
  const imports = new Set<string>()
  const typeStatements: Code[] = []
  const codeStatements: Code[] = []
  const signatures: Code[] = []
  const wireTypes: Array<[string, string]> = []
  const bound: Array<{ event: CatalogEvent; propsType: string; groupsType: string | undefined }> = []
  const descriptorEntries: CatalogEvent[] = []
  // Before the events' descriptors, which are built when the module loads and name the keys of their groups.
  const groupKeys = groupKeyDescriptors(catalog, { names, imports, code })
  codeStatements.push(...groupKeys.code)

  // Each event's redactor and serializer, compiled first: events whose functions come out the same share one
  // (declared once, before the first descriptor that names it); a function of one event is written in its descriptor.
  const compiled = new Map(
    catalog.events.map((event) => {
      const plan = objectPlan(catalog, event.properties, stampValues(catalog, event))
      return inLanguage(code, () => {
        const redactor = compileRedactor(plan, names.take(`$redact_${event.identifier}`), catalog.privacy.saltEnv)
        const serializerName = names.take(`$json_${event.identifier}`)
        const { declaration, helpers } = compileSerializer(plan, serializerName)
        return [event, { plan, redactor, serializer: { name: serializerName, declarations: [declaration], helpers } }] as const
      })
    }),
  )
  const sameAs = new Map<string, { name: string; uses: number; declared: boolean }>()
  const shapeOf = (fn: CompiledFunction) => fn.declarations.join('\n').replaceAll(fn.name, '\u0000')
  for (const { redactor, serializer } of compiled.values())
    for (const fn of [redactor, serializer]) {
      const shape = shapeOf(fn)
      const first = sameAs.get(shape)
      if (first === undefined) sameAs.set(shape, { name: fn.name, uses: 1, declared: false })
      else first.uses++
    }
  /** `redact: $redact_x` for a shared function (declared at its first use), else the function as a method. */
  const sharedFunction = (fn: CompiledFunction, key: 'redact' | 'json'): Code => {
    const shared = sameAs.get(shapeOf(fn))!
    if (shared.uses === 1) {
      codeStatements.push(...fn.declarations.slice(1))
      return asMethod(fn.declarations[0]!, fn.name, key)
    }
    if (!shared.declared) {
      codeStatements.push(...fn.declarations)
      shared.declared = true
    }
    return PROPERTY_ASSIGNMENT.fill(identifier(key), identifier(shared.name))
  }

  for (const event of catalog.events) {
    const pascal = event.identifier[0]!.toUpperCase() + event.identifier.slice(1)
    const propsType = names.take(`${pascal}Properties`)
    const ownProps = ownProperties(catalog, event.properties)
    typeStatements.push(
      documented(
        docComment([
          `Properties of ${event.kind === 'span' ? `the span ${event.name} (all three of its events)` : event.name}.`,
          ...(event.description !== undefined ? [event.description] : []),
        ]),
        // No property: a closed empty object, not `{}` (which takes any value but null and undefined). The version
        // stamps are the emitter's to add: code that passes one does not compile.
        Object.keys(ownProps).length === 0
          ? TYPE_ALIAS.fill(identifier(propsType), EMPTY_OBJECT)
          : INTERFACE.fill(identifier(propsType), lines(propertySignatures(ownProps, event.required))),
      ),
    )
    const emptyBase = Object.keys(ownProps).length === 0
    const groupsType = event.groups.length > 0 ? names.take(`${pascal}Groups`) : undefined
    if (groupsType !== undefined) typeStatements.push(groupsInterface(catalog, event, groupsType))
    if (event.kind === 'span') {
      const stopType = names.take(`${pascal}StopProperties`)
      const exceptionType = names.take(`${pascal}ExceptionProperties`)
      const base = emptyBase ? undefined : propsType
      typeStatements.push(extendedInterface(stopType, base, SPAN_STOP_PROPERTY, fixed('number'), 'How long the operation took, in milliseconds.'))
      typeStatements.push(extendedInterface(exceptionType, base, SPAN_EXCEPTION_PROPERTY, fixed('string'), "The error's class name (never its message)."))
      wireTypes.push([`${event.name}.start`, propsType], [`${event.name}.stop`, stopType], [`${event.name}.exception`, exceptionType])
    } else wireTypes.push([event.name, propsType])

    const validatorName = withValidators ? names.take(`$validate_${event.identifier}`) : undefined
    descriptorEntries.push(event)
    const { plan, redactor, serializer } = compiled.get(event)!
    inLanguage(code, () => {
      for (const helper of redactor.helpers) imports.add(helper)
      for (const helper of serializer.helpers) imports.add(helper)
      if (validatorName !== undefined)
        codeStatements.push(...compileEventValidator(scope, validatorName, ownProperties(catalog, event.properties), event.required).declarations)
      const kept = plan.fields.filter((field) => field.action !== 'drop').map((field) => field.key)
      const functions = { redact: sharedFunction(redactor, 'redact'), json: sharedFunction(serializer, 'json'), validate: validatorName }
      const literal = descriptor(catalog, event, kept, functions, groupKeys.names)
      const local = localNames.get(event)!
      // In `events.ts`, a deprecated event's emitter is a private constant that `$descriptors` reads, and its public
      // name, the one marked @deprecated, an alias of it: the module itself uses nothing deprecated (no-deprecated).
      const alias = !split && event.deprecated !== undefined
      const privateLocal = alias && local === event.identifier ? names.take(`$emit_${event.identifier}`) : local
      mapNames.set(event, privateLocal)
      codeStatements.push(emitterConst(catalog, event, propsType, groupsType, privateLocal, withValidators ? PURE_DESCRIPTOR.fill(literal) : literal, alias))
      if (privateLocal !== event.identifier) {
        const doc = docComment(emitterDoc(catalog, event))
        codeStatements.push(
          local === event.identifier
            ? documented(doc, ALIAS_CONST.fill(identifier(event.identifier), emitterType(event, propsType, groupsType), identifier(privateLocal)))
            : alias
              ? documentedExportAs(doc, identifier(local), identifier(event.identifier))
              : EXPORT_AS.fill(identifier(local), identifier(event.identifier)),
        )
      }
    })
    if (split) {
      signatures.push(emitter(catalog, event, propsType, groupsType))
      bound.push({ event, propsType, groupsType })
    }
    imports.add(emitterFactory(event, groupsType))
    imports.add('Telemetry')
    if (event.kind === 'span') imports.add('SpanScope')
  }
  const identity = identityParts(
    catalog,
    {
      names,
      scope,
      imports,
      code,
      withValidators,
      descriptor: (name, fields, validate) =>
        TYPED_CONST.fill(
          identifier(name),
          fixed('TraitsDescriptor'),
          validate !== undefined
            ? PURE_DESCRIPTOR.fill(multilineObjectLiteral([...fields, DEV_ONLY_SPREAD.fill(identifier(validate))]))
            : multilineObjectLiteral(fields),
        ),
    },
    split,
    groupKeys.names,
  )
  typeStatements.push(...identity.types)
  codeStatements.push(...identity.code)
  signatures.push(...identity.signatures)
  for (const helper of scope.helpers) imports.add(helper)
  const descriptorsType = () =>
    DESCRIPTORS_TYPE.fill(lines(descriptorEntries.map((event) => READONLY_PROPERTY.fill(stringLiteral(event.name), fixed('EventDescriptor')))))
  if (descriptorEntries.length > 0) imports.add('descriptorOf').add('EventDescriptor')
  codeStatements.push(
    documented(
      docComment(DESCRIPTORS_DOC),
      inLanguage(code, () =>
        DESCRIPTORS.fill(
          fixed(DESCRIPTORS_EXPORT),
          descriptorsType(),
          PURE_DESCRIPTOR.fill(
            multilineObjectLiteral(
              descriptorEntries.map((event) => PROPERTY_ASSIGNMENT.fill(stringLiteral(event.name), DESCRIPTOR_OF.fill(identifier(mapNames.get(event)!)))),
            ),
          ),
        ),
      ),
    ),
  )
  if (split) signatures.push(documented(docComment(DESCRIPTORS_DOC), DESCRIPTORS_DECLARATION.fill(fixed(DESCRIPTORS_EXPORT), descriptorsType())))

  const eventName = documented(
    docComment(['Every name code may capture: signals, and the .start, .stop and .exception of each span.']),
    TYPE_ALIAS.fill(
      fixed('EventName'),
      wireTypes.length
        ? chain(
            wireTypes.map(([name]) => stringLiteral(name)),
            UNION,
          )
        : fixed('never'),
    ),
  )
  const eventProperties = documented(
    docComment(['The properties of each wire event, by name.']),
    INTERFACE.fill(fixed('EventProperties'), lines(wireTypes.map(([name, type]) => PROPERTY.fill(stringLiteral(name), identifier(type))))),
  )

  const categoryValues: Code[] = []
  const categoryTypes: Code[] = []
  for (const category of Object.values(catalog.categories)) {
    const wires = catalog.events.filter((event) => event.category === category.name).flatMap((event) => event.wireEvents.map((wire) => wire.name))
    const doc = docComment([`The wire events of the category ${category.name}${category.description !== undefined ? `: ${category.description}` : '.'}`])
    const name = identifier(names.take(`${eventIdentifier(category.name)}Events`))
    categoryValues.push(
      documented(
        doc,
        inLanguage(code, () => CATEGORY.fill(name, arrayLiteral(wires.map(stringLiteral)))),
      ),
    )
    if (split) categoryTypes.push(documented(doc, CATEGORY_DECLARATION.fill(name, join(wires.map(stringLiteral), COMMA))))
  }

  const intro =
    catalog.title !== undefined || catalog.version !== undefined
      ? [`${catalog.title ?? 'Events'}${catalog.version !== undefined ? ` ${catalog.version}` : ''}: typed emitters.`]
      : ['Typed emitters.']
  const moduleDoc = docComment([
    ...intro,
    'Call an emitter instead of capturing by hand: its properties are checked by the compiler, redacted and hashed at run time.',
  ])
  const runtimeImport = (typeNames: ReadonlySet<string> | undefined) =>
    importDeclaration(
      [...imports]
        .filter((name) => typeNames === undefined || typeNames.has(name))
        .sort()
        .map((name) => ({ name, typeOnly: RUNTIME_TYPES.has(name) })),
      runtimeModule,
    )
  const header = generatedHeader(catalog) + LINT_DISABLE
  const fileName = options.fileName ?? 'events.ts'
  if (!split) {
    const statements: Code[] = [
      documented(moduleDoc, runtimeImport(undefined)),
      ...(withValidators ? [PROCESS_DECLARATION.fill()] : []),
      eventName,
      eventProperties,
      ...typeStatements,
      ...categoryValues,
      ...scope.hoisted,
      ...codeStatements,
    ]
    return [{ path: fileName, content: printModule(header, statements) }]
  }
  const base = fileName.replace(/\.[cm]?tsx?$/, '')
  const javascript: Code[] = [
    documented(
      moduleDoc,
      inLanguage('js', () => runtimeImport(undefined)),
    ),
    ...categoryValues,
    ...scope.hoisted,
    ...codeStatements,
  ]
  const declarations: Code[] = [
    documented(moduleDoc, runtimeImport(new Set(['Telemetry', 'SpanScope', 'EventDescriptor']))),
    eventName,
    eventProperties,
    ...typeStatements,
    ...categoryTypes,
    ...signatures,
  ]
  const eventsModule = `./${base.split('/').pop()!}.js`
  // Inside createTracker, `t`, `props`, `fn` and the identity methods' parameters are parameters: an emitter of
  // that name is imported as another.
  const trackerNames = new UniqueNames(['createTracker', 't', 'props', 'groups', 'fn', ...IDENTITY_PARAMETERS])
  const trackerLocal = new Map(bound.map(({ event }) => [event, trackerNames.take(event.identifier)]))
  const identityMethods = split ? boundIdentity(catalog).map((m) => ({ ...m, local: trackerNames.take(m.name) })) : []
  const trackerJs: Code[] = inLanguage('js', () => [
    IMPORT_FROM_EVENTS(
      [...bound.map(({ event }) => [event.identifier, trackerLocal.get(event)!] as const), ...identityMethods.map((m) => [m.name, m.local] as const)],
      eventsModule,
    ),
    documented(
      docComment(['Every emitter bound to one Telemetry: tracker.authLogin(props, fn) is authLogin(t, props, fn).']),
      CREATE_TRACKER.fill(
        multilineObjectLiteral(
          bound
            .map(({ event, groupsType }) =>
              (event.kind === 'span'
                ? groupsType !== undefined
                  ? BOUND_SPAN_WITH_GROUPS
                  : BOUND_SPAN
                : groupsType !== undefined
                  ? BOUND_SIGNAL_WITH_GROUPS
                  : BOUND_SIGNAL
              ).fill(identifier(event.identifier), identifier(trackerLocal.get(event)!)),
            )
            .concat(identityMethods.map((m) => boundMethod(m.params).fill(identifier(m.name), identifier(m.local)))),
        ),
      ),
    ),
  ])
  const trackerTypes: Code[] = [
    runtimeImport(new Set(['Telemetry', ...(bound.some(({ event }) => event.kind === 'span') ? ['SpanScope'] : [])])),
    ...(bound.length > 0 || identityMethods.length > 0
      ? [
          importDeclaration(
            [
              ...new Set([
                ...bound.flatMap(({ propsType, groupsType }) => (groupsType !== undefined ? [propsType, groupsType] : [propsType])),
                ...identityMethods.flatMap((m) => m.types),
              ]),
            ].map((name) => ({
              name,
              typeOnly: true,
            })),
            eventsModule,
          ),
        ]
      : []),
    documented(
      docComment(['The emitters of every event, bound to one Telemetry (see createTracker).']),
      INTERFACE.fill(
        fixed('Tracker'),
        lines(
          bound
            .map(({ event, propsType, groupsType }) => {
              const type = identifier(propsType)
              const fn =
                groupsType !== undefined
                  ? (event.kind === 'span' ? SPAN_FUNCTION_TYPE_WITH_GROUPS : SIGNAL_FUNCTION_TYPE_WITH_GROUPS).fill(type, identifier(groupsType))
                  : event.kind === 'span'
                    ? SPAN_FUNCTION_TYPE.fill(type)
                    : (event.required.length === 0 ? SIGNAL_FUNCTION_TYPE_OPTIONAL_PROPS : SIGNAL_FUNCTION_TYPE).fill(type)
              return documented(
                docComment([`{@link ${event.identifier}} of ./events.js, bound: emits ${event.name}.`]),
                READONLY_PROPERTY.fill(identifier(event.identifier), fn),
              )
            })
            .concat(identityMethods.map((m) => documented(docComment([m.doc]), READONLY_PROPERTY.fill(identifier(m.name), fixed(m.type))))),
        ),
      ),
    ),
    documented(
      docComment([
        'Binds every emitter to `t`, for apps that would rather not pass it at each call. Import emitters directly to keep bundles to the events you send.',
      ]),
      CREATE_TRACKER_SIGNATURE.fill(),
    ),
  ]
  return [
    { path: `${base}.js`, content: printModule(header, javascript) },
    { path: `${base}.d.ts`, content: printModule(header, declarations) },
    { path: 'tracker.js', content: printModule(header, trackerJs) },
    { path: 'tracker.d.ts', content: printModule(header, trackerTypes) },
  ]
}

/** The parameter names of the bound identify, group and alias. */
const IDENTITY_PARAMETERS = ['distinctId', 'traits', 'type', 'key', 'properties', 'aliasId']

/** The tracker's identify, group and alias, for what the catalog declares: parameters, type, and the event module's types it names. */
function boundIdentity(catalog: Catalog): Array<{ name: string; params: string[]; type: string; types: string[]; doc: string }> {
  const methods: Array<{ name: string; params: string[]; type: string; types: string[]; doc: string }> = []
  if (catalog.identify !== undefined)
    methods.push({
      name: 'identify',
      params: ['distinctId', 'traits'],
      type: '(distinctId: string, traits?: IdentifyTraits) => void',
      types: ['IdentifyTraits'],
      doc: '{@link identify} of ./events.js, bound: identifies a person and sets their person properties.',
    })
  if (catalog.groups.length > 0)
    methods.push({
      name: 'group',
      params: ['type', 'key', 'properties'],
      type: '<T extends GroupType>(type: T, key: string, properties?: GroupProperties[T]) => void',
      types: ['GroupProperties', 'GroupType'],
      doc: "{@link group} of ./events.js, bound: sets a group's properties (its key hashed when the catalog hashes it).",
    })
  if (catalog.alias)
    methods.push({
      name: 'alias',
      params: ['distinctId', 'aliasId'],
      type: '(distinctId: string, aliasId: string) => void',
      types: [],
      doc: '{@link alias} of ./events.js, bound: links another id of the same person.',
    })
  return methods
}

/** `interface name extends base { key: type }`; without a base when the span has no property of its own. */
function extendedInterface(name: string, base: string | undefined, key: string, type: Code, doc: string): Code {
  const member = documented(docComment([doc]), PROPERTY.fill(identifier(key), type))
  return base === undefined ? INTERFACE.fill(identifier(name), member) : EXTENDED_INTERFACE.fill(identifier(name), identifier(base), member)
}

/** `export interface OrgCreatedGroups { organization: string }`: the keys of an event's groups, by group type. */
function groupsInterface(catalog: Catalog, event: CatalogEvent, name: string): Code {
  const members = event.groups.map((type) => {
    const group = catalog.groups.find((g) => g.name === type)
    const doc = [
      `The key of the ${type} group${group?.key !== undefined ? ` (${group.key})` : ''}.`,
      ...(group?.keyTransform === 'hash' ? ['Hashed before it is sent, as the group call hashes it.'] : []),
    ]
    return documented(docComment(doc), PROPERTY.fill(propertyName(type), fixed('string')))
  })
  return documented(
    docComment([`The groups ${event.name} belongs to: their keys, sent as PostHog's $groups.`]),
    INTERFACE.fill(identifier(name), lines(members)),
  )
}

function descriptor(
  catalog: Catalog,
  event: CatalogEvent,
  keys: string[],
  functions: { redact: Code; json: Code; validate: string | undefined },
  groupKeys: ReadonlyMap<string, string>,
): Code {
  const property = (name: string, value: Code) => PROPERTY_ASSIGNMENT.fill(identifier(name), value)
  const distinct = event.distinctId ?? catalog.privacy.distinctId?.property
  return multilineObjectLiteral([
    property('name', stringLiteral(event.name)),
    ...(event.level !== 'info' ? [property('level', stringLiteral(event.level))] : []),
    ...(event.category !== undefined ? [property('category', stringLiteral(event.category))] : []),
    ...(distinct !== undefined && keys.includes(distinct) ? [property('distinctId', stringLiteral(distinct))] : []),
    functions.redact,
    functions.json,
    ...(event.groups.length > 0 ? [property('groups', arrayLiteral(event.groups.map((type) => identifier(groupKeys.get(type)!))))] : []),
    ...(functions.validate !== undefined ? [DEV_ONLY_SPREAD.fill(identifier(functions.validate))] : []),
  ])
}

/** The `.d.ts` signature of an event's emitter. */
function emitter(catalog: Catalog, event: CatalogEvent, propsType: string, groupsType: string | undefined): Code {
  const name = identifier(event.identifier)
  const type = identifier(propsType)
  const doc = docComment(emitterDoc(catalog, event))
  if (groupsType !== undefined)
    return documented(doc, (event.kind === 'span' ? SPAN_SIGNATURE_WITH_GROUPS : SIGNAL_SIGNATURE_WITH_GROUPS).fill(name, type, identifier(groupsType)))
  if (event.kind === 'span') return documented(doc, SPAN_SIGNATURE.fill(name, type))
  return documented(doc, (event.required.length === 0 ? SIGNAL_SIGNATURE_OPTIONAL_PROPS : SIGNAL_SIGNATURE).fill(name, type))
}

/** The runtime factory that makes the event's emitter. */
function emitterFactory(event: CatalogEvent, groupsType: string | undefined): string {
  if (event.kind === 'span') return groupsType !== undefined ? 'groupedSpanEmitter' : 'spanEmitter'
  return groupsType !== undefined ? 'groupedSignalEmitter' : 'signalEmitter'
}

/**
 * `export const authLogin: <type> = spanEmitter<AuthLoginProperties>(descriptor)`; not exported when its
 * identifier is a name the module imports (see `EXPORT_AS`). Props are required when groups follow them: an
 * optional parameter cannot come before a required one.
 */
function emitterConst(
  catalog: Catalog,
  event: CatalogEvent,
  propsType: string,
  groupsType: string | undefined,
  local: string,
  descriptorCode: Code,
  aliased: boolean,
): Code {
  const props = identifier(propsType)
  const isExported = local === event.identifier
  const factory = fixed(emitterFactory(event, groupsType))
  const type = emitterType(event, propsType, groupsType)
  const declaration =
    groupsType !== undefined
      ? (isExported ? GROUPED_EMITTER_CONST : LOCAL_GROUPED_EMITTER_CONST).fill(identifier(local), type, factory, props, identifier(groupsType), descriptorCode)
      : (isExported ? EMITTER_CONST : LOCAL_EMITTER_CONST).fill(identifier(local), type, factory, props, descriptorCode)
  return withDoc(catalog, event, declaration, aliased)
}

/** The emitter's function type: `(t: Telemetry, props: P) => void`, the span's, with groups. */
function emitterType(event: CatalogEvent, propsType: string, groupsType: string | undefined): Code {
  const props = identifier(propsType)
  if (groupsType !== undefined) return (event.kind === 'span' ? EMITTER_TYPES.groupedSpan : EMITTER_TYPES.groupedSignal).fill(props, identifier(groupsType))
  return event.kind === 'span'
    ? EMITTER_TYPES.span.fill(props)
    : (event.required.length === 0 ? EMITTER_TYPES.optionalSignal : EMITTER_TYPES.signal).fill(props)
}

/**
 * The emitter's JSDoc in `events.ts`; the JavaScript keeps it out: editors read the .d.ts, and the bundle reads neither.
 * `aliased`: the private constant behind a deprecated event's public alias, documented without the @deprecated tag.
 */
function withDoc(catalog: Catalog, event: CatalogEvent, declaration: Code, aliased: boolean): Code {
  if (outputLanguageIsJs()) return declaration
  const doc = emitterDoc(catalog, event).filter((line) => !aliased || typeof line === 'string' || line.tag !== 'deprecated')
  return documented(docComment(doc), declaration)
}

/** `function name(…) {…}` (a compiled redactor or serializer) as the method `key(…) {…}` of a descriptor. */
function asMethod(declaration: Code, name: string, key: 'redact' | 'json'): Code {
  const head = `function ${name}(`
  if (!declaration.startsWith(head)) throw new Error(`not the declaration of ${name}: ${declaration.slice(0, 60)}`)
  return `${key}(${declaration.slice(head.length)}` as Code
}

interface CompiledFunction {
  name: string
  declarations: readonly Code[]
}

function emitterDoc(catalog: Catalog, event: CatalogEvent): Array<string | tsSource.DocTag> {
  const lines: Array<string | tsSource.DocTag> = []
  lines.push(event.description ?? `Emits ${event.name}.`)
  lines.push('')
  if (event.kind === 'span') {
    lines.push(`A span: emits ${event.name}.start, runs fn (sync or async), then ${event.name}.stop with duration_ms,`)
    lines.push(`or ${event.name}.exception with error_kind (the error's class name); returns fn's result or rethrows its error.`)
    lines.push('fn receives a scope whose set() changes the properties of the stop or exception event.')
  } else lines.push(`Emits the signal ${event.name}.`)
  if (event.groups.length > 0) lines.push(`groups: the keys of its groups (${event.groups.join(', ')}), sent as PostHog's $groups.`)
  const facts = [
    event.category !== undefined ? `Category: ${event.category}` : undefined,
    `Level: ${event.level}`,
    event.owner !== undefined ? `Owner: ${event.owner}` : undefined,
    event.since !== undefined ? `Since: ${event.since}` : undefined,
  ].filter((fact): fact is string => fact !== undefined)
  lines.push(`${facts.join('. ')}.`)
  const stamps = Object.entries(stampValues(catalog, event))
  if (stamps.length > 0) lines.push(`Stamps ${stamps.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(' and ')} on what it sends.`)
  if (event.deprecated !== undefined) {
    const target = event.deprecated.renamedTo !== undefined ? catalog.eventsByName.get(event.deprecated.renamedTo) : undefined
    const parts = [
      event.deprecated.since !== undefined ? `Since ${event.deprecated.since}.` : undefined,
      target !== undefined ? `Use {@link ${target.identifier}} (${target.name}) instead.` : undefined,
      event.deprecated.reason,
    ].filter((part): part is string => part !== undefined)
    lines.push({ tag: 'deprecated', text: parts.join(' ') })
  }
  return lines
}
