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
import { compileValidatorModule, loadValidatorModule, type ValidatorModule } from './compile-validators.js'
import { EventChecker } from './event-checker.js'
import { detectFormat, eventsOfLine, type InputFormat } from './input-formats.js'
import { mergeReports, type VerifyReport } from './report.js'

export interface VerifyOptions {
  catalog: Catalog
  /** The catalog file as the user named it, for the report. */
  catalogFile: string
  /** `auto` (default) detects the format of each line. */
  input?: InputFormat | 'auto'
  /** Longer lines are a finding and skipped unread (default 1 MiB). */
  maxLineBytes?: number
  /** Files verified at once in worker threads (default 1); the report is the same for any value. */
  jobs?: number
  /** The catalog's absolute path, which workers load it from (needed for `jobs` > 1). */
  catalogPath?: string
}

export interface InputSource {
  /** The name findings show: the path as given, or `-` for stdin. */
  name: string
  open: () => Readable
  /** The file's path, when it is one (workers open files themselves). */
  path?: string
  /** Whether the bytes are gzip; undefined: look at the first two bytes. */
  gzip?: boolean
}

export function fileSource(path: string, name = path): InputSource {
  return { name, path, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }), gzip: isGzipFile(path) }
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

export async function verifySources(sources: readonly InputSource[], options: VerifyOptions): Promise<VerifyReport> {
  const module =
    options.catalogPath !== undefined && import.meta.url.endsWith('.js') ? await compileInWorker(options.catalogPath) : compileValidatorModule(options.catalog)
  const jobs = Math.min(options.jobs ?? 1, sources.filter((s) => s.path !== undefined).length)
  const worker = new URL('./verify-worker.js', import.meta.url)
  // Workers run the built JavaScript; from sources (tests) everything runs on this thread.
  // Even one file is read in a worker: its old generation has a limit, so a long stream's garbage is collected
  // as it goes instead of piling up to V8's default heap size.
  if (jobs < 1 || options.catalogPath === undefined || !import.meta.url.endsWith('.js')) return verifyWith(module, sources, options)
  const catalogMiB = statSync(options.catalogPath).size / (1024 * 1024)
  const resourceLimits = { maxOldGenerationSizeMb: Math.ceil(WORKER_OLD_GENERATION_MIB + catalogMiB * OLD_GENERATION_PER_CATALOG_MIB) }
  const files = sources.filter((s): s is InputSource & { path: string } => s.path !== undefined).sort((a, b) => (a.name < b.name ? -1 : 1))
  const shares: Array<Array<{ path: string; name: string }>> = Array.from({ length: jobs }, () => [])
  files.forEach((file, i) => shares[i % jobs]!.push({ path: file.path, name: file.name }))
  const { Worker } = await import('node:worker_threads')
  const reports = await Promise.all([
    ...shares.map(
      (share) =>
        new Promise<VerifyReport>((done, fail) => {
          const w = new Worker(worker, {
            resourceLimits,
            workerData: {
              catalogPath: options.catalogPath,
              catalogFile: options.catalogFile,
              module,
              files: share,
              input: options.input ?? 'auto',
              maxLineBytes: options.maxLineBytes ?? 1024 * 1024,
            },
          })
          w.once('message', done)
          w.once('error', fail)
        }),
    ),
    // Sources without a path (stdin) are read on this thread; the validators are loaded here only for them.
    ...(sources.some((s) => s.path === undefined)
      ? [
          verifyWith(
            module,
            sources.filter((s) => s.path === undefined),
            options,
          ),
        ]
      : []),
  ])
  return mergeReports(reports)
}

/** The validator module, compiled in a thread that ends before reading starts (see compile-worker.ts). */
async function compileInWorker(catalogPath: string): Promise<ValidatorModule> {
  const { Worker } = await import('node:worker_threads')
  return new Promise((done, fail) => {
    const w = new Worker(new URL('./compile-worker.js', import.meta.url), { workerData: { catalogPath } })
    w.once('message', (module: ValidatorModule) => {
      done(module)
      void w.terminate()
    })
    w.once('error', fail)
  })
}

/** Verifies files by path with an already compiled validator module (a worker's share). */
export function verifyFilesWith(module: ValidatorModule, files: ReadonlyArray<{ path: string; name: string }>, options: VerifyOptions): Promise<VerifyReport> {
  return verifyWith(
    module,
    files.map((f) => fileSource(f.path, f.name)),
    options,
  )
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
  let lineNumber = 0
  let parts: Buffer[] = []
  let partBytes = 0
  let skipping = false

  const handleLine = (bytes: Buffer) => {
    lineNumber++
    if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === 0x0d)) return
    // Decoding replaces bad bytes with U+FFFD; only a line that then holds one is checked byte by byte.
    const text = bytes.toString('utf8')
    if (text.includes('\uFFFD') && !isUtf8(bytes)) return checker.inputProblem(source.name, lineNumber, 'The line is not valid UTF-8')
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
        else handleLine(Buffer.concat([...parts, chunk.subarray(start, end)]))
      } else if (end - start > maxLine) tooLong()
      else handleLine(chunk.subarray(start, end))
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
    if (!skipping && parts.length > 0) handleLine(Buffer.concat(parts))
    else if (skipping) lineNumber++
  } catch (error) {
    const message = (error as Error).message
    checker.inputProblem(
      source.name,
      lineNumber + 1,
      gzip ? `The gzip stream is damaged or truncated (${message}); the lines before it were verified` : `The file could not be read (${message})`,
    )
  }
  checker.fileRead(source.name, lineNumber)
}
