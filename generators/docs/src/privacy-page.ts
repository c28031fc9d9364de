/**
 * The privacy page, written for a reader outside the team (a user, a customer's security reviewer):
 * what is never collected, who an event is about, which fields are hashed and how, what rotating the
 * salt breaks, how long events are kept, and how to opt out. Every fact comes from the catalog or
 * from what the Herald runtime does with it.
 */
import type { Catalog, CatalogEvent, GeneratedFile, PropertySchema } from '@herald/core'
import { markdownCode, markdownText } from './markdown-text.js'
import { markdownPage, markdownTable } from './page.js'
import { type PageMap, PRIVACY_PATH, relativeLink } from './page-map.js'
import { propertyRows } from './property-rows.js'

interface PersonalField {
  path: string
  pii: string
  transform?: string
  description?: string
  events: CatalogEvent[]
}

export function privacyPage(catalog: Catalog, map: PageMap): GeneratedFile {
  const fields = personalFields(catalog)
  const hashed = fields.filter((field) => field.transform === 'hash')
  const salt = markdownCode(catalog.privacy.saltEnv)
  const title = catalog.title !== undefined ? `Privacy: ${catalog.title}` : 'Privacy'

  return markdownPage(catalog, PRIVACY_PATH, [
    `# ${markdownText(title)}`,
    'This page describes what the application sends as telemetry and how it protects personal data. ' +
      'It is generated from the same event catalog as the code that sends the events, so it cannot fall behind it. ' +
      `Every event and each of its properties is listed in [the catalog](${relativeLink(PRIVACY_PATH, 'index.md')}); ` +
      'a property that an event does not declare is dropped before the event leaves the process.',

    '## What is never collected',
    'No event may carry a property whose name ends in one of these words, in any case or with any separator ' +
      '(so `api_key` also covers `apiKey`, `API-KEY` and `userApiKey`, but not `api_key_id`). ' +
      'Such a property cannot be declared in the catalog, code that sends one is flagged before it is merged, ' +
      'and the runtime strips it from every event, at any depth, whatever the code passes.',
    catalog.privacy.allForbiddenKeys.map(markdownCode).join(', '),

    '## Who an event is about',
    distinctIdPolicy(catalog, map),

    '## Personal data, and what happens to it',
    fields.length === 0
      ? 'No property in this catalog is marked as personal or pseudonymous data.'
      : 'Properties marked as personal or pseudonymous data, and what the runtime does with each before an event is sent:',
    fields.length === 0
      ? ''
      : markdownTable(
          ['Property', 'Kind of data', 'Before sending', 'Events', 'Description'],
          fields.map((field) => [
            markdownCode(field.path),
            markdownText(PII_WORDS[field.pii] ?? field.pii),
            field.transform === 'hash' ? 'hashed' : field.transform === 'drop' ? 'removed' : 'sent as is',
            eventList(map, field.events),
            markdownText(field.description ?? ''),
          ]),
        ),

    '## How hashed fields are protected',
    (hashed.length === 0
      ? 'No property in this catalog is hashed. '
      : `${hashed.map((field) => markdownCode(field.path)).join(', ')} ${hashed.length === 1 ? 'is' : 'are'} hashed before the event leaves the process. `) +
      'A hashed value is replaced by its HMAC-SHA256, keyed by a secret salt of 32 random bytes (64 hex characters) ' +
      `that the application reads from the ${salt} environment variable. The same value gives the same hash while ` +
      'the salt is unchanged, so events can be counted and linked without revealing the value; without the salt, ' +
      'nobody can reverse a hash or test a guess against it. If the salt is missing in production, hashed fields are ' +
      'dropped, never sent in clear; a development build uses a throwaway salt and warns.',

    '## Salt rotation, and what it breaks',
    `Rotating the salt (a new value in ${salt}) changes every hash. Values hashed before and after the rotation ` +
      'can no longer be matched: a person or an organisation seen on both sides looks like two, counts of distinct ' +
      'values and funnels that span the rotation are inflated, and old events cannot be joined to new ones on a hashed ' +
      'field. That break is by design: it limits how long anyone can follow a hashed value. Rotate the salt when it may ' +
      'have leaked, keep it in a secret store, never in the repository, and never reuse an old one.',

    '## How long events are kept',
    catalog.privacy.retentionDays !== undefined
      ? `Raw events are kept for **${catalog.privacy.retentionDays} days**, then deleted.`
      : 'The catalog sets no retention period: ask the team that runs the application how long raw events are kept.',

    '## How to opt out',
    [
      '- Telemetry is **off unless it is turned on**: the application sends nothing unless `TELEMETRY_ENABLED` is set ' +
        'to a true value (such as `1`) or the application turns it on in code.',
      '- `DO_NOT_TRACK=1` **always turns it off**, whatever else is set.',
      '- **A user or an organisation can opt out:** before every event the application asks its opt-out check ' +
        '(`optOut` in `createTelemetry`) whether the user or organisation the event is about has opted out, and sends nothing if so.',
      '- When telemetry is off or opted out, nothing is written to disk and nothing is sent over the network.',
    ].join('\n'),
  ])
}

