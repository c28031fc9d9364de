/**
 * The ts-morph front-end of the one checker: the capture calls of a parsed file → neutral `CallSite`s, built
 * as the ESLint plugin builds them from ESTree (`packages/eslint-plugin/src/build-call-site.ts`), so that both
 * give the checker the same input on the same code. Whether a call is a capture is core's `findMatcher` over
 * a syntax-only `CallShape`.
 *
 * Beyond the plugin, and only where it would stop: constants imported from other files (syntax, through
 * `ModuleIndex`), and what only types settle — a name typed as a union, a capture function passed on as a
 * parameter or prop typed in another file, a value whose type is boolean or number. The syntax pass flags
 * a file with such a question (`needsTypes`); the typed pass answers it through a `SemanticResolver`.
 */
import type { CallSite, DistinctIdRef, Matcher, PropertyValueKind } from '@herald/core'
import { findMatcher } from '@herald/core'
import { ts } from 'ts-morph'
import { Constants } from './constants.js'
import { resolveEventNames } from './event-names.js'
import type { ModuleIndex } from './module-index.js'
import { Origins } from './origins.js'
import { resolveProperties } from './properties.js'
import { surfaceOf } from './surface.js'
import { calledName, findProperty, isMember, memberName, memberValueNode, positionOf, unwrapTypes } from './syntax.js'

/** What the type checker can tell about an expression; `semantic-resolver.ts` implements it with ts-morph. */
export interface SemanticResolver {
  /** The strings an expression can hold by its type (a literal, or a union or template literal of literals). */
  stringValues(expression: ts.Expression): string[] | undefined
  /** The kind of value an expression's type allows, or `unknown`. */
  valueKind(expression: ts.Expression): PropertyValueKind
  /** The hook (a matcher's `from`) whose return value one of `expressions` is: a capture function passed on. */
  hookOrigin(expressions: readonly ts.Expression[], hooks: readonly string[]): string | undefined
}

export interface ExtractOptions {
  /** The file as reports name it (relative, `/`-separated). */
  file: string
  matchers: readonly Matcher[]
  resolver?: SemanticResolver
  /** Follows imported constants to the files that export them, without types. */
  modules?: ModuleIndex
  /** Record the literal string values of properties (for `init --from-code`). */
  collectValues?: boolean
}

export interface ExtractedFile {
  sites: CallSite[]
  /** Whether types could settle something syntax left open: a dynamic name or a capture function passed on. */
  needsTypes: boolean
}

/** String methods that keep what a value is: `user.email.toLowerCase()` is still the email. */
const SAME_VALUE_METHODS = new Set(['toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase', 'trim', 'normalize', 'toString'])

