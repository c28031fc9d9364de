/**
 * The TypeScript compiler API the audit runs on, and TypeScript's library declarations: the project's own
 * `typescript` (a peer dependency, so an app that has TypeScript installs no second copy), loaded with
 * `require`. The syntax pass needs the parser only, and the typed pass a program and its checker
 * (`semantic-resolver.ts`).
 *
 * Why `require` and not `import ts from 'typescript'`: importing a CommonJS package from ESM makes Node scan its
 * source for named exports (cjs-module-lexer, and module-format detection), which for TypeScript's 9 MB bundle
 * costs ~80 ms of wall time and ~120 ms of CPU on every run; `require` runs the same code without the scan.
 *
 * `ts` is both the runtime namespace and, through the type aliases below, the namespace of the types the
 * audit names (`ts.Node`, `ts.SourceFile`, …); a type missing here is a compile error, add it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type * as TypeScript from 'typescript'

const require = createRequire(import.meta.url)

export const ts: typeof TypeScript = require('typescript') as typeof TypeScript

/** TypeScript's library declarations (`lib.es5.d.ts`, …), read from the folder of the TypeScript loaded above. */
export function libFiles(): Array<{ fileName: string; text: string }> {
  const folder = dirname(require.resolve('typescript'))
  return readdirSync(folder)
    .filter((name) => name.startsWith('lib.') && name.endsWith('.d.ts'))
    .map((fileName) => ({ fileName, text: readFileSync(join(folder, fileName), 'utf8') }))
}

// eslint-disable-next-line @typescript-eslint/no-namespace -- type-only: merges the types into the `ts` value
export declare namespace ts {
  export type ArrowFunction = TypeScript.ArrowFunction
  export type BindingName = TypeScript.BindingName
  export type CallExpression = TypeScript.CallExpression
  export type CompilerHost = TypeScript.CompilerHost
  export type CreateSourceFileOptions = TypeScript.CreateSourceFileOptions
  export type CompilerOptions = TypeScript.CompilerOptions
  export type ConstructorDeclaration = TypeScript.ConstructorDeclaration
  export type DiagnosticWithLocation = TypeScript.DiagnosticWithLocation
  export type ElementAccessExpression = TypeScript.ElementAccessExpression
  export type EnumDeclaration = TypeScript.EnumDeclaration
  export type Expression = TypeScript.Expression
  export type FunctionDeclaration = TypeScript.FunctionDeclaration
  export type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration
  export type FunctionExpression = TypeScript.FunctionExpression
  export type GetAccessorDeclaration = TypeScript.GetAccessorDeclaration
  export type HasModifiers = TypeScript.HasModifiers
  export type Identifier = TypeScript.Identifier
  export type ImportDeclaration = TypeScript.ImportDeclaration
  export type JsxAttribute = TypeScript.JsxAttribute
  export type JsxOpeningElement = TypeScript.JsxOpeningElement
  export type JsxSelfClosingElement = TypeScript.JsxSelfClosingElement
  export type MethodDeclaration = TypeScript.MethodDeclaration
  export type ModuleResolutionCache = TypeScript.ModuleResolutionCache
  export type Node = TypeScript.Node
  export type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>
  export type ObjectLiteralElementLike = TypeScript.ObjectLiteralElementLike
  export type LiteralExpression = TypeScript.LiteralExpression
  export type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression
  export type ParameterDeclaration = TypeScript.ParameterDeclaration
  export type ParseConfigHost = TypeScript.ParseConfigHost
  export type Program = TypeScript.Program
  export type PropertyAccessExpression = TypeScript.PropertyAccessExpression
  export type PropertyName = TypeScript.PropertyName
  export type PropertySignature = TypeScript.PropertySignature
  export type ScriptKind = TypeScript.ScriptKind
  export type ScriptTarget = TypeScript.ScriptTarget
  export type SetAccessorDeclaration = TypeScript.SetAccessorDeclaration
  export type SignatureDeclaration = TypeScript.SignatureDeclaration
  export type SourceFile = TypeScript.SourceFile
  export type Statement = TypeScript.Statement
  export type SyntaxKind = TypeScript.SyntaxKind
  export type TemplateExpression = TypeScript.TemplateExpression
  export type Type = TypeScript.Type
  export type Symbol = TypeScript.Symbol
  export type TypeChecker = TypeScript.TypeChecker
  export type TypeNode = TypeScript.TypeNode
  export type VariableDeclaration = TypeScript.VariableDeclaration
  export type VariableDeclarationList = TypeScript.VariableDeclarationList
  export type VariableStatement = TypeScript.VariableStatement
}
