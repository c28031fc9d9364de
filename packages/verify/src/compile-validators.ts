/**
 * The catalog's dev validators, built by the same compiler that writes them into generated emitters
 * (`compileEventValidator` of @herald/generator-typescript), so traffic is judged by the rules the runtime's
 * dev validation applies. Compiled once per run to JavaScript source, which each worker loads as a function.
 */
import type { Catalog } from '@herald/core'
import { compileEventValidator, ValidatorScope } from '@herald/generator-typescript'
import { tsSource } from '@herald/generator-redaction'
import * as runtime from '@herald/runtime'

/** A compiled event validator: the first problem as "<json pointer> <rule>", or undefined. */
export type EventValidator = (properties: unknown) => string | undefined

/** JavaScript source: the helpers the validators call are parameters, and it returns `{ [wireName]: validator }`. */
export interface ValidatorModule {
  helpers: string[]
  source: string
}

export function compileValidatorModule(catalog: Catalog): ValidatorModule {
  const scope = new ValidatorScope('$re')
  const declarations: string[] = []
  const entries: string[] = []
  // Printed as JavaScript (the templates leave out every type annotation), so nothing needs transpiling.
  tsSource.inLanguage('js', () => {
    catalog.wireEvents.forEach((wire, index) => {
      const validator = compileEventValidator(scope, `$validate_${index}`, wire.properties, wire.required)
      declarations.push(...validator.declarations)
      entries.push(`${JSON.stringify(wire.name)}: ${validator.name}`)
    })
  })
  const source = `${scope.hoisted.join('\n')}\n${declarations.join('\n')}\nreturn { ${entries.join(', ')} };\n`
  return { helpers: [...scope.helpers].sort(), source }
}

export function loadValidatorModule(module: ValidatorModule): Map<string, EventValidator> {
  const helpers = runtime as unknown as Record<string, unknown>
  const args = module.helpers.map((name) => {
    const helper = helpers[name]
    if (typeof helper !== 'function') throw new Error(`@herald/runtime does not export the validation helper ${name}`)
    return helper
  })
  // Source the compiler above wrote from the catalog, never event data: evaluating it is what `herald generate` does too.
  const build = new Function(...module.helpers, module.source) as (...helpers: unknown[]) => Record<string, EventValidator>
  return new Map(Object.entries(build(...args)))
}
