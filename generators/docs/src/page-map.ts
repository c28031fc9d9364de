/**
 * Where everything lives in the generated docs: one page per category, and an anchor per event.
 * Paths and anchors are derived from names but never contain them raw, so a name cannot break a link,
 * a file name or a case-insensitive file system; collisions get a numeric suffix, in catalog order.
 */
import type { Catalog, CatalogEvent } from '@herald/core'

export interface CategoryPage {
  /** The category's name; undefined for the page of events without a category. */
  name?: string
  description?: string
  requiredProperties: string[]
  countsAndDurationsOnly: boolean
  /** Relative to the output directory, e.g. `categories/auth.md`. */
  path: string
  events: CatalogEvent[]
}

export interface PageMap {
  categories: CategoryPage[]
  /** Lookup: event name → its page and anchor. */
  locate(eventName: string): { page: CategoryPage; anchor: string } | undefined
}

export const INDEX_PATH = 'index.md'
export const PRIVACY_PATH = 'privacy.md'
export const DASHBOARDS_PATH = 'dashboards.md'
const CATEGORY_DIR = 'categories'
const UNCATEGORIZED = 'uncategorized'
/**
 * VitePress collapses `--` when it slugifies headings, so an anchor with `--` can never equal the id
 * VitePress gives a heading on the same page.
 */
const ANCHOR_PREFIX = 'event--'

export function buildPageMap(catalog: Catalog): PageMap {
  const slugs = new UniqueNames()
  const byCategory = new Map<string, CatalogEvent[]>()
  const uncategorized: CatalogEvent[] = []
  for (const event of catalog.events) {
    if (event.category === undefined || !(event.category in catalog.categories)) uncategorized.push(event)
    else byCategory.set(event.category, [...(byCategory.get(event.category) ?? []), event])
  }

  const categories: CategoryPage[] = Object.values(catalog.categories).map((category) => ({
    name: category.name,
    ...(category.description !== undefined ? { description: category.description } : {}),
    requiredProperties: category.requiredProperties,
    countsAndDurationsOnly: category.countsAndDurationsOnly,
    path: `${CATEGORY_DIR}/${slugs.claim(slugify(category.name) || 'category')}.md`,
    events: byCategory.get(category.name) ?? [],
  }))
  if (uncategorized.length > 0) {
    categories.push({
      requiredProperties: [],
      countsAndDurationsOnly: false,
      path: `${CATEGORY_DIR}/${slugs.claim(UNCATEGORIZED)}.md`,
      events: uncategorized,
    })
  }

  const anchors = new UniqueNames()
  const located = new Map<string, { page: CategoryPage; anchor: string }>()
  for (const page of categories) {
    for (const event of page.events) {
      located.set(event.name, { page, anchor: anchors.claim(`${ANCHOR_PREFIX}${slugify(event.name) || 'event'}`) })
    }
  }
  return { categories, locate: (name) => located.get(name) }
}

/** The title a reader sees for a category page. */
export function categoryTitle(page: CategoryPage): string {
  return page.name ?? 'Other events'
}

/** A relative link from one generated page to another (both relative to the output directory). */
export function relativeLink(from: string, to: string, anchor?: string): string {
  const fromDirs = from.split('/').slice(0, -1)
  const toParts = to.split('/')
  let common = 0
  while (common < fromDirs.length && common < toParts.length - 1 && fromDirs[common] === toParts[common]) common++
  const up = fromDirs.slice(common).map(() => '..')
  const rest = toParts.slice(common)
  const path = [...(up.length > 0 ? up : ['.']), ...rest].join('/')
  return anchor ? `${path}#${anchor}` : path
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** Hands out names once each, case-insensitively (`Auth` and `auth` must not share a file on macOS). */
class UniqueNames {
  private readonly taken = new Set<string>()

  claim(wanted: string): string {
    let name = wanted
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) name = `${wanted}-${n}`
    this.taken.add(name.toLowerCase())
    return name
  }
}
