/**
 * The dashboards page: each dashboard of the catalog's `dashboards` section, its insights, and the events each
 * insight reads, linked to their entries. It is what `herald posthog push` creates in PostHog, written for a
 * reader who wants to know which events a chart depends on before changing one.
 */
import type { Catalog, Dashboard, GeneratedFile, Insight, InsightSeries } from '@herald/core'
import { markdownCode, markdownParagraphs, markdownText } from './markdown-text.js'
import { markdownPage, markdownTable } from './page.js'
import { DASHBOARDS_PATH, type PageMap, relativeLink } from './page-map.js'

export function dashboardsPage(catalog: Catalog, map: PageMap): GeneratedFile {
  const eventOf = wireEventLinks(catalog, map)
  return markdownPage(catalog, DASHBOARDS_PATH, [
    '# Dashboards',
    'The dashboards this catalog declares, each chart built only from declared events and properties. ' +
      '`herald posthog push` creates them in PostHog, and updates them on the next push. ' +
      'Before removing or renaming an event, check here which charts read it.',
    ...catalog.dashboards.flatMap((dashboard) => dashboardBlocks(dashboard, eventOf)),
  ])
}

function dashboardBlocks(dashboard: Dashboard, eventOf: (wireName: string) => string): string[] {
  const events = [...new Set(dashboard.insights.flatMap((insight) => seriesOf(insight).map((series) => series.event)))]
  return [
    `## ${markdownText(dashboard.name)}`,
    dashboard.description !== undefined ? markdownParagraphs(dashboard.description) : '',
    dashboard.tags.length > 0 ? `Tags: ${dashboard.tags.map(markdownCode).join(', ')}` : '',
    `Events used: ${events.map(eventOf).join(', ')}`,
    ...dashboard.insights.flatMap((insight) => insightBlocks(insight, eventOf)),
  ]
}

function insightBlocks(insight: Insight, eventOf: (wireName: string) => string): string[] {
  const facts =
    insight.kind === 'trends'
      ? [`**Trend**, by ${insight.interval}`, `shown as ${insight.display}`, `over ${markdownCode(insight.dateRange)}`]
      : [
          `**Funnel**, ${insight.order}`,
          `converting within ${insight.window.interval} ${insight.window.unit}${insight.window.interval === 1 ? '' : 's'}`,
          `over ${markdownCode(insight.dateRange)}`,
        ]
  if (insight.breakdown !== undefined) facts.push(`broken down by ${markdownCode(insight.breakdown)}`)
  // A funnel counts people through its steps: a step has no measure of its own.
  const trends = insight.kind === 'trends'
  const rows = seriesOf(insight).map((series, index) => [
    series.label !== undefined ? markdownText(series.label) : String(index + 1),
    eventOf(series.event),
    ...(trends ? [measure(series)] : []),
    filter(series),
  ])
  return [
    `### ${markdownText(insight.name)}`,
    insight.description !== undefined ? markdownParagraphs(insight.description) : '',
    facts.join(' · '),
    markdownTable(trends ? ['Series', 'Event', 'Measure', 'Filter'] : ['Step', 'Event', 'Filter'], rows),
  ]
}

function seriesOf(insight: Insight): InsightSeries[] {
  return insight.kind === 'trends' ? insight.series : insight.steps
}

const MATH_WORDS: Record<string, string> = {
  total: 'total count',
  unique_users: 'unique users',
  weekly_active: 'weekly active users',
  monthly_active: 'monthly active users',
  unique_sessions: 'unique sessions',
  first_time_for_user: 'first time for a user',
}

function measure(series: InsightSeries): string {
  const words = MATH_WORDS[series.math]
  if (words !== undefined) return words
  return series.property !== undefined ? `${series.math} of ${markdownCode(series.property)}` : series.math
}

function filter(series: InsightSeries): string {
  return Object.entries(series.where)
    .map(([key, value]) => `${markdownCode(key)} = ${markdownCode(JSON.stringify(value))}`)
    .join(', ')
}

/** A wire event's name as a link to the entry of the declared event it belongs to (a span's three wire events link to the span). */
function wireEventLinks(catalog: Catalog, map: PageMap): (wireName: string) => string {
  const owner = new Map(catalog.wireEvents.map((wire) => [wire.name, wire.event.name]))
  return (wireName) => {
    const located = map.locate(owner.get(wireName) ?? wireName)
    const code = markdownCode(wireName)
    return located === undefined ? code : `[${code}](${relativeLink(DASHBOARDS_PATH, located.page.path, located.anchor)})`
  }
}
