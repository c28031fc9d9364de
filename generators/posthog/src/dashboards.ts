/**
 * The catalog's dashboards as PostHog takes them: a dashboard (name, description, tags) and per insight the
 * `query` PostHog stores, an `InsightVizNode` over a `TrendsQuery` or `FunnelsQuery`. Each carries a stable
 * `herald:` tag, so that `herald posthog push` finds what it created before and never makes a second copy.
 */
import type { Catalog, Dashboard, Insight, InsightSeries } from '@herald/core'
import { PROPERTY_MATHS } from '@herald/core'

export interface InsightPlan {
  /** The tag that identifies this insight in PostHog: `herald:<dashboard id>/<insight slug>`. */
  tag: string
  name: string
  description: string
  tags: string[]
  query: InsightVizNode
}

export interface DashboardPlan {
  /** The dashboard's key in the catalog. */
  id: string
  /** `herald:<id>`: how a push finds the dashboard again. */
  tag: string
  dashboard: { name: string; description: string; tags: string[] }
  insights: InsightPlan[]
}

export interface InsightVizNode {
  kind: 'InsightVizNode'
  source: TrendsQuery | FunnelsQuery
}

interface EventsNode {
  kind: 'EventsNode'
  event: string
  custom_name: string
  math: string
  math_property?: string
  properties?: { key: string; value: string | number; operator: 'exact'; type: 'event' }[]
}

interface QueryBase {
  dateRange: { date_from: string; date_to: null }
  filterTestAccounts: boolean
  properties: never[]
  series: EventsNode[]
  breakdownFilter?: { breakdown_type: 'event'; breakdown: string }
}

interface TrendsQuery extends QueryBase {
  kind: 'TrendsQuery'
  interval: 'hour' | 'day' | 'week' | 'month'
  trendsFilter: { display: string; showLegend: boolean }
}

interface FunnelsQuery extends QueryBase {
  kind: 'FunnelsQuery'
  funnelsFilter: {
    funnelVizType: 'steps'
    funnelOrderType: 'ordered' | 'strict' | 'unordered'
    funnelWindowInterval: number
    funnelWindowIntervalUnit: 'minute' | 'hour' | 'day' | 'week' | 'month'
  }
}

const DISPLAY = { line: 'ActionsLineGraph', bar: 'ActionsBar', table: 'ActionsTable', pie: 'ActionsPie', number: 'BoldNumber' } as const
/** Herald's names for PostHog's math types, where PostHog's own read poorly (`dau` counts unique users per interval). */
const MATH: Record<string, string> = { unique_users: 'dau', unique_sessions: 'unique_session' }

export function dashboardTag(dashboard: Pick<Dashboard, 'id'>): string {
  return `herald:${dashboard.id}`
}

export function insightTag(dashboard: Pick<Dashboard, 'id'>, slug: string): string {
  return `herald:${dashboard.id}/${slug}`
}

export function dashboardPlan(catalog: Pick<Catalog, 'dashboards' | 'title' | 'file'>): DashboardPlan[] {
  return catalog.dashboards.map((dashboard) => {
    const slugs = new Set<string>()
    const tag = dashboardTag(dashboard)
    return {
      id: dashboard.id,
      tag,
      dashboard: { name: dashboard.name, description: dashboard.description ?? '', tags: [...dashboard.tags, tag] },
      insights: dashboard.insights.map((insight) => {
        const itag = insightTag(dashboard, uniqueSlug(insight.name, slugs))
        return { tag: itag, name: insight.name, description: insight.description ?? '', tags: [itag], query: insightQuery(insight) }
      }),
    }
  })
}

export function insightQuery(insight: Insight): InsightVizNode {
  const base = {
    dateRange: { date_from: insight.dateRange, date_to: null },
    filterTestAccounts: false,
    properties: [],
    ...(insight.breakdown !== undefined ? { breakdownFilter: { breakdown_type: 'event' as const, breakdown: insight.breakdown } } : {}),
  }
  if (insight.kind === 'trends') {
    return {
      kind: 'InsightVizNode',
      source: {
        kind: 'TrendsQuery',
        ...base,
        series: insight.series.map(eventsNode),
        interval: insight.interval,
        trendsFilter: { display: DISPLAY[insight.display], showLegend: insight.series.length > 1 || insight.breakdown !== undefined },
      },
    }
  }
  return {
    kind: 'InsightVizNode',
    source: {
      kind: 'FunnelsQuery',
      ...base,
      series: insight.steps.map(eventsNode),
      funnelsFilter: {
        funnelVizType: 'steps',
        funnelOrderType: insight.order,
        funnelWindowInterval: insight.window.interval,
        funnelWindowIntervalUnit: insight.window.unit,
      },
    },
  }
}

function eventsNode(series: InsightSeries): EventsNode {
  const filters = Object.entries(series.where)
  return {
    kind: 'EventsNode',
    event: series.event,
    custom_name: series.label ?? series.event,
    math: MATH[series.math] ?? series.math,
    ...(PROPERTY_MATHS.has(series.math) && series.property !== undefined ? { math_property: series.property } : {}),
    ...(filters.length > 0
      ? {
          properties: filters.map(([key, value]) => ({
            key,
            value: typeof value === 'boolean' ? String(value) : value,
            operator: 'exact' as const,
            type: 'event' as const,
          })),
        }
      : {}),
  }
}

/** A lowercase ASCII slug of the insight's name, unique within its dashboard. */
function uniqueSlug(name: string, taken: Set<string>): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'insight'
  let slug = base
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`
  taken.add(slug)
  return slug
}
