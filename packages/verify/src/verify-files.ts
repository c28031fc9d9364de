/**
 * Reads NDJSON event files (plain or gzip, by their magic bytes) line by line as a stream, and checks each
 * event. A line that cannot be read — too long, not UTF-8, not JSON, not an object, not the format — is a
 * finding with file:line, and reading goes on; a truncated gzip stream ends the file with a finding.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs'
import { isUtf8 } from 'node:buffer'
import type { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import type { Catalog } from '@herald/core'
import { compileValidatorModule, loadValidatorModule, type ValidatedEvents, type ValidatorModule, validatedEvents } from './compile-validators.js'
import { EventChecker, foldUndeclaredNames, MAX_UNDECLARED_NAMES } from './event-checker.js'
import { detectFormat, eventsOfLine, type InputFormat } from './input-formats.js'
import { capInputProblems, mergeReports, type VerifyReport } from './report.js'
import type { WorkerInput } from './verify-worker.js'

export interface VerifyOptions {
  catalog: Catalog
  /** The catalog file as the user named it, for the report. */
  catalogFile: string
  /** `auto` (default) detects the format of each line. */
  input?: InputFormat | 'auto'
  /** Longer lines are a finding and skipped unread (default 1 MiB). */
  maxLineBytes?: number
  /** Worker threads reading at once (default 1), a large plain file split between them; the report is the same for any value. */
  jobs?: number
  /** The catalog's absolute path, which workers load it from (needed for `jobs` > 1). */
  catalogPath?: string
  /** A plain file is split between workers only into pieces of at least this many bytes (default 8 MiB). */
  minBytesPerJob?: number
}

export interface InputSource {
  /** The name findings show: the path as given, or `-` for stdin. */
  name: string
  open: () => Readable
  /** The file's path, when it is one (workers open files themselves). */
  path?: string
  /** Whether the bytes are gzip; undefined: look at the first two bytes. */
  gzip?: boolean
  /** Lines of the file before the bytes `open` reads (a piece of a file split between workers). */
  lineBase?: number
}

/**
 * A file, or the piece of it from byte `start` (a line's first) to before byte `end` (undefined: the file's
 * end), whose line numbers go on from `lineBase`.
 */
export interface FilePiece {
  path: string
  name: string
  start: number
  end?: number
  lineBase: number
}

export function fileSource(path: string, name = path, piece?: Omit<FilePiece, 'path' | 'name'>): InputSource {
  const range = piece === undefined ? {} : { start: piece.start, ...(piece.end !== undefined ? { end: piece.end - 1 } : {}) }
  return { name, path, open: () => createReadStream(path, { highWaterMark: 256 * 1024, ...range }), gzip: isGzipFile(path), lineBase: piece?.lineBase }
}

function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const head = Buffer.alloc(2)
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}

/** A worker's old generation: what reading needs, plus room for the catalog, its validators and the aggregates. */
const WORKER_OLD_GENERATION_MIB = 48
const OLD_GENERATION_PER_CATALOG_MIB = 24
/**
 * A worker's young generation. A line's objects are garbage by the next line, so a small one costs no time that
 * could be measured, and two workers fit in the memory one took with V8's default (see docs/performance.md).
 */
const WORKER_YOUNG_GENERATION_MIB = 4

