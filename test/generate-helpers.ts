/** Shared by the generate-* tests: load fixture catalogs, write generated code somewhere importable, type-check it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalog, type GeneratedFile, loadCatalogSync } from '@herald/core'
import { build } from 'esbuild'
import ts from 'typescript'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const RUNTIME_ENTRY = join(ROOT, 'packages/runtime/src/index.ts')

export function loadFixture(path: string): Catalog {
  const result = loadCatalogSync(join(ROOT, path))
  if (!result.ok) throw new Error(`${path}: ${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`)
  return result.catalog
}

/** Writes files under a fresh temporary directory and returns it. */
export function writeTemp(files: readonly GeneratedFile[], prefix = 'herald-generate-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true })
    writeFileSync(join(dir, file.path), file.content)
  }
  return dir
}

/**
 * Type-checks files in memory with the TypeScript API under `strict` (no spawned tsc): `@herald/runtime`
 * resolves to the runtime's sources. Returns the diagnostics as "file:line: message".
 */
export function typeCheck(files: Record<string, string>, options: ts.CompilerOptions = {}): string[] {
  const compilerOptions: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules/@types')],
    paths: { '@herald/runtime': [RUNTIME_ENTRY], '@herald/runtime/*': [join(ROOT, 'packages/runtime/src/*/index.ts')] },
    ...options,
  }
  const virtualRoot = join(ROOT, 'test/.virtual')
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(virtualRoot, name), text]))
  const host = ts.createCompilerHost(compilerOptions)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  host.readFile = (file) => virtual.get(file) ?? readFile(file)
  host.fileExists = (file) => virtual.has(file) || fileExists(file)
  const directoryExists = host.directoryExists?.bind(host)
  host.directoryExists = (dir) => dir.startsWith(virtualRoot) || (directoryExists?.(dir) ?? true)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtual.get(file)
    return text !== undefined ? ts.createSourceFile(file, text, language, true) : getSourceFile(file, language, onError, create)
  }
  const program = ts.createProgram([...virtual.keys()], compilerOptions, host)
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.replace(virtualRoot + '/', '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : ''
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
  })
}

/**
 * A minified esbuild bundle (node platform) of one call of a generated function from `dir`'s events.js with the
 * runtime: `name(createTelemetry(), args)`. `production` folds `process.env.NODE_ENV` as a production build does.
 */
export async function bundleCall(dir: string, name: string, args: string, options: { production?: boolean } = {}): Promise<string> {
  const entry = join(dir, `${name}.entry.ts`)
  writeFileSync(entry, `import { createTelemetry } from '${RUNTIME_ENTRY}'\nimport { ${name} } from './events.js'\n${name}(createTelemetry(), ${args})\n`)
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'node',
    absWorkingDir: ROOT,
    logLevel: 'silent',
    ...(options.production ? { define: { 'process.env.NODE_ENV': '"production"' } } : {}),
  })
  return result.outputFiles[0]!.text
}
