/** The scope-manager questions the plugin asks about a name: which variable it is, and its one definition. */
import type { Scope, SourceCode } from 'eslint'
import type { TSESTree } from '@typescript-eslint/types'

export function findVariable(sourceCode: SourceCode, id: TSESTree.Identifier | TSESTree.JSXIdentifier): Scope.Variable | undefined {
  let scope: Scope.Scope | null = sourceCode.getScope(id as never)
  while (scope) {
    const variable = scope.set.get(id.name)
    if (variable) return variable
    scope = scope.upper
  }
  return undefined
}

/** The single definition of a variable, or undefined when it has none or several (`var x; var x`). */
export function soleDefinition(variable: Scope.Variable | undefined): Scope.Definition | undefined {
  return variable?.defs.length === 1 ? variable.defs[0] : undefined
}
