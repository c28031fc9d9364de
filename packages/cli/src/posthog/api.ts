/**
 * A small client for PostHog's REST API (the endpoints @posthog/agent-toolkit calls): personal API key as a
 * bearer token, bounded retries, and errors a user can act on. Retries are safe because writes are matched by
 * Herald's tags first; a POST that failed with a 5xx is re-checked by the caller before it is sent again.
 */
export interface ApiOptions {
  host: string
  projectId: string
  apiKey: string
  /** Longest wait a `Retry-After` may ask for (default 60 s); longer asks fail with a clear error. */
  maxRetryAfterMs?: number
  /** Attempts for a 429, a 5xx or a network error (default 4). */
  attempts?: number
  /** First backoff after a 5xx or a network error (default 500 ms; doubled each time). */
  backoffMs?: number
  /** Per-request deadline (default 30 s). */
  timeoutMs?: number
  fetch?: typeof fetch
}

/** A failure the command reports as a sentence (exit 1); `retryable` says whether a later run may succeed. */
export class PostHogApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message)
    this.name = 'PostHogApiError'
  }
}

export interface ListPage<T> {
  results: T[]
  next?: string | null
}

const MAX_PAGES = 200

export class PostHogApi {
  readonly base: string
  private readonly options: Required<Omit<ApiOptions, 'fetch'>> & { fetch: typeof fetch }

  constructor(options: ApiOptions) {
    const host = options.host.replace(/\/+$/, '')
    let url: URL
    try {
      url = new URL(host)
    } catch {
      throw new PostHogApiError(`--host ${JSON.stringify(options.host)} is not a URL (e.g. https://us.posthog.com).`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PostHogApiError(`--host must be an http(s) URL, not ${url.protocol}.`)
    this.base = host
    this.options = { maxRetryAfterMs: 60_000, attempts: 4, backoffMs: 500, timeoutMs: 30_000, fetch: globalThis.fetch, ...options, host }
  }

  /** `/api/projects/<id>/<path>` */
  projectPath(path: string): string {
    return `/api/projects/${encodeURIComponent(this.options.projectId)}/${path}`
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request('GET', path)) as T
  }

  /** Every item of a paginated list, following `next` on the same host. */
  async list<T>(path: string): Promise<T[]> {
    const items: T[] = []
    let next: string | null | undefined = path
    for (let page = 0; next; page++) {
      if (page === MAX_PAGES) throw new PostHogApiError(`${path} has more than ${MAX_PAGES} pages; stopped reading it.`)
      const body = (await this.request('GET', next)) as ListPage<T>
      if (!body || !Array.isArray(body.results)) throw new PostHogApiError(`GET ${next} did not answer with a list ({ results: [...] }).`)
      items.push(...body.results)
      next = body.next ? this.sameHostPath(body.next) : undefined
    }
    return items
  }

  async send(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<unknown> {
    return this.request(method, path, body)
  }

  private sameHostPath(next: string): string {
    const url = new URL(next, this.base)
    if (url.origin !== new URL(this.base).origin) throw new PostHogApiError(`PostHog pointed the next page at another host (${url.origin}); not following it.`)
    return `${url.pathname}${url.search}`
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const { attempts, backoffMs, maxRetryAfterMs, timeoutMs } = this.options
    let lastError: PostHogApiError | undefined
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let response: Response
      try {
        response = await this.options.fetch(`${this.base}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.options.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        lastError = new PostHogApiError(`${method} ${path} failed: ${networkReason(error)}.`, undefined, true)
        if (method === 'POST') throw lastError
        await sleep(backoffMs * 2 ** (attempt - 1))
        continue
      }
      if (response.ok) return response.status === 204 ? undefined : parseJson(await response.text(), method, path)
      const text = await response.text().catch(() => '')
      if (response.status === 401 || response.status === 403) {
        throw new PostHogApiError(
          `PostHog refused the API key (${response.status}) for ${method} ${path}${detail(text)}. Check POSTHOG_PERSONAL_API_KEY: a personal API key of project ${this.options.projectId} with the scopes dashboard:write, insight:write, event_definition:write and property_definition:write.`,
          response.status,
        )
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers.get('retry-after'))
        if (wait > maxRetryAfterMs) {
          throw new PostHogApiError(
            `PostHog is rate-limiting (429) and asks to wait ${Math.ceil(wait / 1000)} s, more than ${Math.ceil(maxRetryAfterMs / 1000)} s; run the push again later (it resumes without duplicates).`,
            429,
            true,
          )
        }
        lastError = new PostHogApiError(
          `PostHog kept rate-limiting ${method} ${path} (429) after ${attempts} attempts; run the push again later (it resumes without duplicates).`,
          429,
          true,
        )
        await sleep(wait)
        continue
      }
      if (response.status >= 500) {
        lastError = new PostHogApiError(
          `PostHog answered ${response.status} to ${method} ${path}${detail(text)} after ${attempt} attempt${attempt === 1 ? '' : 's'}; run the push again later (it resumes without duplicates).`,
          response.status,
          true,
        )
        if (method === 'POST') throw lastError
        await sleep(backoffMs * 2 ** (attempt - 1))
        continue
      }
      throw new PostHogApiError(`PostHog refused ${method} ${path} (${response.status})${detail(text)}.`, response.status)
    }
    throw lastError!
  }
}

/** `Retry-After` in seconds or as an HTTP date; missing or unreadable means one second. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null || header.trim() === '') return 1000
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? 1000 : Math.max(0, date - now)
}

function parseJson(text: string, method: string, path: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new PostHogApiError(`${method} ${path} answered with something that is not JSON: ${JSON.stringify(text.slice(0, 80))}.`)
  }
}

function detail(text: string): string {
  if (text === '') return ''
  try {
    const body = JSON.parse(text) as { detail?: unknown }
    if (typeof body.detail === 'string') return `: ${body.detail}`
  } catch {
    // not JSON: show the start of it
  }
  return `: ${JSON.stringify(text.slice(0, 120))}`
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  if ((error as Error).name === 'TimeoutError') return 'no answer within the deadline'
  return cause?.code ?? cause?.message ?? (error as Error).message
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
