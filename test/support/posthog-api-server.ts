/**
 * A local stand-in for PostHog's REST API on 127.0.0.1, for `herald posthog push` tests. PostHog's own service
 * cannot run here; this server keeps dashboards, insights and definitions in memory and checks every request body
 * against PostHog's own zod schemas (vendored from @posthog/agent-toolkit), refusing unknown keys with a 400 as a
 * strict API would. Like PostHog, it fills in a query's defaults when it stores an insight.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  ApiEventDefinitionSchema,
  ApiPropertyDefinitionSchema,
  CreateDashboardInputSchema,
  CreateInsightInputSchema,
  InsightVizNodeSchema,
  UpdateDashboardInputSchema,
  UpdateInsightInputSchema,
} from './posthog-api-schemas.mjs'

interface Schema {
  parse(value: unknown): unknown
}

export interface RecordedRequest {
  method: string
  path: string
  body: unknown
}

export interface Failure {
  method: string
  /** The request path must start with this (after /api/projects/<id>/). */
  path: string
  status: number
  headers?: Record<string, string>
  /** Carry the request out first, then answer with the failure (an answer lost on the way back). */
  afterHandling?: boolean
  /** How many matching requests fail (default 1). */
  times?: number
}

export interface Dashboard {
  id: number
  name: string
  description: string
  tags: string[]
  deleted: boolean
}
export interface Insight {
  id: number
  short_id: string
  name: string
  description: string
  tags: string[]
  query: unknown
  dashboards: number[]
  favorited: boolean
  deleted: boolean
}
export interface Definition {
  id: string
  name: string
  description: string | null
  tags: string[]
  verified?: boolean
  property_type?: string | null
}

export interface PostHogApiServer {
  url: string
  projectId: number
  apiKey: string
  requests: RecordedRequest[]
  dashboards: Dashboard[]
  insights: Insight[]
  eventDefinitions: Definition[]
  propertyDefinitions: Definition[]
  fail(failure: Failure): void
  /** The write requests (POST, PATCH) received so far. */
  writes(): RecordedRequest[]
  close(): Promise<void>
}

const EVENT_DEFINITION_PATCH = ApiEventDefinitionSchema.pick({ description: true, tags: true, verified: true, owner: true })
const PROPERTY_DEFINITION_PATCH = ApiPropertyDefinitionSchema.pick({ description: true, tags: true, property_type: true, verified: true })

