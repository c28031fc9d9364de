/**
 * Sends the NDJSON buffer to a collector in gzip batches, and forgets a batch only after a 2xx.
 *
 * Delivery is at least once: the offset of each segment is persisted (temp file + rename) after the
 * collector acknowledged the batch, so a kill between the two re-sends that batch on the next run.
 * Every line carries its event `id`; receivers dedupe by it.
 *
 * Uploads run from the forwarder's own timer or from `flush()`/`close()`, never from `Sink.write`:
 * the sink and the forwarder share nothing but the directory.
 */
import { existsSync } from 'node:fs'
import { rename, unlink } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gzip as gzipCallback, type ZlibOptions } from 'node:zlib'
import { isTelemetryEnabled } from '../consent.js'
import type { WarnHandler } from '../sink.js'
import { backoffDelay, headerId, parseRetryAfter } from './backoff.js'
import { defaultBufferDir } from './buffer-dir.js'
import { countLinesSync } from './count-lines.js'
import { appendDeadLetter, deadLetterPath, isRefusal } from './dead-letter.js'
import { loadOffsets, type Offsets, saveOffsets } from './offset-store.js'
import { type Batch, readBatch } from './read-batch.js'
import { Lease } from './lease.js'
import { claimSegment, releaseClaim, removeStaleClaims, touchClaim } from './segment-claim.js'
import { DEFAULT_SEGMENT_STALE_MS, isFinished, listSegments, type Segment, sealedPath } from './segment-files.js'
import { type DeliveryWarn, deliveryWarn } from './warn.js'

const gzip = promisify(gzipCallback) as (data: Buffer, options: ZlibOptions) => Promise<Buffer>

export interface ForwarderOptions {
  /** The collector's endpoint; it receives `POST`s of gzip NDJSON. */
  url: string | URL
  /** The buffer directory the sink writes. Default: as `ndjsonSink`. */
  dir?: string
  /** Events per request. Default 1000. */
  batchSize?: number
  /** How often the forwarder looks for new events. Default 10 s. */
  flushIntervalMs?: number
  /** Added to every request (an API key, say). */
  headers?: Record<string, string>
  /** Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch
  /** Retries of one batch within one drain, after which it waits for the next interval. Default 5. */
  maxRetries?: number
  /** First backoff delay; it doubles each retry, with jitter. Default 1000 ms. */
  retryBaseMs?: number
  /** Largest backoff delay. Default 60 s. */
  retryMaxMs?: number
  /** A request that takes longer is aborted and retried. Default 30 s. */
  requestTimeoutMs?: number
  /** The default deadline of `flush()` and `close()`. Default 5 s. */
  timeoutMs?: number
  /** Bound of the dead-letter file. Default 10 MiB. */
  maxDeadLetterBytes?: number
  /**
   * An `.open` segment untouched this long is taken as abandoned by its writer and sent; a `forwarder.lock`
   * untouched this long is taken over. Must match the sinks'. Default 30 s.
   */
  segmentStaleMs?: number
  onWarn?: WarnHandler
  /** Consent, as for the sink: when disabled the forwarder opens no file or socket and starts no timer. */
  enabled?: boolean
  env?: Record<string, string | undefined>
}

export interface FlushResult {
  /** Events a collector acknowledged during this call. */
  delivered: number
  /** Events a collector refused for good, moved to the dead-letter file. */
  deadLettered: number
  /** Whole lines still on disk after the call (they are sent later). */
  remaining: number
}

export interface Forwarder {
  readonly enabled: boolean
  /** Sends what is on disk, until nothing is left or the deadline passes. Never rejects. */
  flush(options?: { timeoutMs?: number }): Promise<FlushResult>
  /** Stops the timer, then flushes within the deadline; an upload still running then is aborted (and sent again next run). */
  close(options?: { timeoutMs?: number }): Promise<FlushResult>
}

