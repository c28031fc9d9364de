/**
 * A sink that appends one JSON line per event to segment files on disk, for a forwarder to send later.
 *
 * When data reaches the disk:
 * 1. `write` serializes the event (with a UUIDv7 `id` when it has none) into a memory buffer and returns.
 * 2. The buffer goes to the OS in one `fs.writeSync` when it holds `writeBatchEvents` events (on the
 *    caller's stack: a bounded, page-cache write), else from a timer within `writeIntervalMs`, and at
 *    `flush()`, `close()` and process exit. From then on the events survive a crash or SIGKILL of the process.
 * 3. A timer calls `fsync` at most every `fsyncIntervalMs` while there are unsynced writes (and `flush()`,
 *    `close()` and exit do at once). From then on the events survive a power cut. `onSync` reports it.
 */
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { isTelemetryEnabled } from '../consent.js'
import { serializeEvent } from '../serialize.js'
import type { Sink, TelemetryEvent, WarnHandler } from '../sink.js'
import { defaultBufferDir } from './buffer-dir.js'
import { countLinesSync, countNewlines } from './count-lines.js'
import { loadOffsets } from './offset-store.js'
import { claimSegment, releaseClaim } from './segment-claim.js'
import { DEFAULT_SEGMENT_STALE_MS, isFinished, listSegments, nextSegmentName, type Segment, sealedPath } from './segment-files.js'
import { uuidv7 } from './uuid-v7.js'
import { type DeliveryWarn, deliveryWarn } from './warn.js'

export interface NdjsonSinkOptions {
  /** The buffer directory. Default: `HERALD_LOG_PATH`, else the user's state directory (see `defaultBufferDir`). */
  dir?: string
  /** A segment file is closed and a new one started before it would pass this size. Default 1 MiB. */
  maxFileBytes?: number
  /** At most this many segment files; when a new one would pass it, the oldest are deleted. Default 16. */
  maxFiles?: number
  /** Events held in memory before one `writeSync`. Default 1000. */
  writeBatchEvents?: number
  /** Fewer events than a batch are written after at most this long. Default 100 ms. */
  writeIntervalMs?: number
  /** Written events are fsynced after at most this long. Default 1000 ms. */
  fsyncIntervalMs?: number
  /** Events kept in memory while the disk refuses writes; beyond it the oldest are dropped and counted. Default 100,000. */
  maxPendingEvents?: number
  /**
   * The open segment's mtime is touched at least every third of this; a forwarder takes an `.open` segment
   * untouched for longer as abandoned. Must match the forwarder's. Default 30 s.
   */
  segmentStaleMs?: number
  onWarn?: WarnHandler
  /** Called after each fsync with the number of this sink's events now on stable storage. */
  onSync?: (progress: { events: number }) => void
  /** Consent. When `isTelemetryEnabled({ enabled, env })` is false the sink touches no file and starts no timer. */
  enabled?: boolean
  env?: Record<string, string | undefined>
}

export interface NdjsonSink extends Sink {
  /** False when consent was not given: `write` then does nothing at all. */
  readonly enabled: boolean
  /** The buffer directory, or `undefined` when disabled. */
  readonly dir: string | undefined
  /** Writes what is in memory and fsyncs it. */
  flush(): Promise<void>
  /** Flushes, closes the segment file and stops the timer. Later writes are dropped with a warning. */
  close(): Promise<void>
}

const DEFAULTS = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 16,
  writeBatchEvents: 1000,
  writeIntervalMs: 100,
  fsyncIntervalMs: 1000,
  maxPendingEvents: 100_000,
}
/** Repeated drops while the buffer stays full are summed into one warning a minute. */
const DROP_WARNING_INTERVAL_MS = 60_000
/** After a failed write, events wait in memory this long before the disk is tried again. */
const WRITE_RETRY_MS = 1000
const NEWLINE = 0x0a

export function ndjsonSink(options: NdjsonSinkOptions = {}): NdjsonSink {
  // Consent is decided before anything else: a disabled sink must not even resolve the state directory.
  if (!isTelemetryEnabled({ enabled: options.enabled, env: options.env })) return disabledSink
  return new FileSink(options)
}

const disabledSink: NdjsonSink = Object.freeze({
  name: 'ndjson',
  enabled: false,
  dir: undefined,
  write(): void {},
  async flush(): Promise<void> {},
  async close(): Promise<void> {},
})

interface SegmentFile {
  fd: number
  path: string
  ino: number
  /** Bytes written, always ending at a whole line. */
  bytes: number
  /** Bytes fsynced while the file was still at its path. */
  synced: number
}

