/** The landing page: the catalog's title, version and counts, and a table of its categories and their events. */
import type { Catalog, GeneratedFile } from '@herald/core'
import { markdownCode, markdownParagraphs, markdownText } from './markdown-text.js'
import { markdownPage, markdownTable } from './page.js'
import { categoryTitle, DASHBOARDS_PATH, INDEX_PATH, type PageMap, PRIVACY_PATH, relativeLink } from './page-map.js'

export function indexPage(catalog: Catalog, map: PageMap): GeneratedFile {
  const spans = catalog.events.filter((event) => event.kind === 'span').length
  const deprecated = catalog.events.filter((event) => event.deprecated).length
  const counts = [
    catalog.version !== undefined ? `**Version** ${markdownText(catalog.version)}` : undefined,
    `**${count(catalog.events.length, 'event')}** (${count(spans, 'span')}, ${count(catalog.events.length - spans, 'signal')})`,
    `**${count(catalog.wireEvents.length, 'wire event')}**`,
    `**${count(Object.keys(catalog.categories).length, 'category', 'categories')}**`,
    deprecated > 0 ? `**${deprecated} deprecated**` : undefined,
  ].filter((part) => part !== undefined)

  const rows = map.categories.map((page) => [
    `[${markdownText(categoryTitle(page))}](${relativeLink(INDEX_PATH, page.path)})`,
    markdownText(page.description ?? ''),
    page.events.length === 0
      ? 'none yet'
      : page.events
          .map((event) => {
            const link = `[${markdownCode(event.name)}](${relativeLink(INDEX_PATH, page.path, map.locate(event.name)!.anchor)})`
            return event.deprecated ? `${link} (deprecated)` : link
          })
          .join(', '),
  ])

  return markdownPage(catalog, INDEX_PATH, [
    `# ${markdownText(catalog.title ?? 'Telemetry events')}`,
    counts.join(' · '),
    catalog.description !== undefined ? markdownParagraphs(catalog.description) : '',
    'These pages list every event the application may send and every property an event may carry. ' +
      'Nothing outside this catalog is sent: undeclared properties are dropped before an event leaves the process. ' +
      `How personal data is protected, how long events are kept and how to opt out: [Privacy](${relativeLink(INDEX_PATH, PRIVACY_PATH)}).` +
      (catalog.dashboards.length > 0 ? ` The charts built from these events: [Dashboards](${relativeLink(INDEX_PATH, DASHBOARDS_PATH)}).` : ''),
    '## Categories',
    rows.length > 0 ? markdownTable(['Category', 'Description', 'Events'], rows) : 'The catalog declares no events yet.',
  ])
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`
}
