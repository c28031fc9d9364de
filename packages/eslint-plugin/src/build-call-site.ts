/** Turns a matched ESTree call into the checker's neutral `CallSite`, keeping the nodes findings point at. */
import type { SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'
import { type CallSite, type DistinctIdRef, type Matcher, SAME_VALUE_METHODS } from '@herald/core'
import type { EstreeConstants as Constants } from './constant-syntax.js'
import { type NameTarget, resolveEventNames } from './event-names.js'
import { type KeyTarget, resolveProperties } from './properties.js'
import { findProperty, memberName, type Node, unwrapTypes } from './syntax.js'

export interface BuiltCallSite {
  site: CallSite
  names: NameTarget[]
  keys: KeyTarget[]
  distinctId?: Node
}

/** String methods that keep what a value is: `user.email.toLowerCase()` is still the email. */

export interface CallSiteTools {
  sourceCode: SourceCode
  constants: Constants
  /** Whether a name expression is a parameter a matched wrapper passes on. */
  forwarded: (node: Node) => boolean
}

export function buildCallSite(call: TSESTree.CallExpression, matcher: Matcher, tools: CallSiteTools, file: string): BuiltCallSite {
  const { sourceCode, constants } = tools
  const args = call.arguments
  const nameArg = matcher.nameArg ?? 0
  let nameExpr: Node | undefined
  let propsExpr: Node | undefined
  let idExpr: Node | undefined
  if (matcher.objectForm) {
    const object = args[nameArg] && unwrapTypes(args[nameArg])
    if (object?.type === 'ObjectExpression') {
      const { nameKey, propsKey, distinctIdKey } = matcher.objectForm
      nameExpr = findProperty(object, nameKey)?.value
      propsExpr = propsKey !== undefined ? findProperty(object, propsKey)?.value : undefined
      idExpr = distinctIdKey !== undefined ? findProperty(object, distinctIdKey)?.value : undefined
    }
  } else {
    nameExpr = args[nameArg]
    propsExpr = args[matcher.propsArg ?? nameArg + 1]
    idExpr = matcher.distinctIdArg !== undefined ? args[matcher.distinctIdArg] : undefined
  }

  const start = call.loc.start
  const names = nameExpr ? resolveEventNames(nameExpr, sourceCode, constants, tools.forwarded) : []
  const site: CallSite = {
    file,
    line: start.line,
    column: start.column + 1,
    callee: sourceCode.getText(call.callee as never),
    eventNames: names.map((name) => name.ref),
  }
  const built: BuiltCallSite = { site, names, keys: [] }
  if (propsExpr && propsExpr.type !== 'SpreadElement') {
    const properties = resolveProperties(propsExpr, constants)
    site.properties = properties.ref
    built.keys = properties.keys
  }
  if (idExpr && idExpr.type !== 'SpreadElement') {
    site.distinctId = distinctIdRef(idExpr, sourceCode)
    built.distinctId = idExpr
  }
  return built
}

function distinctIdRef(expression: Node, sourceCode: SourceCode): DistinctIdRef {
  const start = expression.loc.start
  const ref: DistinctIdRef = { text: sourceCode.getText(expression as never), line: start.line, column: start.column + 1 }
  let node = withoutChain(expression)
  // `user.email.trim()` names the email
  while (node.type === 'CallExpression' && node.arguments.length === 0) {
    const callee = withoutChain(node.callee)
    if (callee.type !== 'MemberExpression' || !SAME_VALUE_METHODS.has(memberName(callee) ?? '')) break
    node = withoutChain(callee.object)
  }
  if (node.type === 'Identifier') ref.name = node.name
  else if (node.type === 'MemberExpression') {
    const name = memberName(node)
    if (name !== undefined) ref.name = name.replace(/^#/, '')
  } else if (node.type === 'Literal' && typeof node.value === 'string') ref.literal = node.value
  else if (node.type === 'TemplateLiteral' && node.expressions.length === 0) ref.literal = node.quasis[0]?.value.cooked ?? ''
  return ref
}

function withoutChain(expression: Node): Node {
  const node = unwrapTypes(expression)
  return node.type === 'ChainExpression' ? unwrapTypes(node.expression) : node
}
