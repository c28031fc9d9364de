/**
 * No twin outputs (issue 18): what `herald generate` writes for a typescript and a redaction output holds each
 * function body once. Every function-like body of every code file is parsed with the TypeScript compiler API,
 * types erased, comments dropped and the names of the file's own top-level declarations replaced by one
 * placeholder (`$redact_x` in events.js is `redact_x` in redaction.ts); a body found in two files is a twin.
 * Declarations do not count: parameter lists are left out and `let`/`const` declarations become assignments
 * (a declaration without a value goes), since the JavaScript declares what the TypeScript leaves unread
 * (`function r(p, h)` there is `function r(p)` here, `let v; v = p.x` is `const v = p.x`).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generate as generateRedaction } from '@herald/generator-redaction'
import { generate as generateTypeScript } from '@herald/generator-typescript'
import type { TelemetryHasher } from '@herald/runtime'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { ROOT, writeTemp } from './generate-helpers.js'
import { loadFixture } from './generate-helpers.js'

const BIN = join(ROOT, 'packages/cli/bin/herald.js')

/** Normalized function bodies of one file, each with where it starts. */
function functionBodies(path: string, text: string): Array<{ body: string; at: string }> {
  const js =
    path.endsWith('.ts') && !path.endsWith('.d.ts')
      ? ts.transpileModule(text, { compilerOptions: { target: ts.ScriptTarget.ES2022, removeComments: true } }).outputText
      : text
  const file = ts.createSourceFile(path, js, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  const topLevel = new Set<string>()
  for (const statement of file.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) topLevel.add(statement.name.text)
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) topLevel.add(declaration.name.text)
    if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings))
      for (const element of statement.importClause.namedBindings.elements) topLevel.add(element.name.text)
  }
  const printer = ts.createPrinter({ removeComments: true })
  const rename = (context: ts.TransformationContext) => (root: ts.Node) => {
    const f = context.factory
    const visit = (node: ts.Node): ts.Node | ts.Node[] => {
      if (ts.isIdentifier(node) && topLevel.has(node.text)) return f.createIdentifier('$top')
      if (ts.isVariableStatement(node))
        return node.declarationList.declarations.flatMap((d) =>
          d.initializer === undefined
            ? []
            : [f.createExpressionStatement(f.createAssignment(d.name as ts.Identifier, ts.visitNode(d.initializer, visit) as ts.Expression))],
        )
      return ts.visitEachChild(node, visit, context)
    }
    return ts.visitNode(root, visit) as ts.Node
  }
  const bodies: Array<{ body: string; at: string }> = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const body = node.body as ts.Node
      const renamed = ts.transform(body, [rename]).transformed[0]!
      const { line } = file.getLineAndCharacterOfPosition(node.getStart(file))
      bodies.push({ body: printer.printNode(ts.EmitHint.Unspecified, renamed, file), at: `${path}:${line + 1}` })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return bodies
}

/** Bodies that two different files both hold. */
function twins(files: ReadonlyArray<{ path: string; content: string }>): string[] {
  const seen = new Map<string, string>()
  const found: string[] = []
  for (const { path, content } of files) {
    if (!/\.(?:[cm]?js|ts)$/.test(path) || path.endsWith('.d.ts')) continue
    const inFile = new Set<string>()
    for (const { body, at } of functionBodies(path, content)) {
      if (inFile.has(body)) continue
      inFile.add(body)
      const first = seen.get(body)
      if (first !== undefined && !first.startsWith(`${path}:`)) found.push(`${at} repeats ${first}`)
      else seen.set(body, at)
    }
  }
  return found
}

function listFiles(dir: string): Array<{ path: string; content: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name)
      return { path: relative(dir, full).split('\\').join('/'), content: readFileSync(full, 'utf8') }
    })
}

