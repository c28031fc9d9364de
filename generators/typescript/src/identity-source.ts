/**
 * The typed `identify`, `group` and `alias` of a catalog that declares them: their trait types, and per
 * traits bag (identify's `{ set, setOnce }`, each group type's properties) a redactor, a dev validator and a
 * descriptor, built like an event's. Only what the catalog declares is generated, and each descriptor is pure,
 * so an app that does not call them does not bundle them.
 */
import type { Catalog, PropertySchema } from '@herald/core'
import { type Code, compileRedactor, objectPlan, tsSource, type UniqueNames } from '@herald/generator-redaction'
import { propertySignatures } from './types-source.js'
import { compileEventValidator, type ValidatorScope } from './validator-source.js'

const { docComment, documented, fixed, identifier, inLanguage, lines, multilineObjectLiteral, PROPERTY_ASSIGNMENT, propertyName, stringLiteral, template } =
  tsSource

/** The names generated for the catalog's identity sections, reserved before anything else is named. */
export const IDENTITY_NAMES = ['identify', 'group', 'alias', 'IdentifyTraits', 'GroupProperties', 'GroupType'] as const

export interface IdentityContext {
  names: UniqueNames
  scope: ValidatorScope
  imports: Set<string>
  /** The implementation's language. */
  code: 'ts' | 'js'
  withValidators: boolean
  /** `const name: TraitsDescriptor = …` with the given fields and the dev-only validator, as events' descriptors are. */
  descriptor(name: string, fields: Code[], validate: string | undefined): Code
}

export interface IdentityParts {
  types: Code[]
  code: Code[]
  signatures: Code[]
}

type Factory = typeof import('typescript')
const exported = (ts: Factory) => [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)]
const INTERFACE = template((h, ts) => ts.factory.createInterfaceDeclaration(exported(ts), h.hole(0), undefined, undefined, [h.members(1)]))
const TYPE_ALIAS = template((h, ts) => ts.factory.createTypeAliasDeclaration(exported(ts), h.hole(0), undefined, h.type(1)))
const TYPED_CONST = template((h) => tsSource.nodes.variable(h.hole(0), h.type(1), h.hole(2), 'const'))

/**
 * One function: `export function name<T extends keyof GroupProperties>(t: Telemetry, …): void`, with a body
 * calling `callee(t, …args)` unless it is a signature.
 */
function identityFunction(spec: {
  name: string
  generic: boolean
  params: Array<[string, 'string' | 'traits' | 'type' | 'groupProps', boolean]>
  callee: string
  args: string[]
  body: boolean
}) {
  return template((h, ts) => {
    const f = ts.factory
    const typeOf = (kind: string) => {
      switch (kind) {
        case 'string':
          return f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)
        case 'type':
          return f.createTypeReferenceNode('T')
        case 'groupProps':
          return f.createIndexedAccessTypeNode(f.createTypeReferenceNode('GroupProperties'), f.createTypeReferenceNode('T'))
        default:
          return f.createTypeReferenceNode('IdentifyTraits')
      }
    }
    const params = [
      f.createParameterDeclaration(undefined, undefined, 't', undefined, f.createTypeReferenceNode('Telemetry')),
      ...spec.params.map(([name, kind, optional]) =>
        f.createParameterDeclaration(undefined, undefined, name, optional ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined, typeOf(kind)),
      ),
    ]
    const typeParameters = spec.generic ? [f.createTypeParameterDeclaration(undefined, 'T', f.createTypeReferenceNode('GroupType'))] : undefined
    const body = spec.body
      ? f.createBlock(
          [
            f.createExpressionStatement(
              f.createCallExpression(f.createIdentifier(spec.callee), undefined, [
                f.createIdentifier('t'),
                ...spec.args.map((arg) => (arg === 'HOLE' ? h.hole(0) : f.createIdentifier(arg))),
              ]),
            ),
          ],
          true,
        )
      : undefined
    return f.createFunctionDeclaration(exported(ts), undefined, spec.name, typeParameters, params, f.createKeywordTypeNode(ts.SyntaxKind.VoidKeyword), body)
  })
}