export async function verifySources(sources: readonly InputSource[], options: VerifyOptions): Promise<VerifyReport> {
  const compiling =
    options.catalogPath !== undefined && import.meta.url.endsWith('.js')
      ? compileInWorker(validatedEvents(options.catalog))
      : Promise.resolve(compileValidatorModule(options.catalog))
  const files = sources.filter((s): s is InputSource & { path: string } => s.path !== undefined).sort((a, b) => (a.name < b.name ? -1 : 1))
  // Workers run the built JavaScript; from sources (tests) everything runs on this thread.
  // Even one file is read in a worker: its old generation has a limit, so a long stream's garbage is collected
  // as it goes instead of piling up to V8's default heap size.
  if ((options.jobs ?? 1) < 1 || files.length === 0 || options.catalogPath === undefined || !import.meta.url.endsWith('.js'))
    return verifyWith(await compiling, sources, options)
  // Cut while the validators compile in their thread (counting the lines before each cut reads those bytes).
  const shares = shareFiles(files, options.jobs ?? 1, options.minBytesPerJob ?? MIN_BYTES_PER_JOB)
  const module = await compiling
  const catalogMiB = statSync(options.catalogPath).size / (1024 * 1024)
  const resourceLimits = {
    maxOldGenerationSizeMb: Math.ceil(WORKER_OLD_GENERATION_MIB + catalogMiB * OLD_GENERATION_PER_CATALOG_MIB),
    maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MIB,
  }
  const worker = new URL('./verify-worker.js', import.meta.url)
  const { Worker } = await import('node:worker_threads')
  const [shareReports, stdin] = await Promise.all([
    Promise.all(
      shares.map(
        (share) =>
          new Promise<ShareReport>((done, fail) => {
            const workerData: WorkerInput = {
              catalogPath: options.catalogPath!,
              catalogFile: options.catalogFile,
              module,
              files: share,
              input: options.input ?? 'auto',
              maxLineBytes: options.maxLineBytes ?? 1024 * 1024,
            }
            const w = new Worker(worker, { resourceLimits, workerData })
            w.once('message', done)
            w.once('error', fail)
          }),
      ),
    ),
    // Sources without a path (stdin) are read on this thread; the validators are loaded here only for them.
    sources.some((s) => s.path === undefined)
      ? verifyWith(
          module,
          sources.filter((s) => s.path === undefined),
          options,
        )
      : undefined,
  ])
  // Shares are consecutive runs of the sorted files, merged in their order: first-seen orders stay as one thread sees them.
  const split = new Set(shares.slice(1).flatMap((share) => (share[0]!.start > 0 ? [share[0]!.name] : [])))
  const merged = foldUndeclaredNames(
    capInputProblems(mergeReports(shareReports.map((r) => r.report)), split),
    shareReports.flatMap((r) => r.names),
    (name) => options.catalog.wireEventsByName.has(name),
  )
  return stdin === undefined ? merged : mergeReports([merged, stdin])
}

/** Below this, a plain file is not worth a worker of its own (starting one loads the catalog again). */
const MIN_BYTES_PER_JOB = 8 * 1024 * 1024

/**
 * The sorted files cut into at most `jobs` runs of about equal bytes. A cut falls at a line's start inside a
 * plain file of at least `minBytesPerJob` bytes, or else at the end of the file it falls in (gzip is read whole).
 */
export function shareFiles(files: ReadonlyArray<InputSource & { path: string }>, jobs: number, minBytesPerJob: number): FilePiece[][] {
  const sizes = files.map((f) => statSync(f.path).size)
  const total = sizes.reduce((a, b) => a + b, 0)
  const count = Math.max(1, Math.min(jobs, files.length > 1 ? jobs : Math.floor(total / minBytesPerJob)))
  /** Cuts as [file index, byte offset], strictly increasing; a piece runs from one cut to the next. */
  const cuts: Array<[number, number]> = [[0, 0]]
  let index = 0
  let before = 0
  for (let k = 1; k < count; k++) {
    const target = Math.floor((k * total) / count)
    while (index < files.length && before + sizes[index]! <= target) before += sizes[index++]!
    if (index >= files.length) break
    const file = files[index]!
    let cut: [number, number] = [index + 1, 0]
    if (target === before) cut = [index, 0]
    else if (!file.gzip && sizes[index]! >= minBytesPerJob) {
      const start = nextLineStart(file.path, target - before)
      if (start < sizes[index]!) cut = [index, start]
    }
    const last = cuts[cuts.length - 1]!
    if (cut[0] < files.length && (cut[0] > last[0] || (cut[0] === last[0] && cut[1] > last[1]))) cuts.push(cut)
  }
  cuts.push([files.length, 0])
  const shares: FilePiece[][] = []
  for (let c = 0; c + 1 < cuts.length; c++) {
    const [fromFile, from] = cuts[c]!
    const [toFile, to] = cuts[c + 1]!
    const share: FilePiece[] = []
    for (let i = fromFile; i <= toFile && i < files.length; i++) {
      const start = i === fromFile ? from : 0
      const end = i === toFile ? to : undefined
      if (end === undefined || end > start)
        share.push({ path: files[i]!.path, name: files[i]!.name, start, end, lineBase: start > 0 ? countLines(files[i]!.path, start) : 0 })
    }
    if (share.length > 0) shares.push(share)
  }
  return shares
}

