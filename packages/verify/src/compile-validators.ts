/**
 * The catalog's dev validators, built by the same compiler that writes them into generated emitters
 * (`compileValidator` of @herald/generator-typescript), so traffic is judged by the rules the runtime's
 * dev validation applies. Compiled once per run to JavaScript source, which each worker loads as functions.
 *
 * One validator per distinct property schema, not per event: events share most of their properties, so a few
 * hundred small functions serve every event and get hot (optimized) early in a run. The checker puts an event's
 * answer together as its event validator (`compileEventValidator`) would give it (see `EventChecker`; core
 * refuses property names that objects inherit, which the event validator would read even when absent); a
 * differential test holds the two to each other.
 */
import type { PropertySchema, WireEvent } from '@herald/core'
import { compileValidator, pointerToken, ValidatorScope } from '@herald/generator-typescript'
import { tsSource } from '@herald/generator-redaction'
import * as runtime from '@herald/runtime'

/** A compiled validator: the first problem as "<json pointer> <rule>", or undefined. */
export type EventValidator = (value: unknown) => string | undefined

/** One wire event's validation plan: indexes into the module's validators. */
export interface EventValidation {
  /** Per declared property, in declaration order: the validator of its value. */
  properties: number[]
  /** The required properties' validator (their absence only), when the event requires any. */
  required?: number
}

/** JavaScript source: the helpers the validators call are parameters, and it returns the validators' array. */
export interface ValidatorModule {
  helpers: string[]
  source: string
  events: Record<string, EventValidation>
}

/** The loaded module: what `EventChecker` calls. */
export interface CatalogValidators {
  validators: EventValidator[]
  events: ReadonlyMap<string, EventValidation>
}

/** What the validators are compiled from: the catalog's wire events (plain data, so it can go to another thread). */
export type ValidatedEvents = ReadonlyArray<Pick<WireEvent, 'name' | 'properties' | 'required'>>

export const validatedEvents = (catalog: { wireEvents: ValidatedEvents }): ValidatedEvents =>
  catalog.wireEvents.map(({ name, properties, required }) => ({ name, properties, required }))

export function compileValidatorModule(catalog: { wireEvents: ValidatedEvents }): ValidatorModule {
  const scope = new ValidatorScope('$re')
  const declarations: string[] = []
  const names: string[] = []
  /** Validator index per property schema (by its JSON) and per compiled source, so equal checks share one function. */
  const bySchema = new Map<string, number>()
  const bySource = new Map<string, number>()
  const events: Record<string, EventValidation> = {}
  const add = (compile: (name: string) => { name: string; declarations: unknown[] }): number => {
    const name = `$validate_${names.length}`
    const compiled = compile(name)
    const text = compiled.declarations.join('\n')
    const same = bySource.get(text.replaceAll(name, '$validate'))
    if (same !== undefined) return same
    bySource.set(text.replaceAll(name, '$validate'), names.length)
    declarations.push(text)
    names.push(compiled.name)
    return names.length - 1
  }
  // Printed as JavaScript (the templates leave out every type annotation), so nothing needs transpiling.
  tsSource.inLanguage('js', () => {
    for (const wire of catalog.wireEvents) {
      const properties = Object.entries(wire.properties).map(([, schema]: [string, PropertySchema]) => {
        const key = JSON.stringify(schema)
        let index = bySchema.get(key)
        if (index === undefined) bySchema.set(key, (index = add((name) => compileValidator(scope, name, schema))))
        return index
      })
      const plan: EventValidation = { properties }
      if (wire.required.length > 0) plan.required = add((name) => compileValidator(scope, name, { type: 'object', required: [...wire.required] }))
      events[wire.name] = plan
    }
  })
  const source = `${scope.hoisted.join('\n')}\n${declarations.join('\n')}\nreturn [${names.join(', ')}];\n`
  return { helpers: [...scope.helpers].sort(), source, events }
}

export function loadValidatorModule(module: ValidatorModule): CatalogValidators {
  const helpers = runtime as unknown as Record<string, unknown>
  const args = module.helpers.map((name) => {
    const helper = helpers[name]
    if (typeof helper !== 'function') throw new Error(`@herald/runtime does not export the validation helper ${name}`)
    return helper
  })
  // Source the compiler above wrote from the catalog, never event data: evaluating it is what `herald generate` does too.
  const build = new Function(...module.helpers, module.source) as (...helpers: unknown[]) => EventValidator[]
  return { validators: build(...args), events: new Map(Object.entries(module.events)) }
}

/**
 * A property validator's problem as the event validator words it: its own value's problems say "/ must…",
 * a nested one's "/0 must…" (an item) or " must…" / "/child must…" (an object's); the event's say "/key…" in front.
 */
export function propertyProblem(key: string, problem: string): string {
  const token = pointerToken(key)
  return problem.startsWith('/ ') ? `/${token}${problem.slice(1)}` : `/${token}${problem}`
}
