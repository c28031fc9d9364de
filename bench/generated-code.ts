/**
 * Runs a Herald generator at bench time and imports what it wrote (under bench/.out, through tsx), so the
 * emit, redact and ndjson rows measure the code users really get. A generator that is missing or still a
 * placeholder makes its rows "not built".
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Catalog, GeneratedFile } from '@herald/core'

export type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string }

const isMissingModule = (error: unknown) =>
  ['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED'].includes((error as { code?: string })?.code ?? '')
export const isNotBuiltYet = (error: unknown) => /not built yet/i.test(String((error as Error)?.message ?? error))

/** Imports a module, or says why it is not built. */
export async function importBuilt<T>(specifier: string): Promise<Loaded<T>> {
  try {
    return { ok: true, value: (await import(specifier)) as T }
  } catch (error) {
    if (isMissingModule(error)) return { ok: false, reason: `${specifier} is missing (not built, or not written yet)` }
    throw error
  }
}

type Generate = (catalog: Catalog, options?: Record<string, unknown>) => GeneratedFile[]

/** Runs `generate` from a generator package and writes its files under `dir` (emptied first). */
export async function generateInto(generatorPackage: string, catalog: Catalog, dir: string): Promise<Loaded<GeneratedFile[]>> {
  const loaded = await importBuilt<{ generate?: Generate }>(generatorPackage)
  if (!loaded.ok) return loaded
  if (typeof loaded.value.generate !== 'function') return { ok: false, reason: `${generatorPackage} exports no generate function` }
  let files: GeneratedFile[]
  try {
    files = loaded.value.generate(catalog, {})
  } catch (error) {
    if (isNotBuiltYet(error)) return { ok: false, reason: `${generatorPackage}: ${(error as Error).message}` }
    throw error
  }
  rmSync(dir, { recursive: true, force: true })
  for (const file of files) {
    const path = join(dir, file.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, file.content)
  }
  return { ok: true, value: files }
}

/** Imports the generated module (.ts or .js) that exports `name` (a function or const), and returns that export. */
export async function importGeneratedExport<T>(dir: string, files: readonly GeneratedFile[], name: string): Promise<Loaded<T>> {
  const declares = new RegExp(`export\\s+(?:async\\s+)?(?:function|const|let)\\s+${name}\\b`)
  for (const file of files) {
    if (!/\.(m?[jt]s|tsx)$/.test(file.path) || file.path.endsWith('.d.ts')) continue
    const path = join(dir, file.path)
    if (!declares.test(readFileSync(path, 'utf8'))) continue
    const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>
    if (module[name] !== undefined) return { ok: true, value: module[name] as T }
  }
  return { ok: false, reason: `no generated module exports ${name}` }
}
