/**
 * Syntax-only name lookup: what a local name is bound to, found by walking up the enclosing scopes — the
 * TypeScript-AST counterpart of the ESLint plugin's scope-manager questions (`findVariable`, `soleDefinition`).
 * The audit asks this only at capture candidates, so a walk per question is cheaper than binding every file.
 */
import { ts } from './typescript.js'
import { keyName } from './syntax.js'

export type Binding =
  /** `const`/`let`/`var`; `path` is where the name sits in a destructuring pattern (undefined: a plain name). */
  | { kind: 'variable'; declaration: ts.VariableDeclaration; isConst: boolean; path: string[] | undefined }
  /** A parameter of `fn`, at `index`, at `path` inside its pattern (`[]` for the parameter itself). */
  | { kind: 'parameter'; fn: ts.SignatureDeclaration; parameter: ts.ParameterDeclaration; index: number; path: string[] }
  /** `import { a as x } from "m"` (`importedName: "a"`), `import x from "m"` (`"default"`), `import * as x` (`"*"`). */
  | { kind: 'import'; moduleSpecifier: string; importedName: string }
  | { kind: 'enum'; declaration: ts.EnumDeclaration }
  /** A function or class declaration, a catch variable, a named function expression: nothing the audit follows. */
  | { kind: 'function' | 'other'; node: ts.Node }

/** The binding of `name` visible at `from`, or undefined for a global (`window`, `posthog` from a script tag). */
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
    const parameters = scope.parameters
    for (let index = 0; index < parameters.length; index++) {
      const path = patternPath(parameters[index]!.name, name)
      if (path !== undefined) return { kind: 'parameter', fn: scope, parameter: parameters[index]!, index, path }
    }
    if (ts.isFunctionExpression(scope) && scope.name?.text === name) return { kind: 'other', node: scope }
    return undefined
  }
  if (
    (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) &&
    scope.initializer &&
    ts.isVariableDeclarationList(scope.initializer)
  ) {
    return bindingInDeclarationList(scope.initializer, name)
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration && patternPath(scope.variableDeclaration.name, name) !== undefined) {
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
    } else if (ts.isFunctionDeclaration(statement)) {
      // Overload signatures and the implementation are one function; the one with a body is the binding.
      if (statement.name?.text === name && (statement.body || !hasImplementationAfter(statements, statement))) return { kind: 'function', node: statement }
    } else if (ts.isClassDeclaration(statement)) {
      if (statement.name?.text === name) return { kind: 'other', node: statement }
    } else if (ts.isEnumDeclaration(statement)) {
      if (statement.name.text === name) return { kind: 'enum', declaration: statement }
    } else if (ts.isImportDeclaration(statement)) {
      const found = importBinding(statement, name)
      if (found) return found
    }
  }
  return undefined
}

function hasImplementationAfter(statements: ts.NodeArray<ts.Statement>, overload: ts.FunctionDeclaration): boolean {
  return statements.some((s) => s !== overload && ts.isFunctionDeclaration(s) && s.body !== undefined && s.name?.text === overload.name?.text)
}

function bindingInDeclarationList(list: ts.VariableDeclarationList, name: string): Binding | undefined {
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0
  for (const declaration of list.declarations) {
    if (ts.isIdentifier(declaration.name)) {
      if (declaration.name.text === name) return { kind: 'variable', declaration, isConst, path: undefined }
      continue
    }
    const path = patternPath(declaration.name, name)
    if (path !== undefined) return { kind: 'variable', declaration, isConst, path }
  }
  return undefined
}

function importBinding(statement: ts.ImportDeclaration, name: string): Binding | undefined {
  const clause = statement.importClause
  if (!clause || !ts.isStringLiteral(statement.moduleSpecifier)) return undefined
  const moduleSpecifier = statement.moduleSpecifier.text
  if (clause.name?.text === name) return { kind: 'import', moduleSpecifier, importedName: 'default' }
  const bindings = clause.namedBindings
  if (!bindings) return undefined
  if (ts.isNamespaceImport(bindings)) return bindings.name.text === name ? { kind: 'import', moduleSpecifier, importedName: '*' } : undefined
  for (const specifier of bindings.elements) {
    if (specifier.name.text === name) return { kind: 'import', moduleSpecifier, importedName: (specifier.propertyName ?? specifier.name).text }
  }
  return undefined
}

/**
 * The keys from a binding pattern down to `name`: `[]` for the name itself, `["capture"]` for `{ capture }`,
 * `["0"]` for `[track]`; undefined when the pattern does not bind it (or binds it under a rest or computed key).
 */
export function patternPath(pattern: ts.BindingName, name: string): string[] | undefined {
  if (ts.isIdentifier(pattern)) return pattern.text === name ? [] : undefined
  if (ts.isObjectBindingPattern(pattern)) {
    for (const element of pattern.elements) {
      if (element.dotDotDotToken) continue
      const inner = patternPath(element.name, name)
      if (inner === undefined) continue
      const key = element.propertyName ? keyName(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined
      return key === undefined ? undefined : [key, ...inner]
    }
    return undefined
  }
  for (let i = 0; i < pattern.elements.length; i++) {
    const element = pattern.elements[i]!
    if (ts.isOmittedExpression(element) || element.dotDotDotToken) continue
    const inner = patternPath(element.name, name)
    if (inner !== undefined) return [String(i), ...inner]
  }
  return undefined
}

/** The declaration node a binding stands for, to tell whether two lookups found the same thing. */
export function bindingNode(binding: Binding | undefined): ts.Node | undefined {
  if (!binding) return undefined
  switch (binding.kind) {
    case 'variable':
      return binding.declaration
    case 'parameter':
      return binding.parameter
    case 'enum':
      return binding.declaration
    case 'import':
      return undefined
    default:
      return binding.node
  }
}
