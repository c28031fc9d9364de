/**
 * One forwarder at a time drains a directory: it holds `forwarder.lock`, created exclusively, and touches
 * its mtime while it drains. A lock untouched for longer than the stale time was left by a forwarder that
 * died or froze, and is taken over. The holder checks that the lock still holds its token before each
 * batch, so a frozen holder that wakes up after a takeover sends at most the batch it had in flight.
 *
 * The lock is a symbolic link whose target is the token: created exclusively and with its content in one
 * call, and a short link needs no data block, so it can be taken on a full disk (a regular file can be
 * created there but not written, and an empty lock would stop every forwarder until it went stale — while
 * only a forwarder, by sending and deleting segments, frees the disk that the buffer filled).
 */
import { randomBytes } from 'node:crypto'
import { closeSync, lstatSync, lutimesSync, openSync, readFileSync, readlinkSync, symlinkSync, unlinkSync, writeSync } from 'node:fs'
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

  /** True when this forwarder now holds the lock (or still does); false when another live one does or there is no directory. */
  acquire(): boolean {
    if (this.held()) return true
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        this.create()
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
      return readlinkSync(this.path) === this.token
    } catch (error) {
      // A regular file: the lock of a system without symbolic links.
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') return false
      try {
        return readFileSync(this.path, 'utf8') === this.token
      } catch {
        return false
      }
    }
  }

  /** The link, or where links need a privilege (Windows), a file created exclusively that holds the token. */
  private create(): void {
    try {
      symlinkSync(this.token, this.path)
      return
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
    }
    const fd = openSync(this.path, 'wx', 0o600)
    try {
      writeSync(fd, this.token)
    } catch (error) {
      closeSync(fd)
      unlinkSync(this.path)
      throw error
    }
    closeSync(fd)
  }

  touch(): void {
    const now = new Date()
    try {
      if (this.held()) lutimesSync(this.path, now, now)
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
      return Date.now() - lstatSync(this.path).mtimeMs > this.staleMs
    } catch {
      return true
    }
  }
}
