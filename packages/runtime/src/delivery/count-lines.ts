/** Counting the events left in a segment: its whole lines after an offset. */
import { closeSync, openSync, readSync } from 'node:fs'

const NEWLINE = 0x0a
const READ_BYTES = 256 * 1024

/** How many whole lines `path` holds after byte `start`; 0 when the file is gone. */
export function countLinesSync(path: string, start: number): number {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES)
    let lines = 0
    let position = start
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, position)
      if (bytesRead === 0) return lines
      lines += countNewlines(buffer.subarray(0, bytesRead))
      position += bytesRead
    }
  } finally {
    closeSync(fd)
  }
}

export function countNewlines(bytes: Uint8Array): number {
  let lines = 0
  let at = bytes.indexOf(NEWLINE)
  while (at !== -1) {
    lines++
    at = bytes.indexOf(NEWLINE, at + 1)
  }
  return lines
}
