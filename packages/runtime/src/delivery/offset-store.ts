/**
 * The forwarder's progress: for each segment (by stem), how many bytes a collector has acknowledged.
 * Saved by writing a temporary file and renaming it over the old one, so a reader sees the old offsets or
 * the new ones, never half of each. An unreadable file reads as "nothing sent": that costs duplicates
 * (receivers dedupe by id), never lost events.
 */
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const OFFSETS_FILE = 'forwarder-offsets.json'

export type Offsets = Map<string, number>

export interface LoadedOffsets {
  offsets: Offsets
  /** Set when the file existed but could not be read: the caller warns. */
  error?: unknown
}

export function offsetsPath(dir: string): string {
  return join(dir, OFFSETS_FILE)
}

export function loadOffsets(dir: string): LoadedOffsets {
  let text: string
  try {
    text = readFileSync(offsetsPath(dir), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { offsets: new Map() }
    return { offsets: new Map(), error }
  }
  try {
    const parsed = JSON.parse(text) as { offsets?: Record<string, unknown> }
    const offsets: Offsets = new Map()
    for (const [stem, value] of Object.entries(parsed.offsets ?? {})) {
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) offsets.set(stem, value)
    }
    return { offsets }
  } catch (error) {
    return { offsets: new Map(), error }
  }
}

export async function saveOffsets(dir: string, offsets: Offsets): Promise<void> {
  const path = offsetsPath(dir)
  // An unpredictable name, created exclusively (never through a link someone planted), private to the user.
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`
  await writeFile(temporary, JSON.stringify({ version: 1, offsets: Object.fromEntries(offsets) }), { flag: 'wx', mode: 0o600 })
  try {
    await rename(temporary, path)
  } catch (error) {
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}