const DEFAULTS = {
  batchSize: 1000,
  flushIntervalMs: 10_000,
  maxRetries: 5,
  retryBaseMs: 1000,
  retryMaxMs: 60_000,
  requestTimeoutMs: 30_000,
  timeoutMs: 5000,
  maxDeadLetterBytes: 10 * 1024 * 1024,
}

export function forwarder(options: ForwarderOptions): Forwarder {
  if (!isTelemetryEnabled({ enabled: options.enabled, env: options.env })) return disabledForwarder
  return new HttpForwarder(options)
}

const nothing = (): FlushResult => ({ delivered: 0, deadLettered: 0, remaining: 0 })

const disabledForwarder: Forwarder = Object.freeze({
  enabled: false,
  async flush(): Promise<FlushResult> {
    return nothing()
  },
  async close(): Promise<FlushResult> {
    return nothing()
  },
})

interface Drain {
  promise: Promise<Progress>
  /** Ends the drain after the request in flight, and wakes it from a backoff wait. */
  stop: AbortController
  /** Also aborts the request in flight. */
  kill: AbortController
}

interface Progress {
  delivered: number
  deadLettered: number
}

type Outcome = 'delivered' | 'dead-lettered' | 'stopped'

/** A batch read from disk and its gzip body. */
interface Prepared {
  batch: Batch
  body: Buffer
}

const EMPTY = Buffer.alloc(0)

class HttpForwarder implements Forwarder {
  readonly enabled = true
  private readonly dir: string
  private readonly url: string
  private readonly batchSize: number
  private readonly flushIntervalMs: number
  private readonly headers: Record<string, string>
  private readonly fetch: typeof globalThis.fetch
  private readonly maxRetries: number
  private readonly retryBaseMs: number
  private readonly retryMaxMs: number
  private readonly requestTimeoutMs: number
  private readonly timeoutMs: number
  private readonly maxDeadLetterBytes: number
  private readonly segmentStaleMs: number
  private readonly lease: Lease
  private readonly warn: DeliveryWarn

  /** Set when the last drain found the lock held by another forwarder. */
  private locked = false
  private skippedPaths = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  private current: Drain | undefined
  private flushes: Promise<unknown> = Promise.resolve()
  private closed = false
  /** No request before this time: a 429's Retry-After, or the backoff that was left when a drain gave up. */
  private notBefore = 0
  private failing = false
  private warnedOffsets = false
  /**
   * The offsets as this forwarder knows them. A failed save (a full disk) leaves the file behind them: the
   * next drain merges them with what it reads, so it neither sends again nor loses its place, and saves again.
   */
  private offsets: Offsets = new Map()
  /** The last save failed: `offsets` are ahead of the file, and the lock is kept until a save succeeds. */
  private unsaved = false
  /** Touches the lock (and the claim of the batch in flight) while this forwarder holds it. */
  private beat: NodeJS.Timeout | undefined
  /** The claim on the segment whose batch is in flight, touched with the lock. */
  private claim: string | undefined

  constructor(options: ForwarderOptions) {
    this.dir = options.dir ?? defaultBufferDir({ env: options.env })
    this.url = String(options.url)
    this.batchSize = positive(options.batchSize, DEFAULTS.batchSize)
    this.flushIntervalMs = positive(options.flushIntervalMs, DEFAULTS.flushIntervalMs)
    this.headers = { ...options.headers }
    this.fetch = options.fetch ?? globalThis.fetch
    this.maxRetries = Math.max(0, options.maxRetries ?? DEFAULTS.maxRetries)
    this.retryBaseMs = positive(options.retryBaseMs, DEFAULTS.retryBaseMs)
    this.retryMaxMs = positive(options.retryMaxMs, DEFAULTS.retryMaxMs)
    this.requestTimeoutMs = positive(options.requestTimeoutMs, DEFAULTS.requestTimeoutMs)
    this.timeoutMs = positive(options.timeoutMs, DEFAULTS.timeoutMs)
    this.maxDeadLetterBytes = positive(options.maxDeadLetterBytes, DEFAULTS.maxDeadLetterBytes)
    this.segmentStaleMs = positive(options.segmentStaleMs, DEFAULT_SEGMENT_STALE_MS)
    this.lease = new Lease(this.dir, this.segmentStaleMs)
    this.warn = deliveryWarn(options.onWarn)
    this.schedule()
  }