class FileSink implements NdjsonSink {
  readonly name = 'ndjson'
  readonly enabled = true
  readonly dir: string
  private readonly maxFileBytes: number
  private readonly maxFiles: number
  private readonly writeBatchEvents: number
  private readonly writeIntervalMs: number
  private readonly fsyncIntervalMs: number
  private readonly maxPendingEvents: number
  private readonly segmentStaleMs: number
  private readonly warn: DeliveryWarn
  private readonly onSync: ((progress: { events: number }) => void) | undefined

  /** Serialized lines not yet handed to the OS. */
  private pending = ''
  private pendingCount = 0
  /** The segment being written. */
  private file: SegmentFile | undefined
  /** Segments rotated away but not yet fsynced, closed and renamed (done off the caller's stack). */
  private rotated: SegmentFile[] = []
  private heartbeat: NodeJS.Timeout | undefined
  private unsynced = false
  private written = 0
  private synced = 0
  private lastSyncAt = 0
  private retryWritesAt = 0
  private timer: NodeJS.Timeout | undefined
  private exitHook: (() => void) | undefined
  private closed = false
  private warnedCodes = new Set<string>()
  private droppedEvents = 0
  private droppedFiles = 0
  private droppedInMemory = 0
  private lastDropWarningAt = Number.NEGATIVE_INFINITY

  constructor(options: NdjsonSinkOptions) {
    this.dir = options.dir ?? defaultBufferDir({ env: options.env })
    this.maxFileBytes = positive(options.maxFileBytes, DEFAULTS.maxFileBytes)
    this.maxFiles = positive(options.maxFiles, DEFAULTS.maxFiles)
    this.writeBatchEvents = positive(options.writeBatchEvents, DEFAULTS.writeBatchEvents)
    this.writeIntervalMs = positive(options.writeIntervalMs, DEFAULTS.writeIntervalMs)
    this.fsyncIntervalMs = Math.max(0, options.fsyncIntervalMs ?? DEFAULTS.fsyncIntervalMs)
    this.maxPendingEvents = Math.max(this.writeBatchEvents, positive(options.maxPendingEvents, DEFAULTS.maxPendingEvents))
    this.segmentStaleMs = positive(options.segmentStaleMs, DEFAULT_SEGMENT_STALE_MS)
    this.warn = deliveryWarn(options.onWarn)
    this.onSync = options.onSync
  }

  write(event: TelemetryEvent): void {
    if (this.closed) {
      this.warnOnce('write-after-close', 'write-after-close', `An event was written to the NDJSON sink for ${this.dir} after close(); it was dropped.`)
      return
    }
    let line: string
    try {
      line = serialize(event)
    } catch (error) {
      this.warn('unserializable-event', `The event "${String(event?.event)}" was dropped: it cannot be serialized to JSON.`, error)
      return
    }
    if (this.pendingCount >= this.maxPendingEvents) this.dropOldestPending()
    this.pending += line
    this.pendingCount++
    if (this.pendingCount >= this.writeBatchEvents && Date.now() >= this.retryWritesAt) this.writePending()
    if (this.timer === undefined) this.arm()
  }

  async flush(): Promise<void> {
    if (this.closed) return
    this.writeAndSync()
    this.reportDrops(true)
  }