describe('no function body is generated twice across the outputs', () => {
  it('herald generate --catalog --out, for the example catalog: redaction.ts imports the emitters', () => {
    const out = mkdtempSync(join(tmpdir(), 'herald-twins-'))
    const result = spawnSync(process.execPath, [BIN, 'generate', '--catalog', join(ROOT, 'schema/events.catalog.json'), '--out', out], { encoding: 'utf8' })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const files = listFiles(out)
    expect(readFileSync(join(out, 'redaction/redaction.ts'), 'utf8')).toContain('import { $descriptors } from "../typescript/events.js";')
    expect(twins(files)).toEqual([])
    expect(spawnSync(process.execPath, [BIN, 'generate', '--catalog', join(ROOT, 'schema/events.catalog.json'), '--out', out, '--check']).status).toBe(0)
  })

  it.each([
    ['the example catalog', 'schema/events.catalog.json'],
    ['the hostile catalog', 'test/fixtures/hostile-catalog.json'],
    ['the runtime test catalog', 'test/fixtures/generate-runtime.catalog.json'],
  ])('%s, generated in process', (_, path) => {
    const catalog = loadFixture(path)
    const files = [
      ...generateTypeScript(catalog, {}).map((file) => ({ ...file, path: `typescript/${file.path}` })),
      ...generateRedaction(catalog, { emittersModule: '../typescript/events.js' }).map((file) => ({ ...file, path: `redaction/${file.path}` })),
    ]
    expect(twins(files)).toEqual([])
  })

  it('the check is live: a redaction output that compiles its own redactors is all twins', () => {
    const catalog = loadFixture('test/fixtures/generate-runtime.catalog.json')
    const files = [
      ...generateTypeScript(catalog, {}).map((file) => ({ ...file, path: `typescript/${file.path}` })),
      ...generateRedaction(catalog, {}).map((file) => ({ ...file, path: `redaction/${file.path}` })),
    ]
    const found = twins(files)
    // Per event: the redactor, its nested redactors and the serializer.
    expect(found.length).toBeGreaterThanOrEqual(catalog.events.length * 2)
    expect(found.join('\n')).toMatch(/redaction\/redaction\.ts:\d+ repeats typescript\/events\.js:\d+/)
  })
})

describe('redaction.ts importing the emitters', () => {
  it('redacts and serializes every wire event as the standalone output does', async () => {
    const catalog = loadFixture('test/fixtures/generate-runtime.catalog.json')
    const dir = writeTemp([
      ...generateTypeScript(catalog, {}).map((file) => ({ ...file, path: `typescript/${file.path}` })),
      ...generateRedaction(catalog, { emittersModule: '../typescript/events.js' }).map((file) => ({ ...file, path: `redaction/${file.path}` })),
      ...generateRedaction(catalog, {}).map((file) => ({ ...file, path: `standalone/${file.path}` })),
    ])
    type Redaction = {
      redact(event: string, properties: Record<string, unknown>, hasher: TelemetryHasher): Record<string, unknown> | undefined
      redactJson(event: string, properties: Record<string, unknown>, hasher: TelemetryHasher): string | undefined
    }
    const importing = (await import(pathToFileURL(join(dir, 'redaction/redaction.ts')).href)) as Redaction
    const standalone = (await import(pathToFileURL(join(dir, 'standalone/redaction.ts')).href)) as Redaction
    const hasher: TelemetryHasher = { hash: (value) => `hashed ${String(value)}` }
    const input = {
      user_id: 'u1',
      method: 'sso',
      success: true,
      ip: '10.0.0.1',
      password: 'secret',
      duration_ms: 12,
      error_kind: 'TypeError',
      limiter: 'login',
      count: 3,
      client: { os: 'linux', junk: 1 },
    }
    for (const wire of catalog.wireEvents) {
      const redacted = importing.redact(wire.name, input, hasher)
      expect(redacted).toEqual(standalone.redact(wire.name, input, hasher))
      expect(importing.redactJson(wire.name, input, hasher)).toBe(JSON.stringify(redacted))
      expect(importing.redactJson(wire.name, input, hasher)).toBe(standalone.redactJson(wire.name, input, hasher))
      expect(redacted).not.toHaveProperty('password')
      if (wire.phase === 'stop') expect(redacted).toMatchObject({ duration_ms: 12 })
      else expect(redacted).not.toHaveProperty('duration_ms')
      if (wire.phase === 'exception') expect(redacted).toMatchObject({ error_kind: 'TypeError' })
      else expect(redacted).not.toHaveProperty('error_kind')
    }
    // A span's stop whose only key is the duration; one whose duration is not a number.
    expect(importing.redactJson('auth.login.stop', { duration_ms: 1 }, hasher)).toBe('{"duration_ms":1}')
    expect(importing.redactJson('auth.login.stop', { duration_ms: '1' }, hasher)).toBe('{}')
    expect(importing.redact('no.such_event', {}, hasher)).toBeUndefined()
    expect(importing.redactJson('constructor', {}, hasher)).toBeUndefined()
  })
})
