/**
 * The generated code passes typescript-eslint's `strictTypeChecked` config: real ESLint, real typescript-eslint
 * with type information, over what the typescript and redaction generators write for the example catalog and for
 * the hostile-names catalog: the declarations, and the implementation code of the single-file `format: 'ts'`
 * output and of a standalone redaction.ts. Generated files start with `/* eslint-disable *\/`;
 * `noInlineConfig` makes ESLint ignore it, so every rule really runs.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseCatalog } from '@herald/core'
import { generate as generateRedaction } from '@herald/generator-redaction'
import { generate } from '@herald/generator-typescript'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { afterAll, describe, expect, it } from 'vitest'
import { loadFixture, ROOT } from './generate-helpers.js'

// Inside the repository, so `@herald/runtime` resolves to the workspace package (built: pnpm build first).
const WORK = join(ROOT, 'test/artifacts', `eslint-strict-${process.pid}`)
afterAll(() => rmSync(WORK, { recursive: true, force: true }))

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  include: ['**/*.ts'],
}

async function lint(dir: string, files: string[]): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      ...tseslint.configs.strictTypeChecked,
      {
        linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
        languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } },
      },
    ] as ESLint.Options['overrideConfig'],
  })
  const results = await eslint.lintFiles(files)
  return results.flatMap((result) =>
    result.messages
      // ESLint's own note that the header's `eslint-disable` is ignored: the point of `noInlineConfig`.
      .filter((m) => !(m.ruleId === null && m.message.includes("has no effect because you have 'noInlineConfig'")))
      .map((m) => `${result.filePath.slice(dir.length + 1)}:${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`),
  )
}

describe.each([
  ['the example catalog', 'schema/events.catalog.json', 'example'],
  ['the hostile-names catalog', 'test/fixtures/hostile-catalog.json', 'hostile'],
])('%s', (_, path, name) => {
  // The declarations an app's compiler and linter read with the redaction output beside the emitters, and the
  // implementation code a `format: 'ts'` project compiles itself (redactors, serializers, validators).
  it('events.d.ts, tracker.d.ts, redaction.ts importing the emitters, the single-file events.ts and a standalone redaction.ts pass strictTypeChecked', {
    timeout: 300_000,
  }, async () => {
    const catalog = loadFixture(path)
    const dir = join(WORK, name)
    const files: Record<string, string> = { 'tsconfig.json': `${JSON.stringify(TSCONFIG, null, 2)}\n` }
    for (const file of generate(catalog, {})) files[`split/${file.path}`] = file.content
    files['split/redaction/redaction.ts'] = generateRedaction(catalog, { emittersModule: '../events.js' })[0]!.content
    for (const file of generate(catalog, { format: 'ts' })) files[`single/${file.path}`] = file.content
    files['standalone/redaction.ts'] = generateRedaction(catalog, {})[0]!.content
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true })
      writeFileSync(join(dir, file), content)
    }
    const linted = Object.keys(files).filter((file) => file.endsWith('.ts'))
    expect(linted).toEqual(expect.arrayContaining(['split/events.d.ts', 'single/events.ts', 'standalone/redaction.ts']))
    expect(await lint(dir, linted)).toEqual([])
  })
})

it('a strictTypeChecked violation is reported, through the eslint-disable header (the check is live)', { timeout: 120_000 }, async () => {
  const dir = join(WORK, 'live')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG))
  writeFileSync(join(dir, 'bad.ts'), '/* eslint-disable */\nexport function f(x: string | undefined): string {\n  return x!\n}\n')
  expect((await lint(dir, ['bad.ts'])).join('\n')).toMatch(/bad\.ts:3:\d+ @typescript-eslint\/no-non-null-assertion/)
})

it("a deprecated event's emitter stays deprecated to its callers, in events.ts and through events.d.ts", { timeout: 120_000 }, async () => {
  const catalog = loadFixture('schema/events.catalog.json')
  const dir = join(WORK, 'deprecated')
  const files: Record<string, string> = { 'tsconfig.json': JSON.stringify(TSCONFIG) }
  for (const file of generate(catalog, { format: 'ts' })) files[`single/${file.path}`] = file.content
  for (const file of generate(catalog, {})) files[`split/${file.path}`] = file.content
  const call = "export const f = (t: Telemetry): void => { accountRegistered(t, { user_id: 'u' }) }\n"
  files['single/app.ts'] = `import type { Telemetry } from '@herald/runtime'\nimport { accountRegistered } from './events.js'\n${call}`
  files['split/app.ts'] = files['single/app.ts']
  // A deprecated event named like a runtime import (emitSignal): its emitter is exported under a specifier.
  const renamed = parseCatalog(
    JSON.stringify({
      events: {
        'emit.signal': { kind: 'signal', description: 'd', deprecated: { since: '1.0.0', renamedTo: 'new.signal' } },
        'new.signal': { kind: 'signal', description: 'd' },
      },
    }),
    'renamed.catalog.json',
  )
  if (!renamed.ok) throw new Error(renamed.diagnostics.map((d) => d.message).join('\n'))
  for (const file of generate(renamed.catalog, { format: 'ts' })) files[`renamed/${file.path}`] = file.content
  files['renamed/app.ts'] =
    "import type { Telemetry } from '@herald/runtime'\nimport { emitSignal } from './events.js'\nexport const f = (t: Telemetry): void => { emitSignal(t) }\n"
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), content)
  }
  const reports = await lint(dir, ['single/app.ts', 'split/app.ts', 'renamed/app.ts', 'renamed/events.ts'])
  expect(reports.map((r) => r.replace(/ Since .*/s, ''))).toEqual([
    'single/app.ts:3:44 @typescript-eslint/no-deprecated: `accountRegistered` is deprecated.',
    'split/app.ts:3:44 @typescript-eslint/no-deprecated: `accountRegistered` is deprecated.',
    'renamed/app.ts:3:44 @typescript-eslint/no-deprecated: `emitSignal` is deprecated.',
  ])
})
