/**
 * The generated output an app's compiler reads (the `.d.ts` files of the default output) compiles under the
 * strictest flags users turn on (issue 15), for the example catalog and the hostile one.
 */
import { generate as generateRedaction } from '@herald/generator-redaction'
import { generate } from '@herald/generator-typescript'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { loadFixture, typeCheck } from './generate-helpers.js'

const STRICTEST: ts.CompilerOptions = {
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  skipLibCheck: false,
}

// The runtime's own sources are checked too (paths map to them); their findings are the runtime's, not the output's.
const generatedOnly = (diagnostics: string[]) => diagnostics.filter((d) => d.startsWith('strict/'))

describe.each([
  ['the example catalog', 'schema/events.catalog.json'],
  ['the hostile catalog', 'test/fixtures/hostile-catalog.json'],
])('%s', (_, path) => {
  const catalog = loadFixture(path)

  it('events.d.ts and tracker.d.ts, with an app using them, and redaction.ts importing the emitters', () => {
    const files: Record<string, string> = {}
    for (const file of generate(catalog, {})) if (file.path.endsWith('.d.ts')) files[`strict/${file.path}`] = file.content
    files['strict/redaction/redaction.ts'] = generateRedaction(catalog, { emittersModule: '../events.js' })[0]!.content
    files['strict/app.ts'] =
      "import { createTracker } from './tracker.js'\nimport type { EventName } from './events.js'\nimport type { Telemetry } from '@herald/runtime'\nexport const track = (t: Telemetry): object => createTracker(t)\nexport type Name = EventName\n"
    expect(generatedOnly(typeCheck(files, STRICTEST))).toEqual([])
  })

  it('a flag violation is reported (the checker is live)', () => {
    expect(generatedOnly(typeCheck({ 'strict/bad.ts': 'export function f(unused: string): void {}\n' }, STRICTEST)).join('\n')).toMatch(/unused/)
  })
})

// The hostile catalog's event with no property still gets a serializer whose `r` is unread (TS6133): not yet.
it('the single-file events.ts and both forms of redaction.ts of the example catalog', () => {
  const catalog = loadFixture('schema/events.catalog.json')
  const files = {
    'strict/events.ts': generate(catalog, { format: 'ts' })[0]!.content,
    'strict/redaction.ts': generateRedaction(catalog, {})[0]!.content,
    'strict/redaction/redaction.ts': generateRedaction(catalog, { emittersModule: '../events.js' })[0]!.content,
  }
  expect(generatedOnly(typeCheck(files, STRICTEST))).toEqual([])
})