  flush(options: { timeoutMs?: number } = {}): Promise<FlushResult> {
    if (this.closed) return Promise.resolve(nothing())
    return this.queueFlush(Date.now() + (options.timeoutMs ?? this.timeoutMs))
  }

  close(options: { timeoutMs?: number } = {}): Promise<FlushResult> {
    if (this.closed) return Promise.resolve(nothing())
    this.closed = true
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    return this.queueFlush(Date.now() + (options.timeoutMs ?? this.timeoutMs)).finally(() => this.releaseLease())
  }

  /** Flushes run one after another, each with its own deadline. */
  private queueFlush(deadline: number): Promise<FlushResult> {
    const result = this.flushes.then(() => this.flushUntil(deadline))
    this.flushes = result.catch(() => undefined)
    return result
  }

  private async flushUntil(deadline: number): Promise<FlushResult> {
    const total: Progress = { delivered: 0, deadLettered: 0 }
    const running = this.current
    if (running) {
      // A timer drain is running: let its request finish (within our deadline), then drain with our deadline.
      running.stop.abort()
      const guard = setTimeout(() => running.kill.abort(), Math.max(0, deadline - Date.now()))
      add(total, await running.promise)
      clearTimeout(guard)
    }
    // Another forwarder holding the lock drains the same files: wait for it, within the deadline.
    for (let first = true; Date.now() < deadline && (first || this.locked); first = false) {
      if (!first) await sleep(Math.min(50, deadline - Date.now()), new AbortController().signal, true)
      add(total, await this.startDrain(deadline).promise)
    }
    return { ...total, remaining: this.countRemaining() }
  }

  private schedule(): void {
    if (this.closed) return
    const wait = Math.max(this.flushIntervalMs, this.notBefore - Date.now())
    this.timer = setTimeout(() => this.onTimer(), wait)
    // Forwarding must not keep a CLI alive; `close()` drains at exit.
    this.timer.unref()
  }

  private onTimer(): void {
    this.timer = undefined
    if (this.closed) return
    if (this.current) return this.schedule()
    void this.startDrain(Number.POSITIVE_INFINITY).promise.then(() => this.schedule())
  }

  private startDrain(deadline: number): Drain {
    const stop = new AbortController()
    const kill = new AbortController()
    let guard: NodeJS.Timeout | undefined
    if (Number.isFinite(deadline)) {
      guard = setTimeout(
        () => {
          stop.abort()
          kill.abort()
        },
        Math.max(0, deadline - Date.now()),
      )
    }
    const drain: Drain = {
      stop,
      kill,
      promise: this.drain(deadline, stop.signal, kill.signal).finally(() => {
        clearTimeout(guard)
        if (this.current === drain) this.current = undefined
      }),
    }
    this.current = drain
    return drain
  }

