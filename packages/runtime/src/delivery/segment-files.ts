/**
 * The buffer directory holds segment files, `<ms>-<pid>-<seq>.ndjson`. A sink writes only to segments it
 * created, so a line torn by a kill is always the tail of a file no one appends to again, never glued to
 * the next event. The file being written is named `….ndjson.open`; the writer renames it when it rotates
 * or closes. An `.open` file whose writer died (SIGKILL, power cut) counts as finished.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const SEGMENT_NAME = /^(\d{13}-\d+-\d{8})\.ndjson(\.open)?$/
const OPEN_SUFFIX = '.open'

export interface Segment {
  /** `<ms>-<pid>-<seq>`: stable across the rename from `.open`, so offsets are keyed by it. */
  stem: string
  path: string
  open: boolean
  pid: number
}

/** Paths of `.open` segments that sinks in this process are still writing (or have yet to seal). */
export const liveSegments = new Set<string>()

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

/** The segments under `dir`, oldest first; none when the directory does not exist. */
export function listSegments(dir: string): Segment[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const segments: Segment[] = []
  for (const name of names) {
    const match = SEGMENT_NAME.exec(name)
    if (!match) continue
    const stem = match[1]!
    segments.push({ stem, path: join(dir, name), open: match[2] !== undefined, pid: Number(stem.split('-')[1]) })
  }
  return segments.sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0))
}

/** Whether no writer will ever append to the segment again. */
export function isFinished(segment: Segment): boolean {
  if (!segment.open) return true
  if (liveSegments.has(segment.path)) return false
  // Our own pid on a file we are not writing: left by an earlier process that had the same pid (containers).
  if (segment.pid === process.pid) return true
  return !isProcessAlive(segment.pid)
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
