/** Which files an audit reads: the given files, every source file under the given folders, or glob matches. */
import { readdirSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { glob, isDynamicPattern } from 'tinyglobby'

export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'] as const

/** Build output, dependencies and declaration files hold no capture calls of the app's own. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/coverage/**',
  '**/.git/**',
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  '**/*.min.js',
]

const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`

export interface DiscoveredFiles {
  /** Absolute paths, sorted, without repeats. */
  files: string[]
  /** Paths given that are neither a file, a folder nor a glob pattern. */
  missing: string[]
  /** Folders under the given ones that could not be read (the glob skips them silently), with the reason. */
  unreadable: Array<{ folder: string; reason: string }>
}

/** The folders `DEFAULT_IGNORES` skips whole, by name. */
const IGNORED_FOLDERS = new Set(['node_modules', 'dist', 'build', 'coverage', '.git'])

export async function discoverFiles(paths: readonly string[], cwd: string, ignore: readonly string[] = DEFAULT_IGNORES): Promise<DiscoveredFiles> {
  const files = new Set<string>()
  const missing: string[] = []
  const unreadable: DiscoveredFiles['unreadable'] = []
  for (const path of paths.length > 0 ? paths : ['.']) {
    const absolute = isAbsolute(path) ? path : resolve(cwd, path)
    const stat = statOrUndefined(absolute)
    if (stat?.isFile()) {
      files.add(absolute)
    } else if (stat?.isDirectory()) {
      for (const file of await glob(SOURCE_GLOB, { cwd: absolute, absolute: true, ignore: [...ignore], followSymbolicLinks: false })) files.add(file)
      unreadableFolders(absolute, unreadable)
    } else if (isDynamicPattern(path)) {
      const matches = await glob(path, { cwd, absolute: true, ignore: [...ignore], followSymbolicLinks: false })
      for (const file of matches) if (isSourceFile(file)) files.add(file)
    } else {
      missing.push(path)
    }
  }
  return { files: [...files].sort(), missing, unreadable }
}

/** Walks the folders only (names, no file contents) to find the ones that cannot be listed. */
function unreadableFolders(folder: string, found: DiscoveredFiles['unreadable']): void {
  let entries
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    found.push({ folder, reason: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message })
    return
  }
  for (const entry of entries) if (entry.isDirectory() && !IGNORED_FOLDERS.has(entry.name)) unreadableFolders(join(folder, entry.name), found)
}

export function isSourceFile(path: string): boolean {
  const dot = path.lastIndexOf('.')
  return dot >= 0 && (SOURCE_EXTENSIONS as readonly string[]).includes(path.slice(dot + 1))
}

function statOrUndefined(path: string) {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}
