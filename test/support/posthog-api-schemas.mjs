// @ts-nocheck
/**
 * PostHog's own zod schemas for dashboards, insights, insight queries and event/property definitions, copied
 * verbatim from @posthog/agent-toolkit 0.2.4 (dist/tools.mjs; MIT, Copyright (c) 2020-2025 PostHog Inc.).
 * Vendored rather than installed: the package's runtime dependencies (ai, agents, the MCP SDK, posthog-node 4)
 * are far heavier than the few hundred lines the tests need. Only `export` lines were added at the end.
 */
import { z } from 'zod'

var ApiPropertyDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  is_numerical: z.boolean().nullish(),
  updated_at: z.string().nullish(),
  updated_by: z.any().nullish(),
  is_seen_on_filtered_events: z.boolean().nullish(),
  property_type: z.enum(["String", "Numeric", "Boolean", "DateTime"]).nullish(),
  verified: z.boolean().nullish(),
  verified_at: z.string().nullish(),
  verified_by: z.any().nullish(),
  hidden: z.boolean().nullish(),
  tags: z.array(z.string()).nullish()
});
var ApiEventDefinitionSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  owner: z.string().nullish(),
  description: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  updated_by: z.any().nullish(),
  last_seen_at: z.string().nullish(),
  verified: z.boolean().nullish(),
  verified_at: z.string().nullish(),
  verified_by: z.any().nullish(),
  hidden: z.boolean().nullish(),
  is_action: z.boolean().nullish(),
  post_to_slack: z.boolean().nullish(),
  default_columns: z.array(z.string().nullish()).nullish(),
  tags: z.array(z.string().nullish()).nullish()
});

var CreateDashboardInputSchema = z.object({
  name: z.string().min(1, "Dashboard name is required"),
  description: z.string().optional(),
  pinned: z.boolean().optional(),
  tags: z.array(z.string()).optional()
});
var UpdateDashboardInputSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  pinned: z.boolean().optional(),
  tags: z.array(z.string()).optional()
});

var CreateInsightInputSchema = z.object({
  name: z.string(),
  query: z.object({
    kind: z.union([z.literal("InsightVizNode"), z.literal("DataVisualizationNode")]),
    source: z.any().describe(
      "For new insights, use the query from your successful query-run tool call. For updates, the existing query can optionally be reused."
    )
    // NOTE: This is intentionally z.any() to avoid populating the context with the complicated query schema, but we prompt the LLM to use 'query-run' to check queries, before creating insights.
  }),
  description: z.string().optional(),
  favorited: z.boolean(),
  tags: z.array(z.string()).optional()
});
var UpdateInsightInputSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  filters: z.record(z.any()).optional(),
  query: z.object({
    kind: z.union([z.literal("InsightVizNode"), z.literal("DataVisualizationNode")]),
    source: z.any().describe(
      "For new insights, use the query from your successful query-run tool call. For updates, the existing query can optionally be reused"
    )
    // NOTE: This is intentionally z.any() to avoid populating the context with the complicated query schema, and to allow the LLM to make a change to an existing insight whose schema we do not support in our simplified subset of the full insight schema.
  }),
  favorited: z.boolean().optional(),
  dashboard: z.number().optional(),
  tags: z.array(z.string()).optional()
});