  /** Passes over the segments, oldest first, until a pass moves nothing or the drain is stopped. */
  private async drain(deadline: number, stop: AbortSignal, kill: AbortSignal): Promise<Progress> {
    const progress: Progress = { delivered: 0, deadLettered: 0 }
    try {
      this.locked = !this.lease.acquire() && listSegments(this.dir).length > 0
      if (this.locked) {
        this.stopBeat()
        return progress
      }
      if (this.beat === undefined) {
        this.beat = setInterval(() => {
          this.lease.touch()
          if (this.claim !== undefined) touchClaim(this.claim)
        }, this.segmentStaleMs / 3)
        this.beat.unref()
      }
      removeStaleClaims(this.dir, this.segmentStaleMs)
      const offsets = this.currentOffsets()
      // A save that failed is tried again before anything else is sent.
      if (this.unsaved) await this.persist(offsets)
      let moved = true
      while (moved && !stop.aborted) {
        moved = false
        const segments = this.listSegments()
        this.forgetMissing(offsets, segments)
        for (const segment of segments) {
          if (!this.lease.held()) {
            this.locked = true
            return progress
          }
          const outcome = await this.drainSegment(segment, offsets, deadline, stop, kill, progress)
          if (outcome === 'stopped') return progress
          if (outcome === 'moved') moved = true
        }
      }
    } catch (error) {
      this.warn('buffer-read-failed', `The forwarder could not read the buffer in ${this.dir}; it tries again later.`, error)
    } finally {
      // Offsets that could not be saved keep the lock: another forwarder would send their batches again.
      if (!this.unsaved) this.releaseLease()
    }
    return progress
  }

  private releaseLease(): void {
    if (this.beat === undefined) return
    this.stopBeat()
    this.lease.release()
  }

  private stopBeat(): void {
    if (this.beat !== undefined) clearInterval(this.beat)
    this.beat = undefined
  }

  private async drainSegment(
    segment: Segment,
    offsets: Offsets,
    deadline: number,
    stop: AbortSignal,
    kill: AbortSignal,
    progress: Progress,
  ): Promise<'moved' | 'idle' | 'stopped'> {
    const finished = isFinished(segment, this.segmentStaleMs)
    if (segment.open && finished) {
      // Abandoned by its writer: sealed here first, so that a writer that was only paused sees that its file
      // was taken and writes again, to a new file, what it appends from now on.
      try {
        await rename(segment.path, sealedPath(segment.path))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'moved'
        throw error
      }
      return 'moved'
    }
    let moved = false
    let start = offsets.get(segment.stem) ?? 0
    let next: Promise<Prepared> | undefined = this.prepare(segment.path, start, finished)
    while (next) {
      let prepared: Prepared
      try {
        prepared = await next
      } catch (error) {
        // Renamed by its writer (sealed) or deleted by the buffer limit: the next pass lists it again.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'moved'
        throw error
      }
      const { batch, body } = prepared
      // Read and compress the next batch while this one is on the wire.
      next = batch.end > start && batch.end < batch.size ? this.prepare(segment.path, batch.end, finished) : undefined
      next?.catch(() => undefined)
      if (stop.aborted) return 'stopped'
      this.reportSkipped(segment, batch)
      if (batch.ids.length > 0) {
        if (!this.lease.held()) return 'stopped'
        // Claimed while on the wire and until its offset is saved, so that a writer at its file limit deletes
        // another segment, or counts this one against offsets that already include the batch.
        const claim = claimSegment(this.dir, segment.stem, this.segmentStaleMs)
        // A writer is deleting it for the limit (and counting these lines as dropped): the next drain relists.
        if (claim === undefined) return 'idle'
        this.claim = claim
        try {
          // Deleted by a writer after this batch was read: the writer counted its lines as dropped.
          if (!existsSync(segment.path) && !existsSync(sealedPath(segment.path))) return 'moved'
          const outcome = await this.send(batch, body, deadline, stop, kill)
          if (outcome === 'stopped') return 'stopped'
          if (outcome === 'delivered') progress.delivered += batch.ids.length
          else progress.deadLettered += batch.ids.length
          if (await this.advance(segment, offsets, batch, finished)) return 'moved'
        } finally {
          this.claim = undefined
          releaseClaim(claim)
        }
        moved = true
      } else {
        if (await this.advance(segment, offsets, batch, finished)) return 'moved'
        if (batch.end > start) moved = true
      }
      start = batch.end
    }
    return moved ? 'moved' : 'idle'
  }

