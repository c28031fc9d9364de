/**
 * One forwarder at a time drains a directory: it holds `forwarder.lock`, created exclusively, and touches
 * its mtime while it drains. A lock untouched for longer than the stale time was left by a forwarder that
 * died or froze, and is taken over. The holder checks that the file still holds its token before each
 * batch, so a frozen holder that wakes up after a takeover sends at most the batch it had in flight.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs'
import { join } from 'node:path'

export const LOCK_FILE = 'forwarder.lock'

export class Lease {
  private readonly path: string
  private readonly token = randomBytes(12).toString('hex')

  constructor(
    dir: string,
    private readonly staleMs: number,
  ) {
    this.path = join(dir, LOCK_FILE)
  }

  /** True when this forwarder now holds the lock; false when another live one does or there is no directory. */
  acquire(): boolean {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx', 0o600)
        try {
          writeSync(fd, this.token)
        } finally {
          closeSync(fd)
        }
        return true
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') return false
        if (code !== 'EEXIST') throw error
      }
      if (!this.isStale()) return false
      try {
        unlinkSync(this.path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return false
  }

  held(): boolean {
    try {
      return readFileSync(this.path, 'utf8') === this.token
    } catch {
      return false
    }
  }

  touch(): void {
    const now = new Date()
    try {
      if (this.held()) utimesSync(this.path, now, now)
    } catch {
      // Checked again before the next batch.
    }
  }

  release(): void {
    try {
      if (this.held()) unlinkSync(this.path)
    } catch {
      // A lock left behind goes stale and is taken over.
    }
  }

  private isStale(): boolean {
    try {
      return Date.now() - statSync(this.path).mtimeMs > this.staleMs
    } catch {
      return true
    }
  }
}
