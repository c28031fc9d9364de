/**
 * Verdicts about a catalog that take time to reach and depend only on their input: "this catalog text passes the
 * meta-schema" and "this pattern is safe to run" (the ReDoS check). A process that loads an unchanged catalog
 * (every ESLint run) reads them from disk instead of reaching them again, as ESLint and Babel keep their caches
 * under `node_modules/.cache`.
 *
 * Only passing verdicts are kept, so a catalog with a problem is always checked in full and reports the same
 * diagnostics. Each entry is a SHA-256 of what the verdict is about (the text, or the pattern) and of everything
 * that decides it (the meta-schema, the ReDoS check's libraries and step limit, the cache's format), so an entry can only
 * ever be used for the exact input it was reached for. A file that does not read as a cache (truncated,
 * edited, another format) is ignored and rewritten; one that cannot be written is not written.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { META_SCHEMA_FILE } from './meta-schema-path.js'
import { MAX_STEPS } from './regex-safety.js'

/**
 * `schema`: a catalog text passes the meta-schema; `unique-keys`: a JSON catalog text repeats no key in an object
 * (the scan for repeats is a third of parsing it); `pattern`: a pattern is safe to run.
 */
export type VerdictKind = 'schema' | 'unique-keys' | 'pattern'

/** The verdicts about one text, whose hash is taken once. */
export interface TextVerdicts {
  has(kind: VerdictKind): boolean
  add(kind: VerdictKind): void
}

/** Bumped when what an entry means changes. */
const FORMAT = 1
/** Entries kept in the file, newest last: enough for a catalog's patterns and a few versions of its text. */
const MAX_ENTRIES = 2000
const ENTRY = /^[0-9a-f]{64}$/

export class VerdictCache {
  private readonly known = new Set<string>()
  private readonly order: string[] = []
  private changed = false

  /** `file` undefined: a cache in memory only. */
  constructor(private readonly file?: string) {
    if (file === undefined) return
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      return // missing or unreadable: an empty cache
    }
    const { format, entries } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { format?: unknown; entries?: unknown }
    if (format !== FORMAT || !Array.isArray(entries)) return
    for (const entry of entries) {
      if (typeof entry === 'string' && ENTRY.test(entry) && !this.known.has(entry)) {
        this.known.add(entry)
        this.order.push(entry)
      }
    }
  }

  /** Whether `input` is known to pass the `kind` check. */
  has(kind: VerdictKind, input: string): boolean {
    return this.known.size > 0 && this.known.has(entryKey(kind, input))
  }

  /** Records that `input` passes the `kind` check. */
  add(kind: VerdictKind, input: string): void {
    this.addKey(entryKey(kind, input))
  }

  /** The verdicts about `text` (a catalog's, with how it is read: `json\0…`), hashing it once for all of them. */
  about(text: string): TextVerdicts {
    const digest = createHash('sha256').update(text).digest('hex')
    return {
      has: (kind) => this.known.size > 0 && this.known.has(entryKey(kind, digest, true)),
      add: (kind) => this.addKey(entryKey(kind, digest, true)),
    }
  }

  private addKey(key: string): void {
    if (this.known.has(key)) return
    this.known.add(key)
    this.order.push(key)
    this.changed = true
  }

  /** Writes the file when something was added (a new file, then renamed over the old, so no reader sees half). */
  save(): void {
    if (!this.changed || this.file === undefined) return
    this.changed = false
    const entries = this.order.slice(-MAX_ENTRIES)
    const temporary = `${this.file}.${process.pid}.tmp`
    try {
      mkdirSync(dirname(this.file), { recursive: true })
      writeFileSync(temporary, `${JSON.stringify({ format: FORMAT, entries })}\n`)
      renameSync(temporary, this.file)
    } catch {
      // a read-only checkout or node_modules: the verdicts are reached again next time
    }
  }
}

/**
 * The cache for a project whose root is `cwd`: `node_modules/.cache/herald/verdicts.json` when `cwd` has a
 * `package.json` or a `node_modules` (no `node_modules` is made in a folder that is not a package), else none
 * (a cache in memory would only save what the per-process catalog cache already saves, and cost a hash).
 * `HERALD_CACHE=0` turns the file off.
 */
export function verdictCacheFor(cwd: string): VerdictCache | undefined {
  if (process.env.HERALD_CACHE === '0') return undefined
  const modules = join(cwd, 'node_modules')
  if (!existsSync(modules) && !existsSync(join(cwd, 'package.json'))) return undefined
  return new VerdictCache(join(modules, '.cache', 'herald', 'verdicts.json'))
}

let fingerprint: string | undefined

/** What decides a verdict besides its input: this copy of core (its version, the meta-schema it ships), the ReDoS libraries' versions. */
function verdictFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint
  const require = createRequire(import.meta.url)
  const version = (name: string) => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version
    } catch {
      return 'unknown'
    }
  }
  let schema: string
  try {
    schema = readFileSync(META_SCHEMA_FILE, 'utf8')
  } catch {
    schema = String(Math.random()) // no meta-schema to key on: no entry of this process matches another's
  }
  // this copy of core's own version too: its checks may change where the meta-schema does not
  let core = 'unknown'
  try {
    core = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    // not beside its package.json (bundled): the meta-schema and the libraries still key the entries
  }
  fingerprint = createHash('sha256')
    .update(`${FORMAT}\0${MAX_STEPS}\0${core}\0${version('redos-detector')}\0${version('@eslint-community/regexpp')}\0`)
    .update(schema)
    .digest('hex')
  return fingerprint
}

/** The entry for `input`, or (`digested`) for the input whose SHA-256 `input` is. */
function entryKey(kind: VerdictKind, input: string, digested = false): string {
  return createHash('sha256')
    .update(`${verdictFingerprint()}\0${kind}\0${digested ? 'digest' : 'text'}\0`)
    .update(input)
    .digest('hex')
}
