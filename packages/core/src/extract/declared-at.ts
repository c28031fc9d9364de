import { dirname, relative, resolve } from 'node:path'
import type { DeclaredAt } from '../matchers.js'

/** Whether an import specifier is a path (`./x`, `../x`, `/x`) rather than a package name or a tsconfig alias. */
export const isPathSpecifier = (specifier: string): boolean => /^\.{0,2}(\/|$)/.test(specifier)

/**
 * Where a declaration in `fromFile` (no specifier) or imported by it is, as a matcher's `declaredIn` names it:
 * relative to the settings' folder, and for a bare specifier the package too (a workspace package, a tsconfig
 * `paths` alias resolved by `resolveSource`, has both). Without `resolveSource`, a bare specifier is a package.
 */
export function declaredAtFrom(
  fromFile: string,
  settingsDir: string,
  resolveSource?: (specifier: string, fromFile: string) => string | undefined,
): (specifier: string | undefined) => DeclaredAt {
  const rel = (path: string) => relative(settingsDir, path).split('\\').join('/')
  return (specifier) => {
    if (specifier === undefined) return { file: rel(fromFile) }
    if (isPathSpecifier(specifier)) return { file: rel(resolveSource?.(specifier, fromFile) ?? resolve(dirname(fromFile), specifier)) }
    const path = resolveSource?.(specifier, fromFile)
    return path === undefined ? { package: specifier } : { file: rel(path), package: specifier }
  }
}
