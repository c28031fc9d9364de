/**
 * The surface of a call site: where in the product it happens, as a reader of the inventory names it —
 * the route handler (`POST /v1/orgs`), class method (`AuthService.login`), React component (`LoginForm`)
 * or exported function that encloses the call.
 */
import { ts } from './typescript.js'

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all'])

export function surfaceOf(node: ts.Node): string | undefined {
  // A helper inside an exported function is not a surface of its own: the nearest qualifying function wins,
  // and the nearest named function is the fallback.
  let fallback: string | undefined
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionWithBody(current)) continue
    const route = routeOf(current)
    if (route) return route
    if (
      ts.isMethodDeclaration(current) ||
      ts.isConstructorDeclaration(current) ||
      ts.isGetAccessorDeclaration(current) ||
      ts.isSetAccessorDeclaration(current)
    ) {
      const owner = current.parent
      const className = (ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name ? owner.name.text : undefined
      const method = ts.isConstructorDeclaration(current) ? 'constructor' : nameText(current.name)
      if (className && method) return `${className}.${method}`
      if (method) fallback ??= method
      continue
    }
    const named = functionName(current)
    if (!named) continue
    if (named.exported || /^[A-Z]/.test(named.name)) return named.name
    fallback ??= named.name
  }
  return fallback
}

type FunctionWithBody =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration

function isFunctionWithBody(node: ts.Node): node is FunctionWithBody {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  )
}

/** `app.post("/v1/orgs", handler)`, `router.delete("/x", auth, handler)` → `POST /v1/orgs`. */
function routeOf(fn: FunctionWithBody): string | undefined {
  const call = fn.parent
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(fn as ts.Expression)) return undefined
  const callee = call.expression
  if (!ts.isPropertyAccessExpression(callee) || !HTTP_METHODS.has(callee.name.text)) return undefined
  const path = call.arguments[0]
  if (!path || !(ts.isStringLiteral(path) || ts.isNoSubstitutionTemplateLiteral(path)) || !path.text.startsWith('/')) return undefined
  return `${callee.name.text.toUpperCase()} ${path.text}`
}

/** The name a function is known by, and whether it is exported. */
function functionName(fn: FunctionWithBody): { name: string; exported: boolean } | undefined {
  if (ts.isFunctionDeclaration(fn)) {
    const exported = hasModifier(fn, ts.SyntaxKind.ExportKeyword)
    if (fn.name) return { name: fn.name.text, exported }
    return exported ? { name: 'default', exported } : undefined
  }
  // `export const LoginForm = memo(function (…) {…})`: climb through wrapping calls to the declaration.
  let holder: ts.Node = fn
  while (
    holder.parent &&
    (ts.isCallExpression(holder.parent) ||
      ts.isParenthesizedExpression(holder.parent) ||
      ts.isAsExpression(holder.parent) ||
      ts.isSatisfiesExpression(holder.parent))
  ) {
    holder = holder.parent
  }
  const parent = holder.parent
  if (!parent) return undefined
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
    const statement = parent.parent?.parent
    const exported = statement !== undefined && ts.isVariableStatement(statement) && hasModifier(statement, ts.SyntaxKind.ExportKeyword)
    return { name: parent.name.text, exported }
  }
  if (ts.isExportAssignment(parent)) return { name: 'default', exported: true }
  if (ts.isPropertyDeclaration(parent) && parent.initializer === holder) {
    // `class AuthService { login = async () => {…} }` is a method in all but syntax.
    const owner = parent.parent
    const name = nameText(parent.name)
    const className = (ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name ? owner.name.text : undefined
    return name ? { name: className ? `${className}.${name}` : name, exported: className !== undefined } : undefined
  }
  if (ts.isPropertyAssignment(parent) && parent.initializer === holder) {
    const name = nameText(parent.name)
    return name ? { name, exported: false } : undefined
  }
  if (ts.isFunctionExpression(fn) && fn.name) return { name: fn.name.text, exported: false }
  return undefined
}

function nameText(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text
  return undefined
}

function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false
}
