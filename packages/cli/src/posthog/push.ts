/**
 * `herald posthog push`: makes a PostHog project show the catalog. Definitions get the catalog's descriptions and
 * tags; dashboards and insights are created once and updated in place, found again by their `herald:` tags, so a
 * second run sends no write at all and a run cut short resumes without making copies.
 */
import type { Catalog } from '@herald/core'
import {
  type DashboardPlan,
  dashboardPlan,
  definitionsPlan,
  type EventDefinitionPlan,
  type InsightPlan,
  type PropertyDefinitionPlan,
} from '@herald/generator-posthog'
import { PostHogApiError, type PostHogApi } from './api.js'

export interface PushOptions {
  /** Print the writes instead of sending them (reads are still made when an API is given). */
  dryRun: boolean
  definitions: boolean
  dashboards: boolean
  /** Called for every write, sent or planned. */
  onWrite?: (write: PlannedWrite) => void
}

export interface PlannedWrite {
  method: 'POST' | 'PATCH'
  path: string
  body: unknown
  /** What it is for, in words: "create dashboard Identity overview". */
  what: string
}

export interface PushSummary {
  dashboards: Counts
  insights: Counts
  eventDefinitions: Counts & { notInPostHog: string[] }
  propertyDefinitions: Counts & { notInPostHog: string[] }
}

interface Counts {
  created: number
  updated: number
  unchanged: number
}

interface RemoteDashboard {
  id: number
  name: string
  description?: string | null
  tags?: string[] | null
  deleted?: boolean | null
}
interface RemoteInsight {
  id: number
  name?: string | null
  description?: string | null
  tags?: string[] | null
  query?: unknown
  dashboards?: number[] | null
  deleted?: boolean | null
}
interface RemoteDefinition {
  id: string
  name: string
  description?: string | null
  tags?: (string | null)[] | null
  verified?: boolean | null
  property_type?: string | null
}

/** Without an API (a dry run with no key) the project is taken for empty: every dashboard is a create, every definition an update. */
export async function pushCatalog(catalog: Catalog, api: PostHogApi | undefined, projectId: string, options: PushOptions): Promise<PushSummary> {
  const summary: PushSummary = {
    dashboards: counts(),
    insights: counts(),
    eventDefinitions: { ...counts(), notInPostHog: [] },
    propertyDefinitions: { ...counts(), notInPostHog: [] },
  }
  const path = (rest: string) => `/api/projects/${segment(projectId)}/${rest}`
  const write = async (w: PlannedWrite): Promise<unknown> => {
    options.onWrite?.(w)
    if (options.dryRun || !api) return undefined
    return api.send(w.method, w.path, w.body)
  }

  if (options.definitions) {
    const plan = definitionsPlan(catalog)
    // Offline, every definition is shown as described: PostHog will have one once it has received the event.
    const offline = (names: { name: string }[]): RemoteDefinition[] => names.map(({ name }) => ({ id: `<id of ${name}>`, name }))
    const events = api ? await api.list<RemoteDefinition>(path('event_definitions/?limit=500')) : offline(plan.events)
    await syncDefinitions(plan.events, events, summary.eventDefinitions, (remote, body) =>
      write({ method: 'PATCH', path: path(`event_definitions/${segment(remote.id)}/`), body, what: `describe event ${remote.name}` }),
    )
    const properties = api ? await api.list<RemoteDefinition>(path('property_definitions/?type=event&limit=500')) : offline(plan.properties)
    await syncDefinitions(plan.properties, properties, summary.propertyDefinitions, (remote, body) =>
      write({ method: 'PATCH', path: path(`property_definitions/${segment(remote.id)}/`), body, what: `describe property ${remote.name}` }),
    )
  }

  if (options.dashboards) {
    const listDashboards = async () => (api ? (await api.list<RemoteDashboard>(path('dashboards/?limit=200'))).filter((d) => !d.deleted) : [])
    const listInsights = async () => (api ? (await api.list<RemoteInsight>(path('insights/?saved=true&limit=200'))).filter((i) => !i.deleted) : [])
    let dashboards = await listDashboards()
    let insights = await listInsights()
    for (const plan of dashboardPlan(catalog)) {
      const found = dashboards.find((d) => d.tags?.includes(plan.tag))
      let id: number | undefined = found?.id
      if (found) {
        const body = changedDashboardFields(plan, found)
        if (body) {
          await write({ method: 'PATCH', path: path(`dashboards/${found.id}/`), body, what: `update dashboard ${plan.dashboard.name}` })
          summary.dashboards.updated++
        } else summary.dashboards.unchanged++
      } else {
        const created = await createOnce(
          () => write({ method: 'POST', path: path('dashboards/'), body: plan.dashboard, what: `create dashboard ${plan.dashboard.name}` }),
          async () => (dashboards = await listDashboards()).find((d) => d.tags?.includes(plan.tag)),
          options.dryRun || !api,
        )
        id = (created as { id?: number } | undefined)?.id
        summary.dashboards.created++
      }
      for (const insight of plan.insights) {
        const remote = insights.find((i) => i.tags?.includes(insight.tag))
        if (remote) {
          const body = changedInsightFields(insight, remote, id)
          if (body) {
            await write({ method: 'PATCH', path: path(`insights/${remote.id}/`), body, what: `update insight ${insight.name}` })
            summary.insights.updated++
          } else summary.insights.unchanged++
        } else {
          const body = {
            name: insight.name,
            description: insight.description,
            tags: insight.tags,
            query: insight.query,
            favorited: false,
            ...(id !== undefined ? { dashboards: [id] } : {}),
          }
          await createOnce(
            () => write({ method: 'POST', path: path('insights/'), body, what: `create insight ${insight.name}` }),
            async () => (insights = await listInsights()).find((i) => i.tags?.includes(insight.tag)),
            options.dryRun || !api,
          )
          summary.insights.created++
        }
      }
    }
  }
  return summary
}

