/**
 * A local PostHog capture server for tests: the real posthog-node and posthog-js clients send to it on
 * 127.0.0.1 (random port), it decodes their payloads the way PostHog's ingestion does and records each event
 * exactly as received. It also serves static files, so a browser page can load from the same origin.
 *
 * Accepted: posthog-node `POST /batch/` (JSON, gzip with `Content-Encoding: gzip`), posthog-js `POST /e/`,
 * `/i/v0/e/`, `/batch/`, `/capture/`, `/track/` (gzip-js, base64 `data=` forms, plain JSON with
 * `disable_compression: true`). `/flags/` and `/decide/` get a minimal valid answer so posthog-js proceeds;
 * remote config (`/array/<token>/config…`) gets an empty one. Payloads it cannot decode are kept in `errors`,
 * never dropped silently.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'

/** One event as a PostHog SDK sent it, plus where it came in. */
export interface CapturedEvent {
  /** The request path without the query, e.g. `/batch/` or `/e/`. */
  path: string
  event: string
  /** `distinct_id` at the top level (posthog-node) or in `properties` (posthog-js). */
  distinctId: string | undefined
  properties: Record<string, unknown>
  /** The decoded event object, untouched. */
  raw: Record<string, unknown>
}

export interface CapturedRequest {
  method: string
  /** Path and query, as received. */
  url: string
  headers: IncomingMessage['headers']
  /** The decoded JSON body, or undefined for a GET. */
  body: unknown
}

export interface StaticFile {
  contentType: string
  body: string | Uint8Array
}

export interface CaptureServerOptions {
  /** Files to serve on GET, by path (`/index.html`). */
  files?: Record<string, StaticFile>
  /** Answer capture requests with this status instead of 200 (to test an SDK's retries). */
  status?: () => number
}

export interface CaptureServer {
  /** `http://127.0.0.1:<port>`, to pass as posthog-node `host` or posthog-js `api_host`. */
  url: string
  readonly events: CapturedEvent[]
  readonly requests: CapturedRequest[]
  /** Bodies that could not be decoded, with the reason; a test should expect this to be empty. */
  readonly errors: { url: string; reason: string }[]
  /** Adds or replaces a file to serve. */
  serve(path: string, file: StaticFile): void
  /** Resolves once `count` events (optionally only those matching `filter`) arrived; rejects after `timeoutMs`. */
  waitForEvents(count: number, options?: { timeoutMs?: number; filter?: (event: CapturedEvent) => boolean }): Promise<CapturedEvent[]>
  close(): Promise<void>
}

const CAPTURE_PATHS = new Set([
  '/batch/',
  '/batch',
  '/e/',
  '/e',
  '/i/v0/e/',
  '/i/v0/e',
  '/capture/',
  '/capture',
  '/track/',
  '/track',
  '/engage/',
  '/engage',
  '/s/',
  '/s',
])
const FLAGS_PATHS = new Set(['/flags/', '/flags', '/decide/', '/decide'])
/** What PostHog answers `/flags/?v=2` with when no flag is defined; older SDKs read `featureFlags`. */
const FLAGS_ANSWER = { flags: {}, featureFlags: {}, featureFlagPayloads: {}, errorsWhileComputingFlags: false, quotaLimited: [], requestId: 'capture-server' }
const MAX_BODY_BYTES = 20 * 1024 * 1024

