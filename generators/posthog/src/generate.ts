/**
 * The PostHog generator: `dashboards/<id>.json` per dashboard (what `herald posthog push` sends, and what a team
 * can import by hand) and `definitions.json` (event and property definitions).
 */
import { type Catalog, type GeneratedFile, generatedNotice } from '@herald/core'
import { dashboardPlan } from './dashboards.js'
import { definitionsPlan } from './definitions.js'

export interface PostHogOptions {
  /** Also write definitions.json (default true). */
  definitions?: boolean
}

export function generate(catalog: Catalog, options: PostHogOptions = {}): GeneratedFile[] {
  const $comment = generatedNotice(catalog)
  const files: GeneratedFile[] = dashboardPlan(catalog).map((plan) => ({
    path: `dashboards/${plan.id}.json`,
    content: json({ $comment, ...plan }),
  }))
  if (options.definitions !== false) files.push({ path: 'definitions.json', content: json({ $comment, ...definitionsPlan(catalog) }) })
  return files
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
