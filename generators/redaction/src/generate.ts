/**
 * The redaction generator: per wire event, the allowlist and the fields to hash, as data
 * (`redaction.json`) and as precompiled filter functions (`redaction.ts`), for services that redact
 * outside the emitters (a collector, a forwarder, another language reading the JSON).
 */
import { type Catalog, eventIdentifier, type GeneratedFile, generatedHeader, generatedNotice } from '@herald/core'
import { compileRedactor } from './redactor-ast.js'
import { objectPlan, redactionRules, type RedactionRules } from './redaction-plan.js'
import { constStatement, f, id, param, printModule, recordType, str, stringType, ts, typeRef, withJsDoc } from './ts-source.js'
import { UniqueNames } from './unique-names.js'

export interface RedactionOptions {
  /** The module generated code imports the runtime from (default `@herald/runtime`). */
  runtimeModule?: string
}

export function generate(catalog: Catalog, options: RedactionOptions = {}): GeneratedFile[] {
  const runtimeModule = options.runtimeModule ?? '@herald/runtime'
  const names = new UniqueNames(['redactors', 'redact', 'redactionRules'])
  const rules: Record<string, RedactionRules> = {}
  const helpers = new Set<string>()
  const functions: ts.FunctionDeclaration[] = []
  const entries: ts.PropertyAssignment[] = []

  for (const wire of catalog.wireEvents) {
    const plan = objectPlan(catalog, wire.properties)
    rules[wire.name] = redactionRules(plan)
    const compiled = compileRedactor(plan, names.take(`redact_${eventIdentifier(wire.name)}`), catalog.privacy.saltEnv)
    for (const helper of compiled.helpers) helpers.add(helper)
    functions.push(withJsDoc(compiled.declarations[0]!, [`Redacts the properties of ${wire.name}.`]), ...compiled.declarations.slice(1))
    entries.push(f.createPropertyAssignment(str(wire.name), id(compiled.name)))
  }

  const redactorType = f.createFunctionTypeNode(undefined, [param('p', recordType()), param('h', typeRef('TelemetryHasher'))], recordType())
  const statements: ts.Statement[] = [
    f.createImportDeclaration(
      undefined,
      f.createImportClause(
        undefined,
        undefined,
        f.createNamedImports([...helpers].sort().map((name) => f.createImportSpecifier(name === 'TelemetryHasher', undefined, id(name)))),
      ),
      str(runtimeModule),
    ),
    ...functions,
    withJsDoc(constStatement('redactors', f.createObjectLiteralExpression(entries, true), typeRef('Readonly', typeRef('Record', stringType(), redactorType)), true), [
      'The precompiled filter of every wire event, by name.',
    ]),
    withJsDoc(
      f.createFunctionDeclaration(
        [f.createModifier(ts.SyntaxKind.ExportKeyword)],
        undefined,
        'redact',
        undefined,
        [param('event', stringType()), param('properties', recordType()), param('hasher', typeRef('TelemetryHasher'))],
        f.createUnionTypeNode([recordType(), f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)]),
        f.createBlock(
          [
            f.createIfStatement(
              f.createLogicalNot(f.createCallExpression(f.createPropertyAccessExpression(id('Object'), 'hasOwn'), undefined, [id('redactors'), id('event')])),
              f.createReturnStatement(id('undefined')),
            ),
            f.createReturnStatement(f.createCallExpression(f.createNonNullExpression(f.createElementAccessExpression(id("redactors"), id("event"))), undefined, [id('properties'), id('hasher')])),
          ],
          true,
        ),
      ),
      ['Redacts the properties of a wire event; undefined for a name the catalog does not declare (send nothing).'],
    ),
  ]

  const json = { $comment: generatedNotice(catalog), saltEnv: catalog.privacy.saltEnv, events: rules }
  return [
    { path: 'redaction.ts', content: printModule(generatedHeader(catalog), statements) },
    { path: 'redaction.json', content: `${JSON.stringify(json, null, 2)}\n` },
  ]
}
