/**
 * `check` and `generate` agree (issue 16, item 19): whatever catalog the loader accepts, every generator turns
 * into code, and the TypeScript of it compiles under the strictest flags, with an app calling every emitter; what
 * the loader refuses, it refuses with a location. Event and property names are built from hostile parts: reserved
 * words, Object.prototype members, the names generated modules import, digits first, letters beyond ASCII
 * (recent Unicode included), quotes, comment ends, U+2028.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { eventIdentifier, type GeneratedFile, parseCatalog } from '@herald/core'
import { generate as generateDocs } from '@herald/generator-docs'
import { generate as generateJsonSchema } from '@herald/generator-json-schema'
import { generate as generateRedaction } from '@herald/generator-redaction'
import { generate } from '@herald/generator-typescript'
import { createTelemetry, memorySink } from '@herald/runtime'
import fc from 'fast-check'
import type ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { typeCheck, writeTemp } from './generate-helpers.js'

const STRICTEST: ts.CompilerOptions = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  useUnknownInCatchVariables: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
}

// Parts of names the loader accepts under a `\S+` pattern (no spaces: `{{x}}`, which Vue still reads).
const NAME_PARTS = [
  ...['class', 'delete', 'await', 'let', 'yield', 'eval', 'arguments', 'undefined', 'enum', 'static', 'type', 'declare', 'of'],
  ...['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', 'then', 'toJSON'],
  ...['process', 'emitSignal', 'runSpan', 'isRecord', 'keyedHash', 'setOwn', 'createTracker', 't', 'props', 'fn', 'EventName', 'Telemetry'],
  ...['signalEmitter', 'groupedSignalEmitter', 'spanEmitter', 'groupedSpanEmitter', 'descriptorOf', 'EventDescriptor', 'eventGroups', 'jsonMember'],
  ...['2fa', '0', '٣', 'é', 'événement', 'Über', 'İ', 'ß', '中文', '😀', '²', 'Ⅻ', '\u{1E030}', '\u{31350}', 'ǅ', 'ʼn'],
  ...['"', "'", '`', '*/', '/*', '${x}', '</script>', '\\', '<!--', '{{x}}', '|', '#', '-->', '@deprecated', '\u202E', '\u200B'],
]
const SEPARATORS = ['.', '_', '-', ':', '/', '']
const namePart = fc.constantFrom(...NAME_PARTS)
const hostileName = fc
  .tuple(namePart, fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), namePart), { maxLength: 2 }))
  .map(([first, rest]) => first + rest.map(([separator, part]) => separator + part).join(''))
// Property keys may also hold spaces and line separators (JSON keys are any string).
const hostileKey = fc.oneof(
  { weight: 4, arbitrary: hostileName },
  { weight: 1, arbitrary: fc.tuple(hostileName, fc.constantFrom(' ', '\u2028', '\n', ' */ '), hostileName).map(([a, s, b]) => a + s + b) },
)
// The keys the loader refuses, kept out where every generated catalog must load.
const REFUSED_KEY = /^(?:constructor|toString|hasOwnProperty|valueOf|__proto__)$|^\$/
const acceptedKey = hostileKey.filter((key) => !REFUSED_KEY.test(key))
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom('*/', '/*', '\u2028', '\u2029', '\r\n', '<script>alert(1)</script>', '{{ constructor }}', '`${x}`', '|', '\u202E', '@param'),
      fc.string(),
    ),
    {
      maxLength: 4,
    },
  )
  .map((parts) => parts.join(' '))

type Schema = Record<string, unknown>
const leafSchema: fc.Arbitrary<Schema> = fc.oneof(
  fc.constant({ type: 'string' }),
  fc.constant({ type: 'integer' }),
  fc.constant({ type: 'number' }),
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: ['string', 'null'] }),
  fc.uniqueArray(fc.oneof(hostileName, fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 3 }).map((values) => ({ enum: values })),
  fc.constant({ type: 'array', items: { type: 'string' } }),
)
const schema = (key: fc.Arbitrary<string>): fc.Arbitrary<Schema> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(leafSchema, hostileText).map(([leaf, description]) => ({ ...leaf, description })) },
    {
      weight: 1,
      arbitrary: fc.uniqueArray(fc.tuple(key, leafSchema), { minLength: 1, maxLength: 2, selector: ([k]) => k }).map((entries) => ({
        type: 'object',
        properties: Object.fromEntries(entries),
      })),
    },
  )
const event = (key: fc.Arbitrary<string>) =>
  fc.record({
    name: hostileName,
    kind: fc.constantFrom('signal', 'signal', 'span'),
    description: hostileText,
    properties: fc.uniqueArray(fc.tuple(key, schema(key), fc.boolean()), { maxLength: 4, selector: ([k]) => k }),
  })