const SCAN_BYTES = 1024 * 1024

/** The first line start at or after `offset`: just after the first newline from `offset - 1` on (or the file's end). */
function nextLineStart(path: string, offset: number): number {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024)
    for (let position = offset - 1; ; ) {
      const got = readSync(fd, buffer, 0, buffer.length, position)
      if (got === 0) return position
      const at = buffer.subarray(0, got).indexOf(NEWLINE)
      if (at !== -1) return position + at + 1
      position += got
    }
  } finally {
    closeSync(fd)
  }
}

/** The newlines in the file's first `bytes` bytes: the line number a piece starting there continues from. */
function countLines(path: string, bytes: number): number {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.allocUnsafe(SCAN_BYTES)
    let lines = 0
    for (let position = 0; position < bytes; ) {
      const got = readSync(fd, buffer, 0, Math.min(buffer.length, bytes - position), position)
      if (got === 0) break
      const view = buffer.subarray(0, got)
      for (let at = view.indexOf(NEWLINE); at !== -1; at = view.indexOf(NEWLINE, at + 1)) lines++
      position += got
    }
    return lines
  } finally {
    closeSync(fd)
  }
}

/** The validator module, compiled in a thread that ends before reading starts (see compile-worker.ts). */
async function compileInWorker(wireEvents: ValidatedEvents): Promise<ValidatorModule> {
  const { Worker } = await import('node:worker_threads')
  return new Promise((done, fail) => {
    const w = new Worker(new URL('./compile-worker.js', import.meta.url), { workerData: { wireEvents } })
    w.once('message', (module: ValidatorModule) => {
      done(module)
      void w.terminate()
    })
    w.once('error', fail)
  })
}

/** A worker's result: its report, and its event names in first-seen order (for `foldUndeclaredNames`). */
export interface ShareReport {
  report: VerifyReport
  names: string[]
}

/** Distinct event names a worker keeps apart: more than one thread's, so that the merge can fold them exactly. */
const WORKER_MAX_NAMES = 10 * MAX_UNDECLARED_NAMES

/** Verifies files or pieces of them, in the order given, with an already compiled validator module (a worker's share). */
export async function verifyFilesWith(module: ValidatorModule, files: readonly FilePiece[], options: VerifyOptions): Promise<ShareReport> {
  const checker = new EventChecker(options.catalog, options.catalogFile, loadValidatorModule(module), WORKER_MAX_NAMES)
  for (const file of files) await verifySource(fileSource(file.path, file.name, file), checker, options)
  return { report: checker.report(), names: checker.eventNames() }
}

async function verifyWith(module: ValidatorModule, sources: readonly InputSource[], options: VerifyOptions): Promise<VerifyReport> {
  const checker = new EventChecker(options.catalog, options.catalogFile, loadValidatorModule(module))
  for (const source of [...sources].sort((a, b) => (a.name < b.name ? -1 : 1))) await verifySource(source, checker, options)
  return checker.report()
}

const NEWLINE = 0x0a

