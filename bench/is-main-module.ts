/** Whether a module is the script node (or tsx) was started with, so a maker is both a CLI and a library. */
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

export function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl
  } catch {
    return false
  }
}