export function extractCallSites(sourceFile: ts.SourceFile, options: ExtractOptions): ExtractedFile {
  const { matchers, resolver } = options
  const callees = new Set(matchers.map((m) => m.callee))
  const hooksByCallee = new Map<string, string[]>()
  for (const m of matchers) {
    if (m.from === undefined) continue
    const list = hooksByCallee.get(m.callee) ?? []
    if (!list.includes(m.from)) list.push(m.from)
    hooksByCallee.set(m.callee, list)
  }
  const constants = new Constants(options.modules)
  let origins: Origins | undefined
  let needsTypes = false
  const openQuestion = () => {
    needsTypes = true
  }
  const nameTools = {
    constants,
    forwarded: (node: ts.Expression) => origins!.isForwardedName(node, matchers),
    ...(resolver ? { typedStrings: (node: ts.Expression) => resolver.stringValues(node) } : {}),
    onOpenQuestion: openQuestion,
  }
  const propertyTools = {
    constants,
    ...(resolver ? { typedKind: (value: ts.Expression) => resolver.valueKind(value) } : {}),
    ...(options.collectValues ? { literalValues: (value: ts.Expression) => literalValues(value, resolver) } : {}),
  }
  const sites: CallSite[] = []

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calledName(node.expression)
      if (name !== undefined && callees.has(name)) {
        origins ??= new Origins(sourceFile, constants)
        const { shape, travel } = origins.describe(node, name)
        let matcher = findMatcher(matchers, shape)
        // Not a capture by syntax, but maybe a hook's capture function passed on as a parameter or prop.
        const hooks = hooksByCallee.get(name)
        if (!matcher && travel && shape.from === undefined && hooks) {
          if (resolver) {
            const origin = resolver.hookOrigin(travel, hooks)
            if (origin !== undefined) matcher = findMatcher(matchers, { ...shape, from: origin })
          } else openQuestion()
        }
        if (matcher) sites.push(buildCallSite(node, matcher, options.file, nameTools, propertyTools))
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return { sites, needsTypes }
}

function buildCallSite(
  call: ts.CallExpression,
  matcher: Matcher,
  file: string,
  nameTools: Parameters<typeof resolveEventNames>[1],
  propertyTools: Parameters<typeof resolveProperties>[1],
): CallSite {
  const args = call.arguments
  const nameArg = matcher.nameArg ?? 0
  let nameExpr: ts.Node | undefined
  let propsExpr: ts.Node | undefined
  let idExpr: ts.Node | undefined
  if (matcher.objectForm) {
    const object = args[nameArg] && unwrapTypes(args[nameArg])
    if (object && ts.isObjectLiteralExpression(object)) {
      const { nameKey, propsKey, distinctIdKey } = matcher.objectForm
      nameExpr = valueOf(findProperty(object, nameKey))
      propsExpr = propsKey !== undefined ? valueOf(findProperty(object, propsKey)) : undefined
      idExpr = distinctIdKey !== undefined ? valueOf(findProperty(object, distinctIdKey)) : undefined
    }
  } else {
    nameExpr = args[nameArg]
    propsExpr = args[matcher.propsArg ?? nameArg + 1]
    idExpr = matcher.distinctIdArg !== undefined ? args[matcher.distinctIdArg] : undefined
  }
  const site: CallSite = { file, ...positionOf(call), callee: call.expression.getText(), eventNames: [] }
  if (nameExpr) site.eventNames = ts.isExpression(nameExpr) ? resolveEventNames(nameExpr, nameTools) : [{ text: nameExpr.getText(), ...positionOf(nameExpr) }]
  if (propsExpr && ts.isExpression(propsExpr) && !ts.isSpreadElement(propsExpr)) site.properties = resolveProperties(propsExpr, propertyTools)
  if (idExpr && ts.isExpression(idExpr) && !ts.isSpreadElement(idExpr)) site.distinctId = distinctIdRef(idExpr)
  const surface = surfaceOf(call)
  if (surface !== undefined) site.surface = surface
  return site
}

function valueOf(member: ts.ObjectLiteralElementLike | undefined): ts.Node | undefined {
  return member && memberValueNode(member)
}

function distinctIdRef(expression: ts.Expression): DistinctIdRef {
  const start = unwrapParens(expression)
  const ref: DistinctIdRef = { text: start.getText(), ...positionOf(start) }
  let node = unwrapTypes(expression)
  // `user.email.trim()` names the email
  while (ts.isCallExpression(node) && node.arguments.length === 0) {
    const callee = unwrapTypes(node.expression)
    if (!isMember(callee) || !SAME_VALUE_METHODS.has(memberName(callee) ?? '')) break
    node = unwrapTypes(callee.expression)
  }
  if (ts.isIdentifier(node)) ref.name = node.text
  else if (isMember(node)) {
    const name = memberName(node)
    if (name !== undefined) ref.name = name.replace(/^#/, '')
  } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ref.literal = node.text
  return ref
}

function unwrapParens(node: ts.Expression): ts.Expression {
  let current = node
  while (ts.isParenthesizedExpression(current)) current = current.expression
  return current
}

function literalValues(value: ts.Expression, resolver: SemanticResolver | undefined): string[] | undefined {
  const node = unwrapTypes(value)
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  return resolver?.stringValues(node)
}

export type { InventoryKeyRef } from './inventory-key.js'