// One event a generated identifier (the loader refuses two that share one).
const events = (key: fc.Arbitrary<string>, maxLength: number) =>
  fc.uniqueArray(event(key), { minLength: 1, maxLength, selector: (e) => eventIdentifier(e.name) })

type GeneratedEvent = { name: string; kind: string; description: string; properties: Array<[string, Schema, boolean]> }
function catalogText(list: readonly GeneratedEvent[], title: string): string {
  return JSON.stringify(
    {
      title,
      description: title,
      version: '1.0.0',
      naming: { pattern: '\\S+' },
      events: Object.fromEntries(
        list.map((e) => [
          e.name,
          {
            kind: e.kind,
            description: e.description,
            properties: Object.fromEntries(e.properties.map(([key, s]) => [key, s])),
            required: e.properties.filter(([, , required]) => required).map(([key]) => key),
          },
        ]),
      ),
    },
    null,
    2,
  )
}

/** A value the schema accepts, as TypeScript source and as a value. */
function sample(s: Schema): unknown {
  if (Array.isArray(s.enum)) return s.enum[0]
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case 'string':
      return 's'
    case 'integer':
    case 'number':
      return 1
    case 'boolean':
      return true
    case 'array':
      return ['s']
    default:
      return {}
  }
}
const requiredProps = (e: GeneratedEvent) => Object.fromEntries(e.properties.filter(([, , required]) => required).map(([key, s]) => [key, sample(s)]))
const allProps = (e: GeneratedEvent) => Object.fromEntries(e.properties.map(([key, s]) => [key, sample(s)]))

/** An app calling every emitter, directly and through the tracker, with its required properties, with all of them, and a span's set({}). */
function appSource(list: readonly GeneratedEvent[], identifiers: readonly string[], module: string, tracker: boolean): string {
  const calls = list.map((e, i) => {
    const name = JSON.stringify(identifiers[i])
    const fn = e.kind === 'span' ? ', (span) => { span.set({}); return 1 }' : ''
    const lines = [`e[${name}](t, ${JSON.stringify(requiredProps(e))}${fn})`, `e[${name}](t, ${JSON.stringify(allProps(e))}${fn})`]
    if (tracker) lines.push(`tracker[${name}](${JSON.stringify(requiredProps(e))}${fn})`)
    return lines.map((line) => `  ${line}\n`).join('')
  })
  return [
    `import * as e from '${module}'`,
    ...(tracker ? ["import { createTracker } from './tracker.js'"] : []),
    "import type { Telemetry } from '@herald/runtime'",
    'export function useAll(t: Telemetry): void {',
    ...(tracker ? ['  const tracker = createTracker(t)'] : []),
    `${calls.join('')}}`,
    '',
  ].join('\n')
}

const diagnosticsOf = (files: Record<string, string>) => typeCheck(files, STRICTEST).filter((d) => d.startsWith('hostile/'))
const byPath = (files: readonly GeneratedFile[], prefix: string) => Object.fromEntries(files.map((file) => [`hostile/${prefix}${file.path}`, file.content]))

