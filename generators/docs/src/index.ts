/**
 * The docs generator: markdown pages for people who read about the telemetry rather than the code
 * (an index, a page per category, a privacy page, a dashboards page when the catalog has dashboards) and, with `site: true`, a VitePress config that makes
 * them a searchable static site. Pure: `(catalog, options) => GeneratedFile[]`, same bytes every time.
 */
import type { Catalog, EventHistoryEntry, GeneratedFile } from '@herald/core'
import { categoryPage } from './category-page.js'
import { dashboardsPage } from './dashboards-page.js'
import { indexPage } from './index-page.js'
import { buildPageMap } from './page-map.js'
import { privacyPage } from './privacy-page.js'
import { siteConfig } from './site-config.js'

export interface DocsOptions {
  /** Also write `.vitepress/config.mts`, so `vitepress build <out>` builds the site. */
  site?: boolean
  /**
   * Each event's history (added in, changed in, deprecated in), by event name: `herald docs --base` reads it from
   * the catalog's git history. Without it the pages show none.
   */
  history?: ReadonlyMap<string, readonly EventHistoryEntry[]>
}

export function generate(catalog: Catalog, options: DocsOptions = {}): GeneratedFile[] {
  const map = buildPageMap(catalog)
  return [
    indexPage(catalog, map),
    privacyPage(catalog, map),
    ...map.categories.map((page) => categoryPage(catalog, map, page, options.history)),
    ...(catalog.dashboards.length > 0 ? [dashboardsPage(catalog, map)] : []),
    ...(options.site ? [siteConfig(catalog, map)] : []),
  ]
}