/**
 * A create that may have reached PostHog although its answer did not (a 5xx, a reset): look for what it would
 * have made before sending it again, so that a retry never makes a second dashboard or insight.
 */
async function createOnce<T>(post: () => Promise<unknown>, find: () => Promise<T | undefined>, offline: boolean, attempts = 3): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post()
    } catch (error) {
      if (offline || !(error instanceof PostHogApiError) || !error.retryable || attempt === attempts) throw error
      const made = await find()
      if (made !== undefined) return made
    }
  }
}

async function syncDefinitions<P extends EventDefinitionPlan | PropertyDefinitionPlan>(
  plans: P[],
  remote: RemoteDefinition[],
  tally: Counts & { notInPostHog: string[] },
  patch: (remote: RemoteDefinition, body: Record<string, unknown>) => Promise<unknown>,
): Promise<void> {
  const byName = new Map(remote.map((r) => [r.name, r]))
  for (const plan of plans) {
    const found = byName.get(plan.name)
    if (!found) {
      // PostHog makes a definition when it first receives the event or property; there is nothing to describe yet.
      tally.notInPostHog.push(plan.name)
      continue
    }
    const body = changedDefinitionFields(plan, found)
    if (body) {
      await patch(found, body)
      tally.updated++
    } else tally.unchanged++
  }
}

function changedDefinitionFields(plan: EventDefinitionPlan | PropertyDefinitionPlan, remote: RemoteDefinition): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {}
  if ((remote.description ?? '') !== plan.description) body.description = plan.description
  // Tags someone added in PostHog stay; Herald only adds its own.
  const tags = (remote.tags ?? []).filter((t): t is string => typeof t === 'string')
  if (plan.tags.some((t) => !tags.includes(t))) body.tags = [...new Set([...tags, ...plan.tags])]
  if ('verified' in plan && (remote.verified ?? false) !== plan.verified) body.verified = plan.verified
  if ('property_type' in plan && plan.property_type !== null && remote.property_type !== plan.property_type) body.property_type = plan.property_type
  return Object.keys(body).length > 0 ? body : undefined
}

function changedDashboardFields(plan: DashboardPlan, remote: RemoteDashboard): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {}
  if (remote.name !== plan.dashboard.name) body.name = plan.dashboard.name
  if ((remote.description ?? '') !== plan.dashboard.description) body.description = plan.dashboard.description
  const tags = remote.tags ?? []
  if (plan.dashboard.tags.some((t) => !tags.includes(t))) body.tags = [...new Set([...tags, ...plan.dashboard.tags])]
  return Object.keys(body).length > 0 ? body : undefined
}

function changedInsightFields(plan: InsightPlan, remote: RemoteInsight, dashboardId: number | undefined): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {}
  if ((remote.name ?? '') !== plan.name) body.name = plan.name
  if ((remote.description ?? '') !== plan.description) body.description = plan.description
  // PostHog fills in defaults when it stores a query: what Herald sent is unchanged when it is all still there.
  if (!contains(remote.query, plan.query)) body.query = plan.query
  const tags = remote.tags ?? []
  if (plan.tags.some((t) => !tags.includes(t))) body.tags = [...new Set([...tags, ...plan.tags])]
  const dashboards = remote.dashboards ?? []
  if (dashboardId !== undefined && !dashboards.includes(dashboardId)) body.dashboards = [...dashboards, dashboardId]
  return Object.keys(body).length > 0 ? body : undefined
}

/** Whether `actual` holds every value of `expected` (objects key by key, arrays item by item and of equal length). */
export function contains(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => contains(actual[i], e))
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false
    return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v))
  }
  return Object.is(actual, expected)
}

/** A path segment; the `<placeholders>` of an offline dry run are shown as they are. */
function segment(id: string): string {
  return id.startsWith('<') ? id : encodeURIComponent(id)
}

function counts(): Counts {
  return { created: 0, updated: 0, unchanged: 0 }
}
