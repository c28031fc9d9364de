/**
 * Dashboards in the catalog: charts built only from declared wire events and their properties. Normalize checks
 * every reference here; `@herald/generator-posthog` turns the result into PostHog's insight queries.
 */
import type { JsonType, PropertySchema, WireEvent } from './catalog.js'
import type { DiagnosticCode } from './diagnostics.js'
import type { PathSegment } from './source-document.js'
import { nearestNames } from './suggest.js'

export type SeriesMath = 'total' | 'unique_users' | 'weekly_active' | 'monthly_active' | 'unique_sessions' | 'first_time_for_user' | PropertyMath
export type PropertyMath = 'avg' | 'sum' | 'min' | 'max' | 'median' | 'p75' | 'p90' | 'p95' | 'p99'
export const PROPERTY_MATHS: ReadonlySet<string> = new Set(['avg', 'sum', 'min', 'max', 'median', 'p75', 'p90', 'p95', 'p99'])

export interface InsightSeries {
  /** A declared wire event. */
  event: string
  label?: string
  math: SeriesMath
  /** The numeric property an aggregate math is taken over. */
  property?: string
  /** Equality filters on the event's properties. */
  where: Record<string, string | number | boolean>
}

export type TrendsDisplay = 'line' | 'bar' | 'table' | 'pie' | 'number'
export type FunnelOrder = 'ordered' | 'strict' | 'unordered'
export type WindowUnit = 'minute' | 'hour' | 'day' | 'week' | 'month'

export interface TrendsInsight {
  kind: 'trends'
  name: string
  description?: string
  dateRange: string
  series: InsightSeries[]
  interval: 'hour' | 'day' | 'week' | 'month'
  display: TrendsDisplay
  breakdown?: string
}

export interface FunnelInsight {
  kind: 'funnel'
  name: string
  description?: string
  dateRange: string
  steps: InsightSeries[]
  window: { interval: number; unit: WindowUnit }
  order: FunnelOrder
  breakdown?: string
}

export type Insight = TrendsInsight | FunnelInsight

export interface Dashboard {
  /** The key in `dashboards`: stable, so a push finds the dashboard again by it. */
  id: string
  name: string
  description?: string
  tags: string[]
  insights: Insight[]
}

type RawSeries = { event: string; label?: string; math?: SeriesMath; property?: string; where?: Record<string, string | number | boolean> }
interface RawInsight {
  name: string
  description?: string
  dateRange?: string
  trends?: { series: RawSeries[]; interval?: TrendsInsight['interval']; display?: TrendsDisplay; breakdown?: string }
  funnel?: { steps: (string | RawSeries)[]; window?: { interval: number; unit: WindowUnit }; order?: FunnelOrder; breakdown?: string }
}
export interface RawDashboard {
  name: string
  description?: string
  tags?: string[]
  insights: RawInsight[]
}

export type Reporter = (code: DiagnosticCode, path: PathSegment[], message: string, hint?: string) => void

const NUMERIC: ReadonlySet<JsonType> = new Set(['number', 'integer'])

/** Builds the dashboards of a meta-schema-valid catalog, reporting every reference that is not declared. */
export function buildDashboards(raw: Record<string, RawDashboard> | undefined, wireEvents: ReadonlyMap<string, WireEvent>, report: Reporter): Dashboard[] {
  const dashboards: Dashboard[] = []
  for (const [id, dashboard] of Object.entries(raw ?? {})) {
    const insights: Insight[] = []
    dashboard.insights.forEach((insight, i) => {
      const built = buildInsight(insight, ['dashboards', id, 'insights', i], wireEvents, report)
      if (built) insights.push(built)
    })
    dashboards.push({
      id,
      name: dashboard.name,
      ...(dashboard.description !== undefined ? { description: dashboard.description } : {}),
      tags: dashboard.tags ?? [],
      insights,
    })
  }
  return dashboards
}

function buildInsight(raw: RawInsight, path: PathSegment[], wireEvents: ReadonlyMap<string, WireEvent>, report: Reporter): Insight | undefined {
  const common = { name: raw.name, ...(raw.description !== undefined ? { description: raw.description } : {}), dateRange: raw.dateRange ?? '-30d' }
  if ((raw.trends === undefined) === (raw.funnel === undefined)) {
    if (raw.trends)
      report(
        'invalid-value',
        [...path, 'funnel'],
        `The insight "${raw.name}" has both "trends" and "funnel"; an insight is one chart.`,
        'split it into two insights',
      )
    else
      report(
        'missing-field',
        path,
        `The insight "${raw.name}" has neither "trends" nor "funnel".`,
        'add "trends": { "series": [...] } or "funnel": { "steps": [...] }',
      )
    return undefined
  }
  if (raw.trends) {
    const trends = raw.trends
    const series = trends.series.map((s, i) => checkSeries(s, [...path, 'trends', 'series', i], wireEvents, report))
    if (trends.breakdown !== undefined) checkBreakdown(trends.breakdown, series, [...path, 'trends', 'breakdown'], wireEvents, report)
    return {
      kind: 'trends',
      ...common,
      series,
      interval: trends.interval ?? 'day',
      display: trends.display ?? 'line',
      ...(trends.breakdown !== undefined ? { breakdown: trends.breakdown } : {}),
    }
  }
  const funnel = raw.funnel!
  const steps = funnel.steps.map((s, i) =>
    checkSeries(typeof s === 'string' ? { event: s } : s, [...path, 'funnel', 'steps', i, ...(typeof s === 'string' ? [] : ['event'])], wireEvents, report),
  )
  if (funnel.breakdown !== undefined) checkBreakdown(funnel.breakdown, steps, [...path, 'funnel', 'breakdown'], wireEvents, report)
  return {
    kind: 'funnel',
    ...common,
    steps,
    window: funnel.window ?? { interval: 14, unit: 'day' },
    order: funnel.order ?? 'ordered',
    ...(funnel.breakdown !== undefined ? { breakdown: funnel.breakdown } : {}),
  }
}