  /** Saves the offset past `batch`; deletes a finished segment once all of it is sent (then returns true). */
  private async advance(segment: Segment, offsets: Offsets, batch: Batch, finished: boolean): Promise<boolean> {
    if (batch.end > (offsets.get(segment.stem) ?? 0)) {
      offsets.set(segment.stem, batch.end)
      await this.persist(offsets)
    }
    if (!finished || batch.end < batch.size) return false
    await unlink(segment.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error
    })
    offsets.delete(segment.stem)
    await this.persist(offsets)
    return true
  }

  private async prepare(path: string, start: number, finished: boolean): Promise<Prepared> {
    const batch = await readBatch(path, start, this.batchSize, finished)
    // Level 3 compresses NDJSON about as well as the default 6, in a third of the time.
    const body = batch.ids.length > 0 ? await gzip(batch.body, { level: 3 }) : EMPTY
    return { batch, body }
  }

  /** One batch, compressed once, POSTed until a 2xx, a refusal, the retry limit or the deadline. */
  private async send(batch: Batch, body: Buffer, deadline: number, stop: AbortSignal, kill: AbortSignal): Promise<Outcome> {
    const headers = {
      ...this.headers,
      'content-type': 'application/x-ndjson',
      'content-encoding': 'gzip',
      // The ids are in the body, one per line; these let a receiver log or dedupe a whole batch cheaply.
      'x-herald-event-count': String(batch.ids.length),
      'x-herald-first-id': headerId(batch.ids[0]!),
      'x-herald-last-id': headerId(batch.ids[batch.ids.length - 1]!),
    }
    for (let attempt = 0; ; attempt++) {
      const wait = this.notBefore - Date.now()
      if (wait > 0) {
        if (Date.now() + wait > deadline) return 'stopped'
        await sleep(wait, stop, Number.isFinite(deadline))
        if (stop.aborted) return 'stopped'
      }
      const answer = await this.post(body, headers, kill)
      if (kill.aborted) return 'stopped'
      if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) {
        this.failing = false
        return 'delivered'
      }
      if (answer.status !== undefined && isRefusal(answer.status)) {
        return (await this.deadLetter(batch, answer.status)) ? 'dead-lettered' : 'stopped'
      }
      const retryAfter = answer.status === 429 ? parseRetryAfter(answer.retryAfter) : undefined
      const delay = retryAfter ?? backoffDelay(attempt, this.retryBaseMs, this.retryMaxMs)
      this.notBefore = Date.now() + delay
      if (attempt >= this.maxRetries || this.notBefore > deadline) {
        this.reportFailing(batch, attempt + 1, answer)
        return 'stopped'
      }
    }
  }

  private async post(
    body: Buffer,
    headers: Record<string, string>,
    kill: AbortSignal,
  ): Promise<{ status?: number; retryAfter?: string | null; error?: unknown }> {
    try {
      const response = await this.fetch(this.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([kill, AbortSignal.timeout(this.requestTimeoutMs)]),
      })
      // Read the answer to the end so that the connection goes back to the pool.
      await response.arrayBuffer().catch(() => undefined)
      return { status: response.status, retryAfter: response.headers.get('retry-after') }
    } catch (error) {
      return { error }
    }
  }

  private async deadLetter(batch: Batch, status: number): Promise<boolean> {
    const count = batch.ids.length
    const path = deadLetterPath(this.dir)
    try {
      if (await appendDeadLetter(this.dir, batch.body, this.maxDeadLetterBytes)) {
        this.warn('dead-letter', `The collector at ${this.url} refused ${count} events with HTTP ${status}; they were moved to ${path}.`)
      } else {
        this.warn(
          'dead-letter-full',
          `The collector at ${this.url} refused ${count} events with HTTP ${status}, and ${path} is full (${this.maxDeadLetterBytes} bytes): the ${count} events were dropped.`,
        )
      }
      return true
    } catch (error) {
      this.warn(
        'dead-letter',
        `The collector at ${this.url} refused ${count} events with HTTP ${status}, and they could not be written to ${path}; they stay in the buffer.`,
        error,
      )
      return false
    }
  }

  private reportFailing(batch: Batch, attempts: number, answer: { status?: number; error?: unknown }): void {
    if (this.failing) return
    this.failing = true
    const cause = answer.status !== undefined ? `HTTP ${answer.status}` : describeError(answer.error)
    this.warn(
      'delivery-failing',
      `Could not deliver ${batch.ids.length} events to ${this.url} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} (${cause}); they stay on disk and are sent later.`,
      answer.error,
    )
  }

  private reportSkipped(segment: Segment, batch: Batch): void {
    if (batch.tornTail) {
      this.warn('torn-line', `Skipped the last line of ${segment.path}: it was cut short when its writer stopped mid-write (a crash or kill).`)
    }
    if (batch.corrupt > 0) {
      this.warn(
        'corrupt-line',
        `Skipped ${batch.corrupt} ${batch.corrupt === 1 ? 'line' : 'lines'} of ${segment.path} that ${batch.corrupt === 1 ? 'is' : 'are'} not a valid event.`,
      )
    }
  }

  /**
   * The offsets read from disk on every drain (another forwarder may have moved them since), each raised to
   * what this forwarder knows: a segment's offset only grows, so the larger one is right.
   */
  private currentOffsets(): Offsets {
    const { offsets, error } = loadOffsets(this.dir)
    if (error !== undefined) {
      this.warn('offsets-unreadable', `The forwarder's offsets in ${this.dir} could not be read; events may be sent twice (receivers dedupe by id).`, error)
    }
    for (const [stem, known] of this.offsets) if (known > (offsets.get(stem) ?? 0)) offsets.set(stem, known)
    this.offsets = offsets
    return offsets
  }

  /** The segments, and one warning for each entry with a segment's name that is not a regular file. */
  private listSegments(): Segment[] {
    return listSegments(this.dir, (path) => {
      if (this.skippedPaths.has(path)) return
      this.skippedPaths.add(path)
      this.warn('not-a-segment', `Skipped ${path}: it has a segment's name but is not a regular file (a dangling link?).`)
    })
  }

  private forgetMissing(offsets: Offsets, segments: Segment[]): void {
    const present = new Set(segments.map((segment) => segment.stem))
    for (const stem of offsets.keys()) if (!present.has(stem)) offsets.delete(stem)
  }

  private async persist(offsets: Offsets): Promise<void> {
    try {
      await saveOffsets(this.dir, offsets)
      this.unsaved = false
      this.warnedOffsets = false
    } catch (error) {
      this.unsaved = true
      if (this.warnedOffsets) return
      this.warnedOffsets = true
      this.warn(
        'offsets-write-failed',
        `The forwarder could not save its offsets in ${this.dir}; it keeps them in memory and tries again (if it stops before a save succeeds, some events are sent twice).`,
        error,
      )
    }
  }

  private countRemaining(): number {
    const { offsets } = loadOffsets(this.dir)
    for (const [stem, known] of this.offsets) if (known > (offsets.get(stem) ?? 0)) offsets.set(stem, known)
    let remaining = 0
    try {
      for (const segment of listSegments(this.dir)) remaining += countLinesSync(segment.path, offsets.get(segment.stem) ?? 0)
    } catch (error) {
      this.warn('buffer-read-failed', `The forwarder could not count the events left in ${this.dir}.`, error)
    }
    return remaining
  }
}

/** A wait that `signal` cuts short. Only a flush, which someone awaits, keeps the process alive while it waits. */
function sleep(ms: number, signal: AbortSignal, keepAlive: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    if (!keepAlive) timer.unref()
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

function add(total: Progress, more: Progress): void {
  total.delivered += more.delivered
  total.deadLettered += more.deadLettered
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback
}
