/** One page per category: every event with its facts, wire events, deprecation, properties and an example call. */
import type { Catalog, CatalogEvent, EventHistoryEntry, GeneratedFile } from '@herald/core'
import { exampleCall } from './example-call.js'
import { markdownCode, markdownParagraphs, markdownText } from './markdown-text.js'
import { markdownPage, markdownTable } from './page.js'
import { type CategoryPage, categoryTitle, type PageMap, PRIVACY_PATH, relativeLink } from './page-map.js'
import { describeType, propertyRows } from './property-rows.js'

const PHASE_WHEN: Record<string, string> = {
  start: 'at the start',
  stop: 'on return',
  exception: 'on a throw',
}

type History = ReadonlyMap<string, readonly EventHistoryEntry[]>

export function categoryPage(catalog: Catalog, map: PageMap, page: CategoryPage, history?: History): GeneratedFile {
  const spans = page.events.filter((event) => event.kind === 'span').length
  const policy = [
    `${page.events.length} event${page.events.length === 1 ? '' : 's'}: ${spans} span${spans === 1 ? '' : 's'}, ${page.events.length - spans} signal${page.events.length - spans === 1 ? '' : 's'}.`,
    page.requiredProperties.length > 0 ? `Every event in this category carries ${page.requiredProperties.map(markdownCode).join(', ')}.` : undefined,
    page.countsAndDurationsOnly ? 'Events in this category carry counts, durations, flags and enumerated values only, never free text.' : undefined,
  ].filter((part) => part !== undefined)

  return markdownPage(catalog, page.path, [
    `# ${markdownText(categoryTitle(page))}`,
    page.description !== undefined ? markdownParagraphs(page.description) : '',
    policy.join(' '),
    'In the examples, `t` is the telemetry client the application creates with `createTelemetry` from `@herald/runtime`; ' +
      `each function is generated from this catalog. What happens to personal data: [Privacy](${relativeLink(page.path, PRIVACY_PATH)}).`,
    ...page.events.map((event) => eventSection(catalog, map, page, event, history?.get(event.name))),
  ])
}

function eventSection(catalog: Catalog, map: PageMap, page: CategoryPage, event: CatalogEvent, history: readonly EventHistoryEntry[] | undefined): string {
  const anchor = map.locate(event.name)!.anchor
  const facts = [
    `- **Kind:** ${event.kind === 'span' ? 'span, an operation with a start, a stop and an exception' : 'signal, a one-shot event'}`,
    `- **Level:** ${markdownText(event.level)}`,
    event.owner !== undefined ? `- **Owner:** ${markdownText(event.owner)}` : undefined,
    event.since !== undefined ? `- **Since:** ${markdownText(event.since)}` : undefined,
    event.changed !== undefined ? `- **Changed:** ${markdownText(event.changed)}` : undefined,
    catalog.stamps !== undefined && event.version !== undefined
      ? `- **Version on the wire:** ${markdownText(event.version)} (${markdownCode(catalog.stamps.eventVersion)}, with the catalog's in ${markdownCode(catalog.stamps.catalogVersion)})`
      : undefined,
  ].filter((line) => line !== undefined)

  return [
    // The anchor goes after the name: VitePress's search index takes a heading's title from the text
    // before its first link, and an empty title drops the section from search.
    `## ${markdownText(event.name)} <a id="${anchor}"></a>`,
    event.deprecated ? deprecationNotice(map, page, event) : '',
    event.description !== undefined ? markdownParagraphs(event.description) : '',
    facts.join('\n'),
    history !== undefined && history.length > 0 ? historyList(history) : '',
    event.kind === 'span' ? wireEventsTable(event) : '',
    '**Properties**',
    propertiesTable(event),
    '**Example**',
    codeBlock(exampleCall(event)),
  ]
    .filter((block) => block !== '')
    .join('\n\n')
}

const HISTORY_WORDS: Record<EventHistoryEntry['what'], string> = {
  present: 'Declared at the base',
  added: 'Added in',
  changed: 'Changed in',
  deprecated: 'Deprecated in',
}

/** `- Changed in 1.2.0 (commit a1b2c3d): The property "x" was added.` — one line per version that touched it. */
function historyList(history: readonly EventHistoryEntry[]): string {
  const lines = history.map((entry) => {
    const where = [
      entry.version !== undefined ? markdownText(entry.version) : undefined,
      entry.commit !== undefined ? `(commit ${markdownCode(entry.commit)})` : '(not committed yet)',
    ]
      .filter((part) => part !== undefined)
      .join(' ')
    const details = entry.details.length > 0 ? `: ${entry.details.map(markdownText).join(' ')}` : ''
    return `- ${HISTORY_WORDS[entry.what]} ${where}${details}`
  })
  return `**History**\n\n${lines.join('\n')}`
}

/** A GitHub-style alert: VitePress renders it as a warning box, and so does GitHub. */
function deprecationNotice(map: PageMap, page: CategoryPage, event: CatalogEvent): string {
  const deprecation = event.deprecated!
  const since = deprecation.since !== undefined ? ` since ${markdownText(deprecation.since)}` : ''
  const target = deprecation.renamedTo !== undefined ? map.locate(deprecation.renamedTo) : undefined
  const replacement =
    deprecation.renamedTo === undefined
      ? ''
      : target
        ? ` Use [${markdownCode(deprecation.renamedTo)}](${relativeLink(page.path, target.page.path, target.anchor)}) instead.`
        : ` Use ${markdownCode(deprecation.renamedTo)} instead.`
  const reason = deprecation.reason !== undefined ? ` ${markdownText(deprecation.reason)}` : ''
  return `> [!WARNING]\n> **Deprecated${since}.**${replacement}${reason}`
}

function wireEventsTable(event: CatalogEvent): string {
  const rows = event.wireEvents.map((wire) => {
    const added = Object.keys(wire.properties).filter((name) => !(name in event.properties))
    const adds =
      added.length === 0
        ? '—'
        : added.map((name) => `${markdownCode(name)}: ${markdownText(wire.properties[name]!.description ?? describeType(wire.properties[name]!))}`).join('; ')
    return [markdownCode(wire.name), PHASE_WHEN[wire.phase] ?? '', adds]
  })
  return `**Wire events**\n\n${markdownTable(['Wire event', 'When', 'Adds'], rows)}`
}

function propertiesTable(event: CatalogEvent): string {
  const rows = propertyRows(event.properties, event.required)
  if (rows.length === 0) return 'This event carries no properties.'
  return markdownTable(
    ['Property', 'Type', 'Required', 'PII', 'Transform', 'Description'],
    rows.map((row) => [
      markdownCode(row.path),
      markdownText(describeType(row.schema)),
      row.required ? 'yes' : 'no',
      markdownText(row.schema.pii ?? '—'),
      markdownText(row.schema.transform ?? '—'),
      markdownText(row.schema.description ?? row.schema.title ?? ''),
    ]),
  )
}

/** A fenced block longer than any run of backticks inside it, so nothing in it can close it. */
function codeBlock(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((match) => match[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}ts\n${code}\n${fence}`
}