const IDENTIFY = {
  name: 'identify',
  generic: false,
  params: [
    ['distinctId', 'string', false],
    ['traits', 'traits', true],
  ],
  callee: 'emitIdentify',
  args: ['HOLE', 'distinctId', 'traits'],
} as const
const GROUP = {
  name: 'group',
  generic: true,
  params: [
    ['type', 'type', false],
    ['key', 'string', false],
    ['properties', 'groupProps', true],
  ],
  callee: 'emitGroup',
  args: ['HOLE', 'key', 'properties'],
} as const
const ALIAS = {
  name: 'alias',
  generic: false,
  params: [
    ['distinctId', 'string', false],
    ['aliasId', 'string', false],
  ],
  callee: 'emitAlias',
  args: ['distinctId', 'aliasId'],
} as const
const mutable = <T extends { params: readonly (readonly [string, string, boolean])[] }>(spec: T) =>
  ({ ...spec, params: spec.params.map((p) => [...p]) }) as unknown as Parameters<typeof identityFunction>[0]
const IDENTIFY_EMITTER = identityFunction({ ...mutable(IDENTIFY), body: true })
const IDENTIFY_SIGNATURE = identityFunction({ ...mutable(IDENTIFY), body: false })
const GROUP_EMITTER = identityFunction({ ...mutable(GROUP), body: true })
const GROUP_SIGNATURE = identityFunction({ ...mutable(GROUP), body: false })
const ALIAS_EMITTER = identityFunction({ ...mutable(ALIAS), body: true })
const ALIAS_SIGNATURE = identityFunction({ ...mutable(ALIAS), body: false })
/** `$groups[type]` */
const GROUP_LOOKUP = template((h, ts) => ts.factory.createElementAccessExpression(h.hole(0), ts.factory.createIdentifier('type')))

const objectSchema = (properties: Record<string, PropertySchema>, description?: string): PropertySchema => ({
  type: 'object',
  properties,
  additionalProperties: false,
  ...(description !== undefined ? { description } : {}),
})

/**
 * One `GroupKeyDescriptor` per group type (`$key_company = { type, saltEnv, hash? }`), declared before the
 * events' descriptors, which name the ones of the groups they carry; `hash` is the build's `keyedHash` when the
 * key's property is hashed. Returns the names by group type.
 */
export function groupKeyDescriptors(catalog: Catalog, ctx: Pick<IdentityContext, 'names' | 'imports' | 'code'>): { names: Map<string, string>; code: Code[] } {
  const names = new Map<string, string>()
  const code: Code[] = []
  for (const g of catalog.groups) {
    const name = ctx.names.take(`$key_${g.name.replace(/[^A-Za-z0-9_]/g, '_')}`)
    names.set(g.name, name)
    const field = (key: string, value: Code) => PROPERTY_ASSIGNMENT.fill(identifier(key), value)
    inLanguage(ctx.code, () =>
      code.push(
        TYPED_CONST.fill(
          identifier(name),
          fixed('GroupKeyDescriptor'),
          multilineObjectLiteral([
            field('type', stringLiteral(g.name)),
            field('saltEnv', stringLiteral(catalog.privacy.saltEnv)),
            ...(g.keyTransform === 'hash' ? [field('hash', identifier('keyedHash'))] : []),
          ]),
        ),
      ),
    )
    ctx.imports.add('GroupKeyDescriptor')
    if (g.keyTransform === 'hash') ctx.imports.add('keyedHash')
  }
  return { names, code }
}

