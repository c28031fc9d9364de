/**
 * Syntax-only name lookup: what a local name is bound to, found by walking up the enclosing scopes.
 * The audit asks this only at capture candidates, so a walk per question is cheaper than binding every file.
 */
import { ts } from 'ts-morph'

export type Binding =
  /** `const x = init` (a plain identifier declaration). */
  | { kind: 'const'; declaration: ts.VariableDeclaration; initializer: ts.Expression | undefined }
  /** `const { a: x } = init`: the property `a` of the initializer. */
  | { kind: 'destructured'; element: ts.BindingElement; propertyName: string; initializer: ts.Expression | undefined }
  /** A parameter, or a property destructured from one; `typeNode` is the annotation that types it, when written. */
  | { kind: 'parameter'; parameter: ts.ParameterDeclaration; propertyName?: string; typeNode: ts.TypeNode | undefined }
  /** `import { a as x } from "m"`, `import x from "m"` (`importedName: "default"`), `import * as x` (`"*"`). */
  | { kind: 'import'; moduleSpecifier: string; importedName: string; typeOnly: boolean }
  /** A function or class declaration, a `let`/`var`, an enum, a catch variable: nothing the audit follows. */
  | { kind: 'other'; node: ts.Node }

/** The binding of `name` visible at `from`, or undefined for a global (`window`, `posthog` loaded by a script tag). */
export function findBinding(name: string, from: ts.Node): Binding | undefined {
  for (let scope: ts.Node | undefined = from.parent; scope; scope = scope.parent) {
    const found = bindingIn(scope, name)
    if (found) return found
  }
  return undefined
}

function bindingIn(scope: ts.Node, name: string): Binding | undefined {
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
    return bindingInStatements(scope.statements, name)
  }
  if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      const found = parameterBinding(parameter, name)
      if (found) return found
    }
    if ((ts.isFunctionExpression(scope) || ts.isFunctionDeclaration(scope)) && scope.name?.text === name) return { kind: 'other', node: scope }
    return undefined
  }
  if ((ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
    return bindingInDeclarationList(scope.initializer, name)
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration && declaresName(scope.variableDeclaration.name, name)) {
    return { kind: 'other', node: scope.variableDeclaration }
  }
  if (ts.isClassExpression(scope) && scope.name?.text === name) return { kind: 'other', node: scope }
  return undefined
}

function bindingInStatements(statements: ts.NodeArray<ts.Statement>, name: string): Binding | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const found = bindingInDeclarationList(statement.declarationList, name)
      if (found) return found
    } else if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
      if (statement.name?.text === name) return { kind: 'other', node: statement }
    } else if (ts.isImportDeclaration(statement)) {
      const found = importBinding(statement, name)
      if (found) return found
    }
  }
  return undefined
}

function bindingInDeclarationList(list: ts.VariableDeclarationList, name: string): Binding | undefined {
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0
  for (const declaration of list.declarations) {
    if (ts.isIdentifier(declaration.name)) {
      if (declaration.name.text !== name) continue
      return isConst ? { kind: 'const', declaration, initializer: declaration.initializer } : { kind: 'other', node: declaration }
    }
    const element = findElement(declaration.name, name)
    if (!element) continue
    if (!isConst) return { kind: 'other', node: element.element }
    // Only one level of destructuring is followed: `const { capture } = usePostHog()`.
    return element.depth === 0
      ? { kind: 'destructured', element: element.element, propertyName: element.propertyName, initializer: declaration.initializer }
      : { kind: 'other', node: element.element }
  }
  return undefined
}

function parameterBinding(parameter: ts.ParameterDeclaration, name: string): Binding | undefined {
  if (ts.isIdentifier(parameter.name)) {
    return parameter.name.text === name ? { kind: 'parameter', parameter, typeNode: parameter.type } : undefined
  }
  const element = findElement(parameter.name, name)
  if (!element) return undefined
  if (element.depth > 0) return { kind: 'other', node: element.element }
  return { kind: 'parameter', parameter, propertyName: element.propertyName, typeNode: memberType(parameter.type, element.propertyName) }
}

/** The type of `property` inside an inline type literal annotation: `{ capture }: { capture: T }` → `T`. */
function memberType(typeNode: ts.TypeNode | undefined, property: string): ts.TypeNode | undefined {
  if (!typeNode || !ts.isTypeLiteralNode(typeNode)) return undefined
  for (const member of typeNode.members) {
    if (ts.isPropertySignature(member) && member.name && propertyNameText(member.name) === property) return member.type
  }
  return undefined
}

function importBinding(statement: ts.ImportDeclaration, name: string): Binding | undefined {
  const clause = statement.importClause
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined
  const moduleSpecifier = statement.moduleSpecifier.text
  const typeOnly = clause.isTypeOnly
  if (clause.name?.text === name) return { kind: 'import', moduleSpecifier, importedName: 'default', typeOnly }
  const bindings = clause.namedBindings
  if (!bindings) return undefined
  if (ts.isNamespaceImport(bindings)) {
    return bindings.name.text === name ? { kind: 'import', moduleSpecifier, importedName: '*', typeOnly } : undefined
  }
  for (const specifier of bindings.elements) {
    if (specifier.name.text !== name) continue
    const imported = specifier.propertyName ? moduleExportNameText(specifier.propertyName) : name
    return { kind: 'import', moduleSpecifier, importedName: imported, typeOnly: typeOnly || specifier.isTypeOnly }
  }
  return undefined
}

function findElement(pattern: ts.BindingName, name: string, depth = 0): { element: ts.BindingElement; propertyName: string; depth: number } | undefined {
  if (ts.isIdentifier(pattern)) return undefined
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue
    if (ts.isIdentifier(element.name)) {
      if (element.name.text !== name) continue
      const key = element.propertyName ? propertyNameText(element.propertyName) : ts.isArrayBindingPattern(pattern) ? undefined : name
      // An array element or a computed key is not a named property the audit can follow.
      if (key === undefined || element.dotDotDotToken) return { element, propertyName: '', depth: depth + 1 }
      return { element, propertyName: key, depth }
    }
    const nested = findElement(element.name, name, depth + 1)
    if (nested) return nested
  }
  return undefined
}

function declaresName(binding: ts.BindingName, name: string): boolean {
  return ts.isIdentifier(binding) ? binding.text === name : findElement(binding, name) !== undefined
}

/** The text of a property name that is known without evaluation: `a`, `"a"`, `1`, `#a`; undefined when computed. */
export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text
  if (ts.isPrivateIdentifier(name)) return name.text
  if (ts.isComputedPropertyName(name)) {
    const expression = skipWrappers(name.expression)
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) || ts.isNumericLiteral(expression)) return expression.text
  }
  return undefined
}

function moduleExportNameText(name: ts.ModuleExportName): string {
  return name.text
}

/** Removes what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function skipWrappers(expression: ts.Expression): ts.Expression {
  let current = expression
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
      current = current.expression
    } else return current
  }
}

/** Whether an initializer is an `as const` literal (possibly also `satisfies` something). */
export function isAsConst(initializer: ts.Expression): boolean {
  for (let e: ts.Expression = initializer; ; ) {
    if (ts.isAsExpression(e) && ts.isTypeReferenceNode(e.type) && ts.isIdentifier(e.type.typeName) && e.type.typeName.text === 'const') return true
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression
    else return false
  }
}
