/**
 * The buffer directory holds segment files, `<ms>-<pid>-<seq>.ndjson`. A sink writes only to segments it
 * created, so a line torn by a kill is always the tail of a file no one appends to again, never glued to
 * the next event. The file being written is named `….ndjson.open`; the writer renames it when it rotates
 * or closes, and touches its mtime at least every third of `segmentStaleMs` while it is open. An `.open`
 * file whose mtime is older than that counts as abandoned. The decision is made on the file system only,
 * so it holds across threads, processes, PID namespaces and containers sharing the directory.
 */
import { type Dirent, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SEGMENT_NAME = /^(\d{13}-\d+-\d{8})\.ndjson(\.open)?$/
const OPEN_SUFFIX = '.open'
/** How long an `.open` segment may go untouched before it counts as abandoned. */
export const DEFAULT_SEGMENT_STALE_MS = 30_000
export interface Segment {
  /** `<ms>-<pid>-<seq>`: stable across the rename from `.open`, so offsets are keyed by it. */
  stem: string
  path: string
  open: boolean
  pid: number
}

let lastStemMs = 0
let stemSeq = 0

/** A new `.open` segment name: ordered by time, then, within a process, by a sequence number. */
export function nextSegmentName(): string {
  // Never go back in time, so that the oldest file is always the first one by name.
  lastStemMs = Math.max(lastStemMs, Date.now())
  stemSeq++
  return `${String(lastStemMs).padStart(13, '0')}-${process.pid}-${String(stemSeq % 1e8).padStart(8, '0')}.ndjson${OPEN_SUFFIX}`
}

export function sealedPath(openPath: string): string {
  return openPath.endsWith(OPEN_SUFFIX) ? openPath.slice(0, -OPEN_SUFFIX.length) : openPath
}

/**
 * The segments under `dir`, oldest first; none when the directory does not exist. Entries with a
 * segment's name that are not regular files (a dangling link, a directory) are passed to `onSkipped`.
 */
export function listSegments(dir: string, onSkipped?: (path: string) => void): Segment[] {
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const segments: Segment[] = []
  for (const entry of entries) {
    const match = SEGMENT_NAME.exec(entry.name)
    if (!match) continue
    const path = join(dir, entry.name)
    if (!entry.isFile()) {
      onSkipped?.(path)
      continue
    }
    const stem = match[1]!
    segments.push({ stem, path, open: match[2] !== undefined, pid: Number(stem.split('-')[1]) })
  }
  return segments.sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0))
}

/** Whether no writer will ever append to the segment again: sealed, or open and untouched for `staleMs`. */
export function isFinished(segment: Segment, staleMs: number): boolean {
  if (!segment.open) return true
  try {
    return Date.now() - statSync(segment.path).mtimeMs > staleMs
  } catch (error) {
    // Sealed or deleted since it was listed: the next listing tells.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