const PII_WORDS: Record<string, string> = {
  pseudonymous: 'pseudonymous (an opaque id)',
  personal: 'personal',
  sensitive: 'sensitive',
}

/**
 * The one distinct-id strategy the catalog declares: the default property, the events that name their own (an
 * agent identity's handle), what identify sets on that person, and the groups events are tied to.
 */
function distinctIdPolicy(catalog: Catalog, map: PageMap): string {
  const property = catalog.privacy.distinctId?.property
  const own = new Map<string, CatalogEvent[]>()
  for (const event of catalog.events) if (event.distinctId !== undefined) own.set(event.distinctId, [...(own.get(event.distinctId) ?? []), event])
  const describe = (name: string) => {
    const schema = catalog.properties[name] ?? catalog.events.map((event) => event.properties[name]).find((found) => found !== undefined)
    return schema?.description !== undefined ? ` (${markdownText(schema.description)})` : ''
  }
  const parts: string[] = []
  if (property === undefined && own.size === 0) {
    parts.push('The catalog names no distinct id: events are not tied to a person or an account by an identifier of their own.')
  } else {
    if (property !== undefined) {
      parts.push(
        `Events are tied to the account they are about by ${markdownCode(property)}${describe(property)}, an opaque identifier` +
          (own.size > 0 ? ', except where an event names another below.' : '.'),
      )
    }
    const rows = [...own].map(([name, events]) => `- ${markdownCode(name)}${describe(name)}: ${eventList(map, events)}`)
    if (rows.length > 0)
      parts.push(
        `${property !== undefined ? 'These events are about another kind of actor, tied to it by' : 'Events are tied to the actor they are about by'}:\n${rows.join('\n')}`,
      )
    parts.push(
      'A distinct id is never an email address or a name: a value that looks like an email is refused as the distinct id, ' +
        'and code that passes one is flagged before it is merged.',
    )
  }
  const identify = catalog.identify
  if (identify !== undefined) {
    const traits = [...Object.keys(identify.set), ...Object.keys(identify.setOnce)]
    parts.push(
      `**Identify.** ${identify.description !== undefined ? `${markdownText(identify.description)} ` : ''}` +
        `The application identifies a person by ${property !== undefined ? markdownCode(property) : 'an opaque id'} ` +
        (traits.length > 0
          ? `and may set these person properties on them, redacted and hashed as event properties are: ${traits.map(markdownCode).join(', ')}.`
          : 'and sets no person properties.') +
        (catalog.alias ? ' It may link two ids of the same person (an alias), each opaque.' : ''),
    )
  }
  if (catalog.groups.length > 0) {
    parts.push(
      `**Groups.** Events can also be tied to a group: ${catalog.groups
        .map(
          (g) =>
            `${markdownCode(g.name)}${g.key !== undefined ? `, keyed by ${markdownCode(g.key)}${g.keyTransform === 'hash' ? ' (hashed, as that property is)' : ''}` : ''}` +
            ` (${
              eventList(
                map,
                catalog.events.filter((event) => event.groups.includes(g.name)),
              ) || 'no event yet'
            })`,
        )
        .join('; ')}.`,
    )
  }
  return parts.join('\n\n')
}

/** Every property (nested ones included) with a `pii` level other than `none`, merged across events. */
function personalFields(catalog: Catalog): PersonalField[] {
  const fields = new Map<string, PersonalField>()
  for (const event of catalog.events) {
    for (const row of propertyRows(event.properties, event.required)) {
      const pii = row.schema.pii
      if (pii === undefined || pii === 'none') continue
      const key = JSON.stringify([row.path, pii, row.schema.transform ?? null])
      const field = fields.get(key) ?? newField(row.path, row.schema, pii)
      field.events.push(event)
      fields.set(key, field)
    }
  }
  return [...fields.values()]
}

function newField(path: string, schema: PropertySchema, pii: string): PersonalField {
  return {
    path,
    pii,
    ...(schema.transform !== undefined ? { transform: schema.transform } : {}),
    ...(schema.description !== undefined ? { description: schema.description } : {}),
    events: [],
  }
}

/** A few events by name, then a count: a field on every event would otherwise fill the table. */
function eventList(map: PageMap, events: CatalogEvent[]): string {
  const shown = events.slice(0, EVENTS_SHOWN).map((event) => eventLink(map, event))
  return events.length > EVENTS_SHOWN ? `${shown.join(', ')} and ${events.length - EVENTS_SHOWN} more` : shown.join(', ')
}

const EVENTS_SHOWN = 5

function eventLink(map: PageMap, event: CatalogEvent): string {
  const located = map.locate(event.name)!
  return `[${markdownCode(event.name)}](${relativeLink(PRIVACY_PATH, located.page.path, located.anchor)})`
}