export async function startCaptureServer(options: CaptureServerOptions = {}): Promise<CaptureServer> {
  const files = new Map(Object.entries(options.files ?? {}))
  const events: CapturedEvent[] = []
  const requests: CapturedRequest[] = []
  const errors: { url: string; reason: string }[] = []
  const waiters = new Set<() => void>()

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      errors.push({ url: req.url ?? '', reason: `internal: ${String(error)}` })
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    cors(req, res)
    if (req.method === 'OPTIONS') {
      res.writeHead(204)
      res.end()
      return
    }
    const raw = await readBody(req)
    if (req.method === 'GET' && files.has(path === '/' ? '/index.html' : path)) {
      const file = files.get(path === '/' ? '/index.html' : path)!
      res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-store' })
      res.end(file.body)
      return
    }
    let body: unknown
    if (raw.length > 0) {
      try {
        body = decodeBody(raw, req.headers, url)
      } catch (error) {
        errors.push({ url: req.url ?? '', reason: (error as Error).message })
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: 'undecodable body' }))
        return
      }
    } else if (req.method === 'GET' && url.searchParams.has('data')) {
      // posthog-js' image transport puts the payload in the query string.
      body = decodeText(url.searchParams.get('data')!, url)
    }
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers, body })

    if (FLAGS_PATHS.has(path)) return json(res, 200, FLAGS_ANSWER)
    if (path.startsWith('/array/') || path.startsWith('/i/v0/array/')) {
      // Remote config: an empty one; the `.js` variant must be a script.
      if (path.endsWith('.js')) {
        res.writeHead(200, { 'content-type': 'application/javascript' })
        res.end('')
        return
      }
      return json(res, 200, {})
    }
    if (CAPTURE_PATHS.has(path) || path.startsWith('/i/v1/')) {
      const status = options.status?.() ?? 200
      if (status === 200) record(path, body)
      return json(res, status, status === 200 ? { status: 1 } : { error: 'failing on purpose' })
    }
    json(res, 404, { error: `no route ${path}` })
  }

  function record(path: string, body: unknown): void {
    for (const item of eventsOf(body)) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        errors.push({ url: path, reason: `not an event object: ${JSON.stringify(item)}` })
        continue
      }
      const rawEvent = item as Record<string, unknown>
      const properties = isRecord(rawEvent.properties) ? rawEvent.properties : {}
      const id = rawEvent.distinct_id ?? properties.distinct_id ?? rawEvent.$distinct_id
      events.push({
        path,
        event: String(rawEvent.event),
        distinctId: typeof id === 'string' ? id : id === undefined ? undefined : String(id),
        properties,
        raw: rawEvent,
      })
    }
    for (const wake of waiters) wake()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    events,
    requests,
    errors,
    serve(path, file) {
      files.set(path, file)
    },
    waitForEvents(count, { timeoutMs = 10_000, filter } = {}) {
      const matching = () => (filter === undefined ? events : events.filter(filter))
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching()
          if (found.length >= count) {
            cleanup()
            resolve(found)
          }
        }
        const timer = setTimeout(() => {
          cleanup()
          reject(
            new Error(
              `capture server: ${matching().length} of ${count} events after ${timeoutMs} ms (${events.map((e) => e.event).join(', ') || 'none'}; errors: ${JSON.stringify(errors)})`,
            ),
          )
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
        check()
      })
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}

function cors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', req.headers.origin ?? '*')
  res.setHeader('access-control-allow-credentials', 'true')
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
  res.setHeader('access-control-allow-headers', req.headers['access-control-request-headers'] ?? 'content-type')
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(value))
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`body over ${MAX_BODY_BYTES} bytes`))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Decodes a body as PostHog ingestion does: gzip (header, `compression=gzip-js` or magic bytes), then text. */
export function decodeBody(raw: Buffer, headers: IncomingMessage['headers'], url: URL): unknown {
  const gzipped = headers['content-encoding'] === 'gzip' || url.searchParams.get('compression') === 'gzip-js' || (raw[0] === 0x1f && raw[1] === 0x8b)
  const bytes = gzipped ? gunzipSync(raw) : raw
  const text = bytes.toString('utf8')
  const contentType = String(headers['content-type'] ?? '')
  if (contentType.startsWith('application/x-www-form-urlencoded') || text.startsWith('data=')) {
    const data = new URLSearchParams(text).get('data')
    if (data === null) throw new Error('a form body without a data= field')
    return decodeText(data, url)
  }
  return decodeText(text, url)
}

/** JSON, or base64 of JSON (posthog-js `compression=base64`, or a `data=` value that is not JSON). */
function decodeText(text: string, url: URL): unknown {
  const trimmed = text.trimStart()
  if (url.searchParams.get('compression') !== 'base64' && (trimmed.startsWith('{') || trimmed.startsWith('['))) return JSON.parse(text) as unknown
  const decoded = Buffer.from(text, 'base64').toString('utf8')
  try {
    return JSON.parse(decoded) as unknown
  } catch {
    throw new Error(`neither JSON nor base64 JSON: ${text.slice(0, 80)}`)
  }
}

/** posthog-node sends `{ api_key, batch: [...] }`; posthog-js an array, one event, or `{ batch }` / `{ data }`. */
function eventsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body
  if (isRecord(body)) {
    if (Array.isArray(body.batch)) return body.batch
    if (Array.isArray(body.data)) return body.data
    if (isRecord(body.data)) return [body.data]
    return [body]
  }
  return body === undefined ? [] : [body]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