function checkSeries(raw: RawSeries, path: PathSegment[], wireEvents: ReadonlyMap<string, WireEvent>, report: Reporter): InsightSeries {
  const eventPath = path[path.length - 1] === 'event' ? path : [...path, 'event']
  const seriesPath = path[path.length - 1] === 'event' ? path.slice(0, -1) : path
  const wire = wireEvents.get(raw.event)
  if (!wire) {
    const span = wireEvents.get(`${raw.event}.stop`)
    const hint = span
      ? `"${raw.event}" is a span: chart "${raw.event}.start", "${raw.event}.stop" or "${raw.event}.exception"`
      : nearHint(raw.event, wireEvents.keys(), 'declare the event, or chart one that is declared')
    report('unknown-dashboard-event', eventPath, `The dashboard charts "${raw.event}", which is not a declared wire event.`, hint)
  }
  const math = raw.math ?? 'total'
  if (PROPERTY_MATHS.has(math)) {
    if (raw.property === undefined) {
      report(
        'missing-field',
        [...seriesPath, 'math'],
        `The series of "${raw.event}" takes the ${math} of a property but names none.`,
        'add "property": the numeric property to aggregate',
      )
    } else if (wire) {
      const schema = declared(wire, raw.property)
      if (!schema) reportProperty(raw.property, wire, [...seriesPath, 'property'], report)
      else if (!isNumeric(schema)) {
        report(
          'unknown-dashboard-property',
          [...seriesPath, 'property'],
          `The series of "${raw.event}" takes the ${math} of "${raw.property}", which is not a number.`,
          'aggregate a property of type number or integer, or use math "total"',
        )
      }
    }
  } else if (raw.property !== undefined) {
    report(
      'invalid-value',
      [...seriesPath, 'property'],
      `The series of "${raw.event}" names a property, which only an aggregate math (avg, sum, min, max, median, p75–p99) uses.`,
      'remove "property", or set "math"',
    )
  }
  for (const [key, value] of Object.entries(raw.where ?? {})) {
    if (!wire) continue
    const schema = declared(wire, key)
    if (!schema) reportProperty(key, wire, [...seriesPath, 'where', key], report)
    else if (schema !== true) checkFilterValue(key, value, schema, [...seriesPath, 'where', key], report)
  }
  return {
    event: raw.event,
    ...(raw.label !== undefined ? { label: raw.label } : {}),
    math,
    ...(raw.property !== undefined ? { property: raw.property } : {}),
    where: raw.where ?? {},
  }
}

function checkBreakdown(property: string, series: InsightSeries[], path: PathSegment[], wireEvents: ReadonlyMap<string, WireEvent>, report: Reporter): void {
  for (const s of series) {
    const wire = wireEvents.get(s.event)
    if (wire && !declared(wire, property)) {
      reportProperty(property, wire, path, report)
      return
    }
  }
}

/** A declared property of the wire event, or a PostHog property (`$browser`, `$current_url` …), which PostHog itself sets. */
function declared(wire: WireEvent, property: string): PropertySchema | true | undefined {
  if (property.startsWith('$')) return true
  return Object.hasOwn(wire.properties, property) ? wire.properties[property] : undefined
}

/** A filter value the property can never take would chart nothing: an enum miss or the wrong type. */
function checkFilterValue(key: string, value: string | number | boolean, schema: PropertySchema, path: PathSegment[], report: Reporter): void {
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    const strings = schema.enum.filter((v): v is string => typeof v === 'string')
    const hint =
      typeof value === 'string'
        ? nearHint(value, strings, `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`)
        : `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`
    report(
      'invalid-value',
      path,
      `The filter ${key} = ${JSON.stringify(value)} matches no event: "${key}" is one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}.`,
      hint,
    )
    return
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  const kind = typeof value === 'number' ? (Number.isInteger(value) ? ['number', 'integer'] : ['number']) : [typeof value]
  if (types.length > 0 && !types.some((t) => kind.includes(t))) {
    report(
      'invalid-value',
      path,
      `The filter ${key} = ${JSON.stringify(value)} matches no event: "${key}" is of type ${types.join(' or ')}.`,
      `compare it with a ${types[0]}`,
    )
  }
}

function isNumeric(schema: PropertySchema | true): boolean {
  if (schema === true) return true
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]
  return types.length > 0 && types.every((t) => NUMERIC.has(t) || t === 'null')
}

function reportProperty(property: string, wire: WireEvent, path: PathSegment[], report: Reporter): void {
  report(
    'unknown-dashboard-property',
    path,
    `The dashboard uses the property "${property}", which "${wire.name}" does not declare.`,
    nearHint(property, Object.keys(wire.properties), `declare it on "${wire.event.name}"`),
  )
}

function nearHint(name: string, candidates: Iterable<string>, otherwise: string): string {
  const near = nearestNames(name, [...candidates], (n) => n.toLowerCase())
  return near.length > 0 ? `did you mean "${near[0]}"?` : otherwise
}