var IntervalType = z.enum(["hour", "day", "week", "month"]);
var ChartDisplayType = z.enum([
  "ActionsLineGraph",
  "ActionsTable",
  "ActionsPie",
  "ActionsBar",
  "ActionsBarValue",
  "WorldMap",
  "BoldNumber"
]);
var BreakdownType = z.enum(["person", "event"]);
var FunnelVizType = z.enum(["steps", "time_to_convert", "trends"]);
var FunnelOrderType = z.enum(["ordered", "unordered", "strict"]);
var FunnelStepReference = z.enum(["total", "previous"]);
var BreakdownAttributionType = z.enum(["first_touch", "last_touch", "all_events"]);
var FunnelLayout = z.enum(["horizontal", "vertical"]);
var FunnelConversionWindowTimeUnit = z.enum(["minute", "hour", "day", "week", "month"]);
var DateRange = z.object({
  date_from: z.string().nullable().optional(),
  date_to: z.string().nullable().optional(),
  explicitDate: z.boolean().optional()
});
var PropertyFilter = z.object({
  key: z.string(),
  value: z.union([z.string(), z.number(), z.array(z.string()), z.array(z.number())]).nullable().optional(),
  operator: z.string().optional(),
  type: z.string().optional()
});
var PropertyGroupFilter = z.object({
  type: z.enum(["AND", "OR"]),
  values: z.array(PropertyFilter)
});
var AnyPropertyFilter = z.union([PropertyFilter, PropertyGroupFilter]);
z.object({
  variableId: z.string(),
  code_name: z.string(),
  value: z.any().optional(),
  isNull: z.boolean().optional()
});
var HogQLFilters = z.object({
  properties: z.array(AnyPropertyFilter).optional(),
  dateRange: DateRange.optional(),
  filterTestAccounts: z.boolean().optional()
});
var BaseMathType = z.enum([
  "total",
  "dau",
  "weekly_active",
  "monthly_active",
  "unique_session",
  "first_time_for_user",
  "first_matching_event_for_user"
]);
var PropertyMathType = z.enum(["avg", "sum", "min", "max", "median", "p75", "p90", "p95", "p99"]);
var MathType = z.union([BaseMathType, PropertyMathType]);
var PROPERTY_MATH_TYPES = ["avg", "sum", "min", "max", "median", "p75", "p90", "p95", "p99"];
var BaseEntityObject = z.object({
  custom_name: z.string().describe("A display name"),
  math: MathType.optional(),
  math_property: z.string().optional(),
  properties: z.union([z.array(AnyPropertyFilter), PropertyGroupFilter]).optional()
});
var EventsNode = BaseEntityObject.extend({
  kind: z.literal("EventsNode"),
  event: z.string().optional(),
  limit: z.number().optional()
}).refine(
  (data) => {
    if (PROPERTY_MATH_TYPES.includes(data.math || "")) {
      return !!data.math_property;
    }
    return true;
  },
  {
    message: `math_property is required for ${PROPERTY_MATH_TYPES.join(", ")} math types`
  }
);
var AnyEntityNode = EventsNode;
var InsightsQueryBase = z.object({
  dateRange: DateRange.optional(),
  filterTestAccounts: z.boolean().optional().default(false),
  properties: z.union([z.array(AnyPropertyFilter), PropertyGroupFilter]).optional().default([])
});
var BreakdownFilter = z.object({
  breakdown_type: BreakdownType.nullable().optional().default("event"),
  breakdown_limit: z.number().optional(),
  breakdown: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullable().optional()
});
var CompareFilter = z.object({
  compare: z.boolean().optional().default(false),
  compare_to: z.string().optional()
});
var TrendsFilter = z.object({
  display: ChartDisplayType.optional().default("ActionsLineGraph"),
  showLegend: z.boolean().optional().default(false)
});
var TrendsQuerySchema = InsightsQueryBase.extend({
  kind: z.literal("TrendsQuery"),
  interval: IntervalType.optional().default("day"),
  series: z.array(AnyEntityNode),
  trendsFilter: TrendsFilter.optional(),
  breakdownFilter: BreakdownFilter.optional(),
  compareFilter: CompareFilter.optional(),
  conversionGoal: z.any().nullable().optional()
});
var HogQLQuerySchema = z.object({
  kind: z.literal("HogQLQuery"),
  query: z.string(),
  filters: HogQLFilters.optional()
});
var FunnelsFilter = z.object({
  layout: FunnelLayout.optional(),
  breakdownAttributionType: BreakdownAttributionType.optional(),
  breakdownAttributionValue: z.number().optional(),
  funnelToStep: z.number().optional(),
  funnelFromStep: z.number().optional(),
  funnelOrderType: FunnelOrderType.optional(),
  funnelVizType: FunnelVizType.optional(),
  funnelWindowInterval: z.number().optional().default(14),
  funnelWindowIntervalUnit: FunnelConversionWindowTimeUnit.optional().default("day"),
  funnelStepReference: FunnelStepReference.optional()
});
var FunnelsQuerySchema = InsightsQueryBase.extend({
  kind: z.literal("FunnelsQuery"),
  interval: IntervalType.optional(),
  series: z.array(AnyEntityNode).min(2, "At least two steps are required for a funnel"),
  funnelsFilter: FunnelsFilter.optional(),
  breakdownFilter: BreakdownFilter.optional()
});
var InsightVizNodeSchema = z.object({
  kind: z.literal("InsightVizNode"),
  source: z.discriminatedUnion("kind", [TrendsQuerySchema, FunnelsQuerySchema])
});
var DataVisualizationNodeSchema = z.object({
  kind: z.literal("DataVisualizationNode"),
  source: HogQLQuerySchema
});
var InsightQuerySchema = z.discriminatedUnion("kind", [InsightVizNodeSchema, DataVisualizationNodeSchema]);

export { ApiEventDefinitionSchema, ApiPropertyDefinitionSchema, CreateDashboardInputSchema, CreateInsightInputSchema, FunnelsQuerySchema, InsightVizNodeSchema, TrendsQuerySchema, UpdateDashboardInputSchema, UpdateInsightInputSchema }
