/**
 * `.vitepress/config.mts` for a VitePress site over the generated pages: a sidebar by category, local
 * search, and nothing the user has to write. The config is one JSON literal (catalog text is data, never
 * code), and it imports nothing at run time, so `vitepress build DIR` works wherever DIR is.
 *
 * Catalog text meets three VitePress hazards here:
 * - the theme renders sidebar labels with `v-html`: they are HTML-escaped;
 * - VitePress's build writes `description` into a `<meta>` attribute without escaping it, unless `head`
 *   has a description of its own, whose attributes it does escape: the description goes in both (the
 *   browser side sets it with `setAttribute`, which is safe);
 * - VitePress inlines the site data (title, sidebar) into a `<script>` of every page unless `metaChunk`
 *   is on, and a `</script>` in the title would end that script: `metaChunk` puts it in a file.
 */
import { type Catalog, type GeneratedFile, generatedHeader } from '@herald/core'
import { htmlText } from './markdown-text.js'
import { categoryTitle, type PageMap } from './page-map.js'

export const SITE_CONFIG_PATH = '.vitepress/config.mts'

interface SidebarItem {
  text: string
  link?: string
  collapsed?: boolean
  items?: SidebarItem[]
}

export function siteConfig(catalog: Catalog, map: PageMap): GeneratedFile {
  const sidebar: SidebarItem[] = [
    {
      text: 'Catalog',
      items: [
        { text: 'Overview', link: '/' },
        { text: 'Privacy', link: '/privacy' },
        ...(catalog.dashboards.length > 0 ? [{ text: 'Dashboards', link: '/dashboards' }] : []),
      ],
    },
    ...map.categories.map((page) => ({
      text: htmlText(categoryTitle(page)),
      link: pageLink(page.path),
      collapsed: true,
      items: page.events.map((event) => ({
        text: htmlText(event.name),
        link: `${pageLink(page.path)}#${map.locate(event.name)!.anchor}`,
      })),
    })),
  ]
  const config = {
    title: catalog.title ?? 'Telemetry events',
    ...(catalog.description !== undefined ? { description: catalog.description } : {}),
    lang: 'en-US',
    metaChunk: true,
    head: catalog.description !== undefined ? [['meta', { name: 'description', content: catalog.description }]] : [],
    themeConfig: {
      search: { provider: 'local' },
      sidebar,
      // No outline column: the sidebar already lists each category's events, and the properties
      // tables (six columns) need the width.
      aside: false,
      docFooter: { prev: false, next: false },
    },
  }
  const content =
    `${generatedHeader(catalog, 'line-comment')}` +
    `import type { UserConfig } from 'vitepress'\n\n` +
    `const config: UserConfig = ${jsonLiteral(config)}\n\n` +
    `export default config\n`
  return { path: SITE_CONFIG_PATH, content }
}

/** `categories/auth.md` → `/categories/auth` (VitePress links are absolute from the site root, without `.md`). */
function pageLink(path: string): string {
  return `/${path.replace(/\.md$/, '')}`
}

/**
 * JSON is valid TypeScript. `<` is written as `\u003c` so the file never holds `</script>` or `<!--`,
 * and U+2028/U+2029 escaped so tools that predate ES2019 read the strings as one line.
 */
function jsonLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
