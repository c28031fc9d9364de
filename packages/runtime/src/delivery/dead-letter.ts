/**
 * Batches a collector refused for good (a 4xx other than 408 and 429) are kept, not dropped: appended to
 * `dead-letter.ndjson` beside the buffer, for a person to inspect or replay. The file is bounded; a batch
 * that would pass the bound is dropped with a warning that counts it.
 */
import { open, stat } from 'node:fs/promises'
import { join } from 'node:path'

export const DEAD_LETTER_FILE = 'dead-letter.ndjson'

export function deadLetterPath(dir: string): string {
  return join(dir, DEAD_LETTER_FILE)
}

/** Whether a status means "this batch will never be accepted": retrying it would block the buffer forever. */
export function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429
}

/** Appends the lines and fsyncs them; false when the file is full (nothing written). */
export async function appendDeadLetter(dir: string, lines: Buffer, maxBytes: number): Promise<boolean> {
  const path = deadLetterPath(dir)
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  )
  if (size + lines.length > maxBytes) return false
  const handle = await open(path, 'a', 0o600)
  try {
    await handle.write(lines)
    // The forwarder advances its offset past these lines next: they must be on disk first.
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}
