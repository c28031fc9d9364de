/**
 * The TypeScript-AST side of core's `ConstantSyntax`: how the audit answers the extractor's questions about a
 * node, with syntax-only scope lookup (`findBinding`) and, with `imports`, constants exported by other files of
 * the project (`ModuleIndex`). Constant evaluation itself is core's `Constants`.
 */
import { type ConstantKind, Constants as CoreConstants, type ConstantSyntax } from '@herald/core'
import { ts } from './typescript.js'
import type { ModuleIndex } from './module-index.js'
import { findBinding } from './syntax-scope.js'
import { findProperty, isInitMember, isMember, keyName, type MemberExpression, memberName, memberValueNode, unwrapTypes } from './syntax.js'

export type Constants = CoreConstants<ts.Node, ts.ObjectLiteralExpression>

export function tsConstants(modules?: ModuleIndex): Constants {
  return new CoreConstants(new TsConstantSyntax(modules))
}

export function isExpression(node: ts.Node): node is ts.Expression {
  return ts.isExpression(node)
}

class TsConstantSyntax implements ConstantSyntax<ts.Node, ts.ObjectLiteralExpression> {
  constructor(private readonly modules?: ModuleIndex) {}

  unwrapTypes(node: ts.Node): ts.Node | undefined {
    return ts.isExpression(node) ? unwrapTypes(node) : undefined
  }

  kind(node: ts.Node): ConstantKind {
    if (ts.isObjectLiteralExpression(node)) return 'object'
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return 'string'
    if (ts.isTemplateExpression(node)) return 'template'
    if (ts.isIdentifier(node)) return 'identifier'
    if (isMember(node)) return 'member'
    if (ts.isCallExpression(node) && isObjectFreeze(node)) return 'freeze'
    return 'other'
  }

  asObject(node: ts.Node): ts.ObjectLiteralExpression {
    return node as ts.ObjectLiteralExpression
  }

  stringValue(node: ts.Node): string {
    return (node as ts.LiteralExpression).text
  }

  templateQuasis(node: ts.Node): readonly string[] {
    const template = node as ts.TemplateExpression
    return [template.head.text, ...template.templateSpans.map((span) => span.literal.text)]
  }

  templateExpressions(node: ts.Node): readonly ts.Node[] {
    return (node as ts.TemplateExpression).templateSpans.map((span) => span.expression)
  }

  constInit(node: ts.Node, imports: boolean): ts.Node | undefined {
    const id = node as ts.Identifier
    const binding = findBinding(id.text, id)
    if (binding?.kind === 'variable') {
      return binding.isConst && binding.path === undefined ? binding.declaration.initializer : undefined
    }
    if (imports && binding?.kind === 'import' && binding.importedName !== '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, id.getSourceFile().fileName, binding.importedName)?.expression
    }
    return undefined
  }

  memberName(member: ts.Node): string | undefined {
    return memberName(member as MemberExpression)
  }

  memberObject(member: ts.Node): ts.Node {
    return (member as MemberExpression).expression
  }

  boundMember(node: ts.Node, name: string, imports: boolean): ts.Node | undefined {
    const object = node as ts.Identifier
    const binding = findBinding(object.text, object)
    if (binding?.kind === 'enum') {
      for (const member of binding.declaration.members) if (keyName(member.name) === name) return member.initializer
      return undefined
    }
    // `import * as Events from "./events"; Events.LOGIN`: a member of a namespace is an export of its module.
    if (imports && binding?.kind === 'import' && binding.importedName === '*') {
      return this.modules?.exportedValue(binding.moduleSpecifier, object.getSourceFile().fileName, name)?.expression
    }
    return undefined
  }

  freezeArgument(node: ts.Node): ts.Node | undefined {
    return (node as ts.CallExpression).arguments[0]
  }

  propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Node | undefined {
    const property = findProperty(object, name)
    return property && isInitMember(property) ? memberValueNode(property) : undefined
  }

  isImportBinding(node: ts.Node): boolean {
    const id = node as ts.Identifier
    return findBinding(id.text, id)?.kind === 'import'
  }
}

function isObjectFreeze(call: ts.CallExpression): boolean {
  const callee = unwrapTypes(call.expression)
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'freeze'
}
