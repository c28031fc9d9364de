/**
 * Who may act on a segment's lines right now: the forwarder while a batch of it is on the wire (until its
 * offset is saved), or a writer while it counts and deletes the segment for the buffer limit. The claim is
 * `<stem>.sending`, created exclusively, so a writer never deletes lines that are being delivered and counts
 * against offsets that no send is about to move: the `buffer-full` count is exact. A claim untouched for
 * longer than the stale time was left by a process that died, and is broken.
 */
import { closeSync, openSync, readdirSync, statSync, unlinkSync, utimesSync } from 'node:fs'
import { join } from 'node:path'

const CLAIM_SUFFIX = '.sending'

/** Takes the claim on `stem`; returns its path, or `undefined` when another live process holds it (or there is no directory). */
export function claimSegment(dir: string, stem: string, staleMs: number): string | undefined {
  const path = join(dir, stem + CLAIM_SUFFIX)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(path, 'wx', 0o600))
      return path
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return undefined
      if (code !== 'EEXIST') throw error
    }
    if (!isStale(path, staleMs)) return undefined
    removeClaim(path)
  }
  return undefined
}

export function releaseClaim(path: string): void {
  removeClaim(path)
}

export function touchClaim(path: string): void {
  const now = new Date()
  try {
    utimesSync(path, now, now)
  } catch {
    // Released meanwhile, or the directory is gone.
  }
}

/** Deletes stale claims left by processes that died while they held one. */
export function removeStaleClaims(dir: string, staleMs: number): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.endsWith(CLAIM_SUFFIX)) continue
    const path = join(dir, name)
    if (isStale(path, staleMs)) removeClaim(path)
  }
}

function isStale(path: string, staleMs: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > staleMs
  } catch {
    return true
  }
}

function removeClaim(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Already gone.
  }
}