/** What reading a source reports to: the checker, or the catalog drafter. */
export type EventConsumer = Pick<EventChecker, 'inputProblem' | 'check' | 'fileRead'>

/** Streams the events of one source into `checker`, bad lines as input problems. */
export async function verifySource(source: InputSource, checker: EventConsumer, options: Pick<VerifyOptions, 'input' | 'maxLineBytes'>): Promise<void> {
  const maxLine = options.maxLineBytes ?? 1024 * 1024
  const format = options.input ?? 'auto'
  const lineBase = source.lineBase ?? 0
  let lineNumber = lineBase
  let parts: Buffer[] = []
  let partBytes = 0
  let skipping = false

  /** The line in `bytes` from `start` to before `end` (decoded in place: no Buffer made per line). */
  const handleLine = (bytes: Buffer, start: number, end: number) => {
    lineNumber++
    if (end === start || (end - start === 1 && bytes[start] === 0x0d)) return
    // Decoding replaces bad bytes with U+FFFD; only a line that then holds one is checked byte by byte.
    const text = bytes.toString('utf8', start, end)
    if (text.includes('\uFFFD') && !isUtf8(bytes.subarray(start, end))) return checker.inputProblem(source.name, lineNumber, 'The line is not valid UTF-8')
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      return checker.inputProblem(source.name, lineNumber, `The line is not JSON: ${(error as Error).message}`)
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return checker.inputProblem(
        source.name,
        lineNumber,
        `The line is ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}, not a JSON object`,
      )
    const record = value as Record<string, unknown>
    const lineFormat = format === 'auto' ? detectFormat(record) : format
    if (lineFormat === undefined)
      return checker.inputProblem(source.name, lineNumber, 'The line is not an event of any known format (herald, posthog, segment, otlp)')
    const events = eventsOfLine(record, lineFormat)
    if (typeof events === 'string') return checker.inputProblem(source.name, lineNumber, `The line is not a ${lineFormat} event: ${events}`)
    for (const event of events) checker.check(event, source.name, lineNumber)
  }

  const onChunk = (chunk: Buffer) => {
    let start = 0
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start)
      if (end === -1) break
      if (skipping) {
        lineNumber++
        skipping = false
      } else if (parts.length > 0) {
        if (partBytes + end - start > maxLine) tooLong()
        else {
          const line = Buffer.concat([...parts, chunk.subarray(start, end)])
          handleLine(line, 0, line.length)
        }
      } else if (end - start > maxLine) tooLong()
      else handleLine(chunk, start, end)
      parts = []
      partBytes = 0
      start = end + 1
    }
    if (start < chunk.length && !skipping) {
      partBytes += chunk.length - start
      // A line longer than the limit is never held: its bytes are dropped until its newline.
      if (partBytes > maxLine) {
        parts = []
        partBytes = 0
        skipping = true
        checker.inputProblem(source.name, lineNumber + 1, `The line is longer than ${maxLine} bytes and was skipped`)
      } else parts.push(chunk.subarray(start))
    }
  }
  const tooLong = () => {
    lineNumber++
    checker.inputProblem(source.name, lineNumber, `The line is longer than ${maxLine} bytes and was skipped`)
  }

  let stream = source.open()
  const gzip = source.gzip ?? false
  if (gzip) stream = stream.pipe(createGunzip())
  try {
    for await (const chunk of stream) onChunk(chunk as Buffer)
    if (!skipping && parts.length > 0) {
      const line = Buffer.concat(parts)
      handleLine(line, 0, line.length)
    } else if (skipping) lineNumber++
  } catch (error) {
    const message = (error as Error).message
    checker.inputProblem(
      source.name,
      lineNumber + 1,
      gzip ? `The gzip stream is damaged or truncated (${message}); the lines before it were verified` : `The file could not be read (${message})`,
    )
  }
  checker.fileRead(source.name, lineNumber - lineBase)
}
