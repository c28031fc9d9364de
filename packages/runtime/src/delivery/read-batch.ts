/**
 * Reads the next batch of events from a segment, from a byte offset. Only whole lines count: a line is
 * sent when it ends in a newline and parses as a JSON object with a string `id`. Anything else is skipped
 * and reported, so a corrupt line is never sent.
 */
import { open } from 'node:fs/promises'

const NEWLINE = 0x0a
const FIRST_READ_BYTES = 256 * 1024

export interface Batch {
  /** Where the batch starts and ends in the file, in bytes; `end` is the offset to persist once it is sent. */
  start: number
  end: number
  /** The valid lines, each with its newline, as they are on disk. */
  body: Buffer
  ids: string[]
  /** Whole lines that were not valid events. */
  corrupt: number
  /** A last line without its newline in a finished file: torn by a kill during a write. It is skipped. */
  tornTail: boolean
  /** The file's size when it was read. */
  size: number
}

/**
 * Up to `maxEvents` valid events from `path` after `start`. `finished` says that no writer will append to
 * the file again, so that an unterminated last line is torn rather than still being written.
 */
export async function readBatch(path: string, start: number, maxEvents: number, finished: boolean): Promise<Batch> {
  const handle = await open(path, 'r')
  try {
    const size = (await handle.stat()).size
    const batch: Batch = { start, end: start, body: Buffer.alloc(0), ids: [], corrupt: 0, tornTail: false, size }
    if (start >= size) return batch
    let want = Math.min(size - start, FIRST_READ_BYTES)
    for (;;) {
      const buffer = Buffer.allocUnsafe(want)
      const { bytesRead } = await handle.read(buffer, 0, want, start)
      const atEnd = start + bytesRead >= size
      if (scanLines(buffer.subarray(0, bytesRead), batch, maxEvents) || atEnd) {
        if (atEnd && finished && batch.ids.length < maxEvents && batch.end < size) {
          batch.tornTail = true
          batch.end = size
        }
        return batch
      }
      // Not one whole line in what was read: the line is longer than the read, so read more.
      want = Math.min(size - start, want * 2)
    }
  } finally {
    await handle.close()
  }
}

/** Fills `batch` from `chunk`; true when at least one whole line was found (or the batch is full). */
function scanLines(chunk: Buffer, batch: Batch, maxEvents: number): boolean {
  const pieces: Buffer[] = []
  let pieceStart = 0
  let lineStart = 0
  for (;;) {
    if (batch.ids.length >= maxEvents) break
    const newline = chunk.indexOf(NEWLINE, lineStart)
    if (newline === -1) break
    const id = eventId(chunk, lineStart, newline)
    if (id === undefined) {
      if (newline > lineStart) batch.corrupt++
      if (lineStart > pieceStart) pieces.push(chunk.subarray(pieceStart, lineStart))
      pieceStart = newline + 1
    } else {
      batch.ids.push(id)
    }
    lineStart = newline + 1
  }
  if (lineStart > pieceStart) pieces.push(chunk.subarray(pieceStart, lineStart))
  batch.body = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces)
  batch.end = batch.start + lineStart
  return lineStart > 0
}

function eventId(chunk: Buffer, start: number, end: number): string | undefined {
  // Cheap test first: every line the sink writes is an object; a torn or zero-filled line usually is not.
  if (end - start < 2 || chunk[start] !== 0x7b || chunk[end - 1] !== 0x7d) return undefined
  try {
    const value: unknown = JSON.parse(chunk.toString('utf8', start, end))
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined
    const id = (value as { id?: unknown }).id
    return typeof id === 'string' && id !== '' ? id : undefined
  } catch {
    return undefined
  }
}