describe('hostile names', () => {
  it('what check accepts compiles under the strictest flags, runs, and warns of nothing for valid properties', async () => {
    // One compiler program over every run's output: the program (libraries, runtime) is most of the cost.
    const runs = fc.sample(fc.tuple(events(acceptedKey, 40), hostileText), { numRuns: 4, seed: 16_19 }).map(([list, title], run) => {
      const loaded = parseCatalog(catalogText(list, title), 'hostile.catalog.json')
      if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`).join('\n'))
      const identifiers = list.map((e) => loaded.catalog.eventsByName.get(e.name)!.identifier)
      return { run, list, catalog: loaded.catalog, identifiers, split: generate(loaded.catalog, {}) }
    })
    const files: Record<string, string> = {}
    for (const { run, list, catalog, identifiers, split } of runs) {
      Object.assign(
        files,
        byPath(
          split.filter((file) => file.path.endsWith('.d.ts')),
          `${run}/dts/`,
        ),
        { [`hostile/${run}/dts/app.ts`]: appSource(list, identifiers, './events.js', true) },
        byPath(generate(catalog, { format: 'ts' }), `${run}/ts/`),
        { [`hostile/${run}/ts/app.ts`]: appSource(list, identifiers, './events.ts', false) },
        byPath(
          generateRedaction(catalog, {}).filter((file) => file.path.endsWith('.ts')),
          `${run}/redaction/`,
        ),
      )
      expect(() => [generateJsonSchema(catalog, {}), generateDocs(catalog, {})]).not.toThrow()
    }
    expect(diagnosticsOf(files)).toEqual([])

    for (const { list, catalog, identifiers, split } of runs) {
      // The JavaScript links (no name declared twice) and emits every event without a dev warning.
      const dir = writeTemp(split)
      const m = (await import(pathToFileURL(join(dir, 'events.js')).href)) as Record<string, (...args: unknown[]) => unknown>
      const { createTracker } = (await import(pathToFileURL(join(dir, 'tracker.js')).href)) as { createTracker(t: unknown): Record<string, unknown> }
      const warnings: string[] = []
      const sink = memorySink()
      const t = createTelemetry({
        sinks: [sink],
        enabled: true,
        env: 'development',
        salt: 'ab'.repeat(32),
        envVars: {},
        onWarn: (w) => warnings.push(JSON.stringify(w)),
      })
      expect(Object.keys(createTracker(t)).sort()).toEqual([...identifiers].sort())
      list.forEach((e, i) => {
        const fn = e.kind === 'span' ? [() => 1] : []
        m[identifiers[i]!]!(t, requiredProps(e), ...fn)
        m[identifiers[i]!]!(t, allProps(e), ...fn)
      })
      expect(warnings).toEqual([])
      expect(new Set(sink.events.map((emitted) => emitted.event))).toEqual(
        new Set(catalog.wireEvents.filter((wire) => !wire.name.endsWith('.exception')).map((wire) => wire.name)),
      )
    }
  }, 120_000)

  it('an event named then or after any name the module imports loads, imports under its own name, and emits', async () => {
    // A module exporting `then` is a thenable: `await import()` calls it with resolve and reject and never settles.
    const imported = ['then', 'descriptor.of', 'signal.emitter', 'span.emitter', 'grouped.signal.emitter', 'grouped.span.emitter', 'event.groups']
    const list: GeneratedEvent[] = [...imported, 'json.member', 'emit.signal', 'run.span'].map((name, i) => ({
      name,
      kind: i % 2 === 0 ? 'signal' : 'span',
      description: name,
      properties: [['id', { type: 'string' }, true]],
    }))
    const loaded = parseCatalog(catalogText(list, 't'), 'names.catalog.json')
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'))
    const identifiers = list.map((e) => loaded.catalog.eventsByName.get(e.name)!.identifier)
    expect(identifiers.slice(0, 3)).toEqual(['thenEvent', 'descriptorOf', 'signalEmitter'])
    const dir = writeTemp(generate(loaded.catalog, {}))
    const settled = await Promise.race([
      import(pathToFileURL(join(dir, 'events.js')).href) as Promise<Record<string, (...args: unknown[]) => unknown>>,
      new Promise<'unsettled'>((resolve) => setTimeout(() => resolve('unsettled'), 5_000)),
    ])
    if (settled === 'unsettled') throw new Error('importing events.js never settled')
    const sink = memorySink()
    const t = createTelemetry({ sinks: [sink], enabled: true, env: 'development', salt: 'ab'.repeat(32), envVars: {} })
    list.forEach((e, i) => settled[identifiers[i]!]!(t, { id: 'x' }, ...(e.kind === 'span' ? [() => 1] : [])))
    expect(sink.events.map((emitted) => emitted.event)).toEqual(list.flatMap((e) => (e.kind === 'span' ? [`${e.name}.start`, `${e.name}.stop`] : [e.name])))
  })

  it('what check refuses, it refuses with a location; what it accepts, every generator generates', () => {
    fc.assert(
      fc.property(events(hostileKey, 4), hostileText, (list, title) => {
        const loaded = parseCatalog(catalogText(list, title), 'hostile.catalog.json')
        if (!loaded.ok) {
          for (const d of loaded.diagnostics) {
            expect(d.line).toBeGreaterThan(0)
            expect(d.column).toBeGreaterThan(0)
            expect(d.message).not.toMatch(/internal error|TypeError|RangeError/)
          }
          return
        }
        for (const run of [
          () => generate(loaded.catalog, {}),
          () => generate(loaded.catalog, { format: 'ts' }),
          () => generateRedaction(loaded.catalog, {}),
          () => generateJsonSchema(loaded.catalog, {}),
          () => generateDocs(loaded.catalog, {}),
        ])
          expect(run).not.toThrow()
      }),
      { numRuns: 300, seed: 16_19 },
    )
  })

  it('refuses a property named after an Object.prototype member, which TypeScript would otherwise refuse {} for', () => {
    const loaded = parseCatalog(
      catalogText([{ name: 'a.b', kind: 'signal', description: '', properties: [['constructor', { type: 'string' }, false]] }], 't'),
      'c.json',
    )
    expect(loaded.ok).toBe(false)
    expect(loaded.ok ? [] : loaded.diagnostics.map((d) => [d.code, d.line])).toEqual([['reserved-property', 13]])
  })
})
