import { fileURLToPath } from 'node:url'
import { type Catalog, loadCatalogSync, parseCatalog } from '@herald/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
// PostHog's own zod schemas (vendored from @posthog/agent-toolkit; see the file's header).
import {
  ApiEventDefinitionSchema,
  ApiPropertyDefinitionSchema,
  CreateDashboardInputSchema,
  CreateInsightInputSchema,
  InsightVizNodeSchema,
} from '../../../test/support/posthog-api-schemas.mjs'
import { unknownKeys } from '../../../test/support/posthog-api-server.js'
import { dashboardPlan, definitionsPlan, generate, insightQuery } from './index.js'

const EXAMPLE = fileURLToPath(new URL('../../../schema/events.catalog.json', import.meta.url))

function example(): Catalog {
  const result = loadCatalogSync(EXAMPLE)
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
  return result.catalog
}

function expectValid(schema: { parse(value: unknown): unknown }, value: unknown): void {
  const parsed = schema.parse(value)
  expect(unknownKeys(value, parsed)).toEqual([])
}

describe('PostHog dashboards', () => {
  it("turns the example catalog's dashboard into queries that PostHog's schemas accept, key for key", () => {
    const [plan, ...rest] = dashboardPlan(example())
    expect(rest).toEqual([])
    expect(plan!.tag).toBe('herald:identity-overview')
    expectValid(CreateDashboardInputSchema, plan!.dashboard)
    expect(plan!.insights.map((i) => i.query.source.kind)).toEqual(['TrendsQuery', 'FunnelsQuery', 'FunnelsQuery', 'TrendsQuery'])
    for (const insight of plan!.insights) {
      expectValid(InsightVizNodeSchema, insight.query)
      expectValid(CreateInsightInputSchema, {
        name: insight.name,
        description: insight.description,
        tags: insight.tags,
        query: insight.query,
        favorited: false,
      })
    }
  })

  it('maps series, filters, breakdowns and windows as PostHog names them', () => {
    const [plan] = dashboardPlan(example())
    const funnel = plan!.insights[2]!.query.source
    expect(funnel).toMatchObject({
      kind: 'FunnelsQuery',
      breakdownFilter: { breakdown_type: 'event', breakdown: 'method' },
      funnelsFilter: { funnelWindowInterval: 1, funnelWindowIntervalUnit: 'hour', funnelOrderType: 'ordered', funnelVizType: 'steps' },
      series: [
        { kind: 'EventsNode', event: 'auth.login.start', custom_name: 'Login started', math: 'total' },
        { event: 'auth.login.stop', properties: [{ key: 'success', value: 'true', operator: 'exact', type: 'event' }] },
      ],
    })
    const providers = plan!.insights[3]!.query.source
    expect(providers).toMatchObject({ kind: 'TrendsQuery', trendsFilter: { display: 'ActionsTable' }, series: [{ math: 'dau' }] })
  })

  it('keeps insight tags unique and stable when two insights share a name', () => {
    const catalog = parse({
      events: { 'a.b': { properties: { n: { type: 'number' } } } },
      dashboards: {
        d: {
          name: 'D',
          insights: [
            { name: 'Same', trends: { series: [{ event: 'a.b' }] } },
            { name: 'Same', trends: { series: [{ event: 'a.b', math: 'p90', property: 'n' }] } },
          ],
        },
      },
    })
    const [plan] = dashboardPlan(catalog)
    expect(plan!.insights.map((i) => i.tag)).toEqual(['herald:d/same', 'herald:d/same-2'])
    expect(plan!.insights[1]!.query.source.series[0]).toMatchObject({ math: 'p90', math_property: 'n' })
  })

  it('accepts every combination of math, display, interval and window that the catalog allows (fast-check)', () => {
    const maths = [
      'total',
      'unique_users',
      'weekly_active',
      'monthly_active',
      'unique_sessions',
      'first_time_for_user',
      'avg',
      'sum',
      'min',
      'max',
      'median',
      'p75',
      'p90',
      'p95',
      'p99',
    ] as const
    fc.assert(
      fc.property(
        fc.constantFrom(...maths),
        fc.constantFrom('line', 'bar', 'table', 'pie', 'number'),
        fc.constantFrom('hour', 'day', 'week', 'month'),
        fc.constantFrom('minute', 'hour', 'day', 'week', 'month'),
        fc.constantFrom('ordered', 'strict', 'unordered'),
        fc.constantFrom('-24h', '-7d', '-12m', 'all'),
        fc.boolean(),
        (math, display, interval, unit, order, dateRange, breakdown) => {
          const catalog = parse({
            events: {
              'a.b': { properties: { n: { type: 'integer' }, k: { enum: ['x', 'y'] } } },
              'c.d': { properties: { n: { type: 'number' }, k: { type: 'string' } } },
            },
            dashboards: {
              d: {
                name: 'D',
                insights: [
                  {
                    name: 'T',
                    dateRange,
                    trends: {
                      series: [{ event: 'a.b', math, ...(math.length <= 6 && /^(avg|sum|min|max|median|p\d\d)$/.test(math) ? { property: 'n' } : {}) }],
                      display,
                      interval,
                      ...(breakdown ? { breakdown: 'k' } : {}),
                    },
                  },
                  {
                    name: 'F',
                    dateRange,
                    funnel: {
                      steps: ['a.b', { event: 'c.d', where: { k: 'x' } }],
                      window: { interval: 3, unit },
                      order,
                      ...(breakdown ? { breakdown: '$browser' } : {}),
                    },
                  },
                ],
              },
            },
          })
          for (const insight of dashboardPlan(catalog)[0]!.insights) expectValid(InsightVizNodeSchema, insight.query)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('writes one file per dashboard and the definitions, deterministically', () => {
    const catalog = example()
    const files = generate(catalog)
    expect(files.map((f) => f.path)).toEqual(['dashboards/identity-overview.json', 'definitions.json'])
    expect(generate(catalog)).toEqual(files)
    expect(JSON.parse(files[0]!.content).insights[0].query).toEqual(insightQuery(catalog.dashboards[0]!.insights[0]!))
    expect(generate(catalog, { definitions: false }).map((f) => f.path)).toEqual(['dashboards/identity-overview.json'])
  })
})

describe('PostHog definitions', () => {
  it('describes every wire event and declared property in the shapes PostHog returns', () => {
    const plan = definitionsPlan(example())
    expect(plan.events).toHaveLength(76)
    const stop = plan.events.find((e) => e.name === 'auth.login.stop')!
    expect(stop.description).toContain('End of the span auth.login')
    expect(stop.tags).toEqual(['herald', 'auth', 'owner:identity'])
    for (const event of plan.events) expectValid(ApiEventDefinitionSchema.omit({ id: true }), event)
    for (const property of plan.properties) expectValid(ApiPropertyDefinitionSchema.omit({ id: true }), property)
    const ip = plan.properties.find((p) => p.name === 'ip')!
    expect(ip).toMatchObject({ property_type: 'String', tags: ['herald', 'pii:personal', 'hashed'] })
    expect(plan.properties.find((p) => p.name === 'duration_ms')).toMatchObject({ property_type: 'Numeric' })
    expect(plan.properties.find((p) => p.name === 'success')).toMatchObject({ property_type: 'Boolean' })
  })

  it('marks a deprecated event and names its replacement', () => {
    const catalog = parse({ events: { 'a.old': { deprecated: { since: '1.2.0', renamedTo: 'a.new', reason: 'Renamed.' } }, 'a.new': {} } })
    const old = definitionsPlan(catalog).events.find((e) => e.name === 'a.old')!
    expect(old).toEqual({ name: 'a.old', description: 'Deprecated since 1.2.0. Renamed. Use a.new instead.', tags: ['herald', 'deprecated'], verified: false })
  })
})

function parse(value: unknown): Catalog {
  const result = parseCatalog(JSON.stringify(value), 'test.catalog.json')
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'))
  return result.catalog
}