export function identityParts(catalog: Catalog, ctx: IdentityContext, split: boolean, groupKeys: ReadonlyMap<string, string>): IdentityParts {
  const parts: IdentityParts = { types: [], code: [], signatures: [] }
  const push = (implementation: () => Code, signature: () => Code, doc: Code) => {
    const code = inLanguage(ctx.code, implementation)
    // The JavaScript keeps its JSDoc out, as events' emitters do: editors read the .d.ts.
    parts.code.push(ctx.code === 'js' ? code : documented(doc, code))
    if (split) parts.signatures.push(documented(doc, signature()))
  }
  const traits = (bag: string, name: string, properties: Record<string, PropertySchema>, key?: string): string => {
    const redactName = ctx.names.take(`$redact_${bag}`)
    const validateName = ctx.withValidators ? ctx.names.take(`$validate_${bag}`) : undefined
    const descriptorName = ctx.names.take(`$${bag}`)
    inLanguage(ctx.code, () => {
      const redactor = compileRedactor(objectPlan(catalog, properties), redactName, catalog.privacy.saltEnv)
      for (const helper of redactor.helpers) ctx.imports.add(helper)
      parts.code.push(...redactor.declarations)
      if (validateName !== undefined) parts.code.push(...compileEventValidator(ctx.scope, validateName, properties, []).declarations)
      const field = (name: string, value: Code) => PROPERTY_ASSIGNMENT.fill(identifier(name), value)
      parts.code.push(
        ctx.descriptor(
          descriptorName,
          [
            field('name', stringLiteral(name)),
            field('saltEnv', stringLiteral(catalog.privacy.saltEnv)),
            field('redact', identifier(redactName)),
            ...(key !== undefined ? [field('key', identifier(key))] : []),
          ],
          validateName,
        ),
      )
    })
    ctx.imports.add('TraitsDescriptor')
    return descriptorName
  }
  if (catalog.identify !== undefined || catalog.groups.length > 0 || catalog.alias) ctx.imports.add('Telemetry')

  const identify = catalog.identify
  if (identify !== undefined) {
    const bag = {
      set: objectSchema(identify.set, 'Person properties that each identify overwrites (PostHog $set).'),
      setOnce: objectSchema(identify.setOnce, 'Person properties kept when the person already has them (PostHog $set_once).'),
    }
    parts.types.push(
      documented(
        docComment(['What identify may set on a person.', ...(identify.description !== undefined ? [identify.description] : [])]),
        INTERFACE.fill(fixed('IdentifyTraits'), lines(propertySignatures(bag, []))),
      ),
    )
    const descriptor = traits('identify', 'identify', bag)
    const doc = docComment([
      'Identifies the person `distinctId` and sets their person properties (PostHog identify, Segment identify).',
      '',
      'The id must be opaque: one that looks like an e-mail address, or a placeholder such as "undefined", is refused with a warning.',
    ])
    push(
      () => IDENTIFY_EMITTER.fill(identifier(descriptor)),
      () => IDENTIFY_SIGNATURE.fill(),
      doc,
    )
    ctx.imports.add('emitIdentify')
  }

  if (catalog.groups.length > 0) {
    const members = Object.fromEntries(
      catalog.groups.map((g) => [
        g.name,
        objectSchema(
          g.properties,
          [g.description, g.key !== undefined ? `Keyed by ${g.key}.` : undefined].filter((s) => s !== undefined).join(' ') || undefined,
        ),
      ]),
    )
    parts.types.push(
      documented(
        docComment(['The properties of each declared group type.']),
        INTERFACE.fill(
          fixed('GroupProperties'),
          lines(
            propertySignatures(
              members,
              catalog.groups.map((g) => g.name),
            ),
          ),
        ),
      ),
    )
    parts.types.push(documented(docComment(['A declared group type.']), TYPE_ALIAS.fill(fixed('GroupType'), fixed('keyof GroupProperties'))))
    const descriptors = catalog.groups.map(
      (g) => [g.name, traits(`group_${g.name.replace(/[^A-Za-z0-9_]/g, '_')}`, g.name, g.properties, groupKeys.get(g.name))] as const,
    )
    const groupsName = ctx.names.take('$groups')
    inLanguage(ctx.code, () =>
      parts.code.push(
        TYPED_CONST.fill(
          identifier(groupsName),
          fixed('Readonly<Record<GroupType, TraitsDescriptor>>'),
          multilineObjectLiteral(descriptors.map(([type, d]) => PROPERTY_ASSIGNMENT.fill(propertyName(type), identifier(d)))),
        ),
      ),
    )
    const doc = docComment([
      'Sets the properties of the group `key` of a declared type (PostHog groupIdentify / group, Segment group).',
      '',
      'The key must be an opaque id: one that looks like an e-mail address is refused with a warning. A key whose property is hashed in the catalog is sent hashed, as events send it.',
    ])
    push(
      () => GROUP_EMITTER.fill(GROUP_LOOKUP.fill(identifier(groupsName))),
      () => GROUP_SIGNATURE.fill(),
      doc,
    )
    ctx.imports.add('emitGroup')
  }

  if (catalog.alias) {
    const doc = docComment([
      'Links `aliasId` (another id of the same person, such as an earlier anonymous one) to `distinctId` (PostHog alias, Segment alias).',
      '',
      'Both must be opaque ids: one that looks like an e-mail address is refused with a warning.',
    ])
    push(
      () => ALIAS_EMITTER.fill(),
      () => ALIAS_SIGNATURE.fill(),
      doc,
    )
    ctx.imports.add('emitAlias')
  }
  return parts
}
