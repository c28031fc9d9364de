/**
 * Where the NDJSON buffer lives when the caller does not say: `HERALD_LOG_PATH` when set, else the user's
 * state directory — state, not cache, because the files hold events that are still owed to a collector.
 */
import { homedir } from 'node:os'
import { posix, resolve, win32 } from 'node:path'

export interface BufferDirOptions {
  env?: Record<string, string | undefined>
  platform?: NodeJS.Platform
  home?: string
}

/**
 * - `HERALD_LOG_PATH` (a directory) wins everywhere;
 * - Linux and other Unixes: `$XDG_STATE_HOME/herald`, else `~/.local/state/herald` (XDG Base Directory);
 * - macOS: `~/Library/Application Support/herald`;
 * - Windows: `%LOCALAPPDATA%\herald`, else `~\AppData\Local\herald`.
 */
export function defaultBufferDir(options: BufferDirOptions = {}): string {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const override = env.HERALD_LOG_PATH?.trim()
  if (override) return resolve(override)
  const home = options.home ?? homedir()
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA?.trim()
    return local ? win32.join(local, 'herald') : win32.join(home, 'AppData', 'Local', 'herald')
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'herald')
  // The XDG spec says a relative value is invalid and must be ignored.
  const xdg = env.XDG_STATE_HOME?.trim()
  return xdg && posix.isAbsolute(xdg) ? posix.join(xdg, 'herald') : posix.join(home, '.local', 'state', 'herald')
}
