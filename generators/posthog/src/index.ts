export { generate, type PostHogOptions } from './generate.js'
export { dashboardPlan, type DashboardPlan, type InsightPlan, insightQuery, dashboardTag, insightTag } from './dashboards.js'
export { definitionsPlan, type DefinitionsPlan, type EventDefinitionPlan, type PropertyDefinitionPlan } from './definitions.js'