  /** A second round writes again what a taken or deleted segment gave back. */
  private writeAndSync(): void {
    for (let round = 0; round < 2; round++) {
      this.writePending()
      this.sync()
      if (this.pendingCount === 0) return
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.shutdown()
  }

  /** Everything `close` does, synchronously, so that the exit hook can run it too. */
  private shutdown(): void {
    this.closed = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.exitHook) process.removeListener('exit', this.exitHook)
    this.exitHook = undefined
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat)
    this.heartbeat = undefined
    this.writePending()
    this.rotate()
    this.writeAndSync()
    this.rotate()
    this.sync()
    if (this.pendingCount > 0) {
      this.droppedInMemory += this.pendingCount
      this.pending = ''
      this.pendingCount = 0
    }
    this.reportDrops(true)
  }

  private arm(): void {
    this.timer = setTimeout(() => this.tick(), this.writeIntervalMs)
    // The timer must not keep a CLI alive: the exit hook writes what is left.
    this.timer.unref()
    if (!this.exitHook) {
      this.exitHook = () => this.shutdown()
      process.on('exit', this.exitHook)
    }
  }

  private tick(): void {
    this.timer = undefined
    if (Date.now() >= this.retryWritesAt) this.writePending()
    if ((this.unsynced || this.rotated.length > 0) && Date.now() - this.lastSyncAt >= this.fsyncIntervalMs) this.sync()
    this.reportDrops(false)
    if (this.pendingCount > 0 || this.unsynced || this.rotated.length > 0 || this.droppedEvents + this.droppedInMemory > 0) this.arm()
  }

  /** Hands the memory buffer to the OS, rotating segments by size. */
  private writePending(): void {
    if (this.pendingCount === 0) return
    let data = Buffer.from(this.pending)
    let events = this.pendingCount
    this.pending = ''
    this.pendingCount = 0
    let offset = 0
    while (offset < data.length) {
      if (this.file === undefined && !this.openSegment()) {
        this.requeue(data, offset)
        return
      }
      let end = data.length
      const file = this.file!
      const room = this.maxFileBytes - file.bytes
      if (end - offset > room) {
        // Cut at the last whole line that fits; a line longer than a whole file gets a file of its own.
        const cut = room > 0 ? data.lastIndexOf(NEWLINE, offset + room - 1) : -1
        if (cut >= offset) end = cut + 1
        else if (file.bytes > 0) {
          this.rotate()
          continue
        } else end = data.indexOf(NEWLINE, offset) + 1
      }
      const written = this.writeRange(file, data, offset, end)
      this.written += events >= 0 && offset === 0 && end === data.length && written === end ? events : countNewlines(data.subarray(offset, written))
      if (!this.isInPlace(file)) {
        // Taken by a forwarder or deleted with the directory: what was not fsynced there goes to a new file.
        this.file = undefined
        data = Buffer.concat([this.giveBack(file), data.subarray(written)])
        events = -1
        offset = 0
        continue
      }
      if (written < end) {
        // Lines wholly written stay on disk; the one cut short was truncated away and is written again later.
        this.requeue(data, written)
        return
      }
      offset = end
      if (file.bytes >= this.maxFileBytes) this.rotate()
    }
    this.reportDrops(false)
  }

  /**
   * Writes `data[start, end)`; returns where it stopped: `end`, or, when the disk refused, the start of the
   * line it cut short. That part line is truncated away, so the file keeps ending at a whole line and the
   * next attempt appends to the same file (a full disk never piles up empty segments).
   */
  private writeRange(file: SegmentFile, data: Buffer, start: number, end: number): number {
    let position = start
    try {
      while (position < end) {
        const n = writeSync(file.fd, data, position, end - position)
        position += n
        file.bytes += n
        this.unsynced = true
      }
      return position
    } catch (error) {
      this.writeFailed(error)
      const lineStart = position > start ? data.lastIndexOf(NEWLINE, position - 1) + 1 : start
      const keep = file.bytes - (position - lineStart)
      try {
        ftruncateSync(file.fd, keep)
        file.bytes = keep
      } catch {
        // The part line stays as a torn tail of a sealed file; the forwarder skips it.
        this.rotate()
      }
      return Math.max(lineStart, start)
    }
  }

  private openSegment(): boolean {
    try {
      // Made again if it was deleted while we ran. The buffer holds what users did: its owner's only.
      mkdirSync(this.dir, { recursive: true, mode: 0o700 })
      let fd: number | undefined
      let path = ''
      for (let attempt = 0; fd === undefined; attempt++) {
        path = join(this.dir, nextSegmentName())
        try {
          fd = openSync(path, 'ax+', 0o600)
        } catch (error) {
          // Another process with our pid (a restarted container) made the same name in the same millisecond.
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error
        }
      }
      this.file = { fd, path, ino: fstatSync(fd).ino, bytes: 0, synced: 0 }
      this.startHeartbeat()
    } catch (error) {
      this.writeFailed(error)
      return false
    }
    try {
      this.enforceLimit()
    } catch (error) {
      this.warnOnce('limit', 'buffer-write-failed', `The NDJSON sink could not delete old files in ${this.dir} to stay within its limit.`, error)
    }
    return true
  }

  /** Touches the segments still open so that no forwarder takes them for abandoned. */
  private startHeartbeat(): void {
    if (this.heartbeat !== undefined) return
    this.heartbeat = setInterval(() => {
      const now = new Date()
      for (const file of this.file ? [this.file, ...this.rotated] : this.rotated) {
        try {
          futimesSync(file.fd, now, now)
        } catch {
          // The next write or fsync finds out what happened to the file.
        }
      }
    }, this.segmentStaleMs / 3)
    this.heartbeat.unref()
  }

  /** Whether `file` is still the file at its path (not taken by a forwarder, not deleted). */
  private isInPlace(file: SegmentFile): boolean {
    try {
      return fstatSync(file.fd).nlink > 0 && statSync(file.path).ino === file.ino
    } catch {
      return false
    }
  }

  /** Closes a segment that is no longer in place and returns the lines it held that were never fsynced there. */
  private giveBack(file: SegmentFile): Buffer {
    const tail = Buffer.alloc(file.bytes - file.synced)
    let read = 0
    try {
      while (read < tail.length) {
        const n = readSync(file.fd, tail, read, tail.length - read, file.synced + read)
        if (n === 0) break
        read += n
      }
    } finally {
      closeSync(file.fd)
    }
    const lines = tail.subarray(0, read)
    const count = countNewlines(lines)
    this.written -= count
    // Each time, with the count: these lines may reach a collector twice (once from the taken file).
    this.warn(
      'segment-taken',
      `A segment in ${this.dir} was deleted or taken by a forwarder while it was being written (a removed directory, or a writer paused longer than segmentStaleMs); its ${count} ${count === 1 ? 'event' : 'events'} not yet fsynced there ${count === 1 ? 'was' : 'were'} written again to a new file.`,
    )
    return lines
  }

  /** Moves the current segment to the rotated list; the timer seals it. */
  private rotate(): void {
    if (this.file === undefined) return
    this.rotated.push(this.file)
    this.file = undefined
  }

  /**
   * fsyncs every written byte, then closes and renames the rotated segments. Only events fsynced into a
   * file still at its path count as durable; the others go back to memory and are written again.
   */
  private sync(): void {
    let ok = true
    for (const file of this.rotated.splice(0)) ok = this.seal(file) && ok
    const file = this.file
    if (file !== undefined && this.unsynced) {
      try {
        fsyncSync(file.fd)
        if (this.isInPlace(file)) file.synced = file.bytes
        else {
          this.file = undefined
          this.prepend(this.giveBack(file))
        }
      } catch (error) {
        ok = false
        this.writeFailed(error)
      }
    }
    this.unsynced = false
    this.lastSyncAt = Date.now()
    const upTo = this.written
    if (ok && upTo > this.synced) {
      this.synced = upTo
      try {
        this.onSync?.({ events: upTo })
      } catch {
        // A progress hook must not break the sink.
      }
    }
  }

  private seal(file: SegmentFile): boolean {
    try {
      fsyncSync(file.fd)
    } catch (error) {
      this.writeFailed(error)
      // Kept for the next sync to try again.
      this.rotated.push(file)
      return false
    }
    if (!this.isInPlace(file)) {
      this.prepend(this.giveBack(file))
      return true
    }
    try {
      closeSync(file.fd)
      renameSync(file.path, sealedPath(file.path))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.writeFailed(error)
      // ENOENT: taken after the fsync above, so every line of it is in the file that was taken.
      else
        this.warnOnce(
          'taken-sealed',
          'segment-taken',
          `A segment in ${this.dir} was taken by a forwarder before its writer sealed it; all its lines were fsynced, none is lost.`,
        )
    }
    return true
  }

  /** Lines given back by a segment go before the ones still in memory, and are written at the next chance. */
  private prepend(lines: Buffer): void {
    if (lines.length === 0) return
    this.pending = lines.toString('utf8') + this.pending
    this.pendingCount += countNewlines(lines)
    this.retryWritesAt = 0
    if (this.timer === undefined && !this.closed) this.arm()
  }

  /** The bound on disk: at most `maxFiles` segments. The oldest go first, and their unsent events are counted. */
  private enforceLimit(): void {
    // Empty segments (a file opened on a full disk) hold nothing and do not count.
    // The new segment takes one place.
    const segments = listSegments(this.dir).filter((segment) => segment.path !== this.file?.path && sizeOf(segment.path) > 0)
    let excess = segments.length + 1 - this.maxFiles
    if (excess <= 0) return
    for (const segment of segments) {
      if (excess <= 0) break
      if (segment.path === this.file?.path) continue
      const mine = this.rotated.findIndex((file) => file.path === segment.path)
      // Another live writer's open file is left alone: deleting it would lose its writes without a count.
      if (mine === -1 && !isFinished(segment, this.segmentStaleMs)) continue
      // A forwarder is sending a batch of it: the next oldest goes instead, so no delivered event is counted.
      const claim = claimSegment(this.dir, segment.stem, this.segmentStaleMs)
      if (claim === undefined) continue
      try {
        if (this.evict(segment, mine)) excess--
      } finally {
        releaseClaim(claim)
      }
    }
  }

  /** Deletes a segment under its claim and counts its unsent events against the offsets saved before the claim. */
  private evict(segment: Segment, mine: number): boolean {
    const { offsets } = loadOffsets(this.dir)
    const unsent = countLinesSync(segment.path, offsets.get(segment.stem) ?? 0)
    if (mine !== -1) {
      closeSync(this.rotated[mine]!.fd)
      this.rotated.splice(mine, 1)
    }
    try {
      unlinkSync(segment.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return false
    }
    this.droppedFiles++
    this.droppedEvents += unsent
    return true
  }

  private requeue(data: Buffer, from: number): void {
    const rest = data.subarray(from)
    this.pending = rest.toString('utf8') + this.pending
    this.pendingCount += countNewlines(rest)
    this.retryWritesAt = Date.now() + WRITE_RETRY_MS
    while (this.pendingCount > this.maxPendingEvents) this.dropOldestPending()
  }

  /** Memory is bounded too: while the disk refuses writes, the oldest tenth of the waiting events goes. */
  private dropOldestPending(): void {
    const drop = Math.max(1, Math.floor(this.maxPendingEvents / 10))
    let cut = -1
    for (let i = 0; i < drop; i++) {
      cut = this.pending.indexOf('\n', cut + 1)
      if (cut === -1) break
    }
    const dropped = cut === -1 ? this.pendingCount : drop
    this.pending = cut === -1 ? '' : this.pending.slice(cut + 1)
    this.pendingCount -= dropped
    this.droppedInMemory += dropped
  }

  /** One warning for every drop since the last one, and at most one a minute unless forced. */
  private reportDrops(force: boolean): void {
    if (this.droppedEvents + this.droppedInMemory + this.droppedFiles === 0) return
    const now = Date.now()
    if (!force && now - this.lastDropWarningAt < DROP_WARNING_INTERVAL_MS) return
    const parts: string[] = []
    if (this.droppedFiles > 0) {
      parts.push(
        `the ${this.droppedFiles} oldest ${this.droppedFiles === 1 ? 'file was' : 'files were'} deleted with ${this.droppedEvents} unsent ${this.droppedEvents === 1 ? 'event' : 'events'} (limit: ${this.maxFiles} files of ${this.maxFileBytes} bytes)`,
      )
    }
    if (this.droppedInMemory > 0) {
      parts.push(
        `${this.droppedInMemory} ${this.droppedInMemory === 1 ? 'event' : 'events'} waiting in memory for a disk that refused writes ${this.droppedInMemory === 1 ? 'was' : 'were'} dropped`,
      )
    }
    this.warn('buffer-full', `The telemetry buffer in ${this.dir} is full: ${parts.join('; ')}.`)
    this.droppedEvents = 0
    this.droppedFiles = 0
    this.droppedInMemory = 0
    this.lastDropWarningAt = now
  }

  private writeFailed(error: unknown): void {
    const code = (error as NodeJS.ErrnoException)?.code ?? 'unknown'
    this.retryWritesAt = Date.now() + WRITE_RETRY_MS
    this.warnOnce(
      `write:${code}`,
      'buffer-write-failed',
      `The NDJSON sink could not write to ${this.dir} (${code}); events wait in memory and the write is tried again.`,
      error,
    )
  }

  private warnOnce(key: string, kind: Parameters<DeliveryWarn>[0], message: string, error?: unknown): void {
    if (this.warnedCodes.has(key)) return
    this.warnedCodes.add(key)
    this.warn(kind, message, error)
  }
}

/**
 * One line; an id first when the event has none, spliced in so that the event object is never copied.
 * `serializeEvent` is `JSON.stringify(event)`, fast when called from within the emit pipeline.
 */
function serialize(event: TelemetryEvent): string {
  if (typeof event.id === 'string' && event.id !== '') return serializeEvent(event) + '\n'
  if (event.id !== undefined) return JSON.stringify({ ...event, id: uuidv7() }) + '\n'
  const json = serializeEvent(event)
  if (json === undefined || json.charCodeAt(0) !== 0x7b) throw new TypeError('an event must serialize to a JSON object')
  return json.length === 2 ? `{"id":"${uuidv7()}"}\n` : `{"id":"${uuidv7()}",${json.slice(1)}\n`
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback
}