export async function startPostHogApiServer(options: { projectId?: number; apiKey?: string; pageSize?: number } = {}): Promise<PostHogApiServer> {
  const projectId = options.projectId ?? 4242
  const apiKey = options.apiKey ?? 'phx_test_key'
  const pageSize = options.pageSize ?? 3
  const failures: (Failure & { left: number })[] = []
  let nextId = 1
  const state = {
    requests: [] as RecordedRequest[],
    dashboards: [] as Dashboard[],
    insights: [] as Insight[],
    eventDefinitions: [] as Definition[],
    propertyDefinitions: [] as Definition[],
  }
  const prefix = `/api/projects/${projectId}/`

  const handle = (method: string, url: URL, body: unknown): { status: number; body?: unknown } => {
    if (!url.pathname.startsWith(prefix)) return { status: 404, body: { detail: 'Project not found.' } }
    const rest = url.pathname.slice(prefix.length)
    const [collection, id] = rest.split('/').filter(Boolean)
    const list = collectionOf(collection)
    if (!list) return { status: 404, body: { detail: `No endpoint ${url.pathname}.` } }
    if (method === 'GET' && id === undefined) return { status: 200, body: page(list, url) }
    if (method === 'POST' && id === undefined) return create(collection!, body)
    if (method === 'PATCH' && id !== undefined) return update(collection!, list, id, body)
    return { status: 405, body: { detail: `Method ${method} not allowed.` } }
  }

  const collectionOf = (name: string | undefined): { id: number | string }[] | undefined => {
    switch (name) {
      case 'dashboards':
        return state.dashboards
      case 'insights':
        return state.insights
      case 'event_definitions':
        return state.eventDefinitions
      case 'property_definitions':
        return state.propertyDefinitions
      default:
        return undefined
    }
  }

  const page = (list: { id: number | string }[], url: URL) => {
    const offset = Number(url.searchParams.get('offset') ?? 0)
    const limit = Math.min(Number(url.searchParams.get('limit') ?? pageSize), pageSize)
    const results = list.slice(offset, offset + limit)
    const next = offset + limit < list.length ? new URL(`${url.pathname}?${withOffset(url.searchParams, offset + limit)}`, url).href : null
    return { count: list.length, next, previous: null, results }
  }

  const create = (collection: string, body: unknown): { status: number; body?: unknown } => {
    if (collection === 'dashboards') {
      const problem = strictProblem(CreateDashboardInputSchema, body)
      if (problem) return { status: 400, body: { detail: problem } }
      const input = body as { name: string; description?: string; tags?: string[] }
      const dashboard: Dashboard = { id: nextId++, name: input.name, description: input.description ?? '', tags: input.tags ?? [], deleted: false }
      state.dashboards.push(dashboard)
      return { status: 201, body: dashboard }
    }
    if (collection === 'insights') {
      const { dashboards, ...rest } = body as { dashboards?: unknown }
      const problem =
        strictProblem(CreateInsightInputSchema, rest) ??
        strictProblem(InsightVizNodeSchema, (rest as { query?: unknown }).query) ??
        dashboardsProblem(dashboards)
      if (problem) return { status: 400, body: { detail: problem } }
      const input = rest as { name: string; description?: string; tags?: string[]; query: unknown; favorited: boolean }
      const id = nextId++
      const insight: Insight = {
        id,
        short_id: `s${id}`,
        name: input.name,
        description: input.description ?? '',
        tags: input.tags ?? [],
        query: InsightVizNodeSchema.parse(input.query),
        dashboards: (dashboards as number[] | undefined) ?? [],
        favorited: input.favorited,
        deleted: false,
      }
      state.insights.push(insight)
      return { status: 201, body: insight }
    }
    return { status: 405, body: { detail: 'PostHog creates definitions when it receives events.' } }
  }

  const update = (collection: string, list: { id: number | string }[], id: string, body: unknown): { status: number; body?: unknown } => {
    const item = list.find((i) => String(i.id) === id) as Record<string, unknown> | undefined
    if (!item) return { status: 404, body: { detail: 'Not found.' } }
    let problem: string | undefined
    if (collection === 'dashboards') problem = strictProblem(UpdateDashboardInputSchema, body)
    else if (collection === 'insights') {
      const { dashboards, ...rest } = body as { dashboards?: unknown }
      problem =
        strictProblem(UpdateInsightInputSchema.partial(), rest) ??
        ('query' in rest ? strictProblem(InsightVizNodeSchema, rest.query) : undefined) ??
        dashboardsProblem(dashboards)
    } else if (collection === 'event_definitions') problem = strictProblem(EVENT_DEFINITION_PATCH.partial(), body)
    else problem = strictProblem(PROPERTY_DEFINITION_PATCH.partial(), body)
    if (problem) return { status: 400, body: { detail: problem } }
    const changes = body as Record<string, unknown>
    Object.assign(item, changes, collection === 'insights' && 'query' in changes ? { query: InsightVizNodeSchema.parse(changes.query) } : {})
    return { status: 200, body: item }
  }

  const dashboardsProblem = (value: unknown): string | undefined => {
    if (value === undefined) return undefined
    if (!Array.isArray(value) || !value.every((id) => state.dashboards.some((d) => d.id === id)))
      return `dashboards must list existing dashboard ids, got ${JSON.stringify(value)}`
    return undefined
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch {
        return reply(res, 400, { detail: 'Body is not JSON.' })
      }
      const path = `${url.pathname}${url.search}`
      state.requests.push({ method: req.method ?? '', path, body })
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(res, 401, { detail: 'Invalid personal API key.' })
      const rest = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname
      const failure = failures.find((f) => f.left > 0 && f.method === req.method && rest.startsWith(f.path))
      if (failure && !failure.afterHandling) {
        failure.left--
        return reply(res, failure.status, { detail: 'Injected failure.' }, failure.headers)
      }
      const result = handle(req.method ?? 'GET', url, body)
      if (failure) {
        failure.left--
        return reply(res, failure.status, { detail: 'Injected failure after handling.' }, failure.headers)
      }
      reply(res, result.status, result.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    projectId,
    apiKey,
    ...state,
    get requests() {
      return state.requests
    },
    fail: (failure) => failures.push({ ...failure, left: failure.times ?? 1 }),
    writes: () => state.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The schema's complaint, or a key it does not know (zod drops unknown keys; PostHog's serializers reject them). */
function strictProblem(schema: Schema, value: unknown): string | undefined {
  let parsed: unknown
  try {
    parsed = schema.parse(value)
  } catch (error) {
    return (error as Error).message
  }
  const unknown = unknownKeys(value, parsed)
  return unknown.length > 0 ? `unknown fields: ${unknown.join(', ')}` : undefined
}

/** Paths present in `sent` that the schema's parse dropped: keys PostHog's schema does not know. */
export function unknownKeys(sent: unknown, parsed: unknown, path = ''): string[] {
  if (Array.isArray(sent)) return sent.flatMap((item, i) => unknownKeys(item, (parsed as unknown[] | undefined)?.[i], `${path}[${i}]`))
  if (sent === null || typeof sent !== 'object' || parsed === null || typeof parsed !== 'object') return []
  const out = parsed as Record<string, unknown>
  return Object.entries(sent).flatMap(([key, value]) => (key in out ? unknownKeys(value, out[key], `${path}.${key}`) : [`${path}.${key}`]))
}

function withOffset(params: URLSearchParams, offset: number): string {
  const copy = new URLSearchParams(params)
  copy.set('offset', String(offset))
  return copy.toString()
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}
