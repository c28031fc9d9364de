/**
 * A deterministic synthetic catalog of N events with the shapes real catalogs have: 5–15 properties an event,
 * enums, refs to shared properties, spans, PII with transforms, nested objects, categories (one with required
 * properties, one limited to counts and durations), deprecations with renames. It is valid for `herald check`.
 *
 *   tsx bench/make-catalog.ts N [--seed S] [--out FILE]     (stdout without --out)
 */
import { writeFileSync } from 'node:fs'
import { createRandom, type Random } from './prng.js'
import { isMainModule } from './is-main-module.js'
import { parseMakerArgs } from './maker-cli.js'

export type JsonSchema = Record<string, unknown>

export interface CatalogEventDocument {
  kind?: 'signal' | 'span'
  category: string
  description: string
  level: 'debug' | 'info' | 'warning' | 'error'
  owner: string
  since: string
  deprecated?: { since: string; renamedTo: string }
  properties: Record<string, JsonSchema>
  required: string[]
}

export interface CatalogDocument {
  title: string
  description: string
  version: string
  naming: { style: 'dot.snake_case' }
  privacy: { forbiddenKeys: string[]; distinctId: { property: string }; saltEnv: string; retentionDays: number }
  categories: Record<string, { description: string; requiredProperties?: string[]; countsAndDurationsOnly?: boolean }>
  properties: Record<string, JsonSchema>
  events: Record<string, CatalogEventDocument>
}

const CATEGORIES: CatalogDocument['categories'] = {
  auth: { description: 'Sign-in, sign-out and registration' },
  billing: { description: 'Plans, invoices and payments' },
  org: { description: 'Organisations, teams and their members' },
  project: { description: 'Projects and their settings' },
  editor: { description: 'Document editing and collaboration' },
  search: { description: 'Search, filters and saved views' },
  notification: { description: 'Emails, pushes and in-app notifications' },
  file: { description: 'Uploads, downloads and sharing' },
  admin: { description: 'Administrative actions' },
  api: { description: 'Public API and webhooks' },
  usage: { description: 'Aggregate product usage: counts and durations only', countsAndDurationsOnly: true },
  identity: { description: 'Service principals and agent identities', requiredProperties: ['principal_id'] },
}

const RESOURCES = [
  'account',
  'invoice',
  'payment',
  'plan',
  'subscription',
  'member',
  'invite',
  'team',
  'project',
  'document',
  'comment',
  'page',
  'dashboard',
  'report',
  'export',
  'import',
  'file',
  'folder',
  'webhook',
  'integration',
  'workspace',
  'role',
  'permission',
  'notification',
  'digest',
  'search',
  'filter',
  'view',
  'template',
  'label',
  'milestone',
  'task',
  'board',
  'column',
  'attachment',
  'payment_method',
  'billing_profile',
  'audit_log',
  'feature_flag',
  'api_client',
]

const ACTIONS = [
  'created',
  'updated',
  'deleted',
  'viewed',
  'opened',
  'closed',
  'shared',
  'archived',
  'restored',
  'exported',
  'imported',
  'invited',
  'accepted',
  'declined',
  'started',
  'completed',
  'failed',
  'retried',
  'renamed',
  'moved',
  'copied',
  'published',
  'unpublished',
  'approved',
  'rejected',
  'enabled',
  'disabled',
  'synced',
  'expired',
  'downloaded',
]

const TEAMS = ['identity', 'growth', 'billing', 'platform', 'editor', 'search', 'data', 'security']

/** Nouns and enum values for local properties; none of them is, or ends with, a forbidden key. */
const NOUNS = ['item', 'page', 'row', 'step', 'field', 'seat', 'member', 'retry', 'result', 'section', 'widget', 'chart', 'query', 'upload', 'batch']
const ENUM_WORDS = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'small',
  'medium',
  'large',
  'manual',
  'automatic',
  'scheduled',
  'primary',
  'secondary',
  'inline',
  'modal',
  'sidebar',
]

const SHARED_PROPERTIES: Record<string, JsonSchema> = {
  user_id: { type: 'string', description: 'Opaque user id; never an email', pii: 'pseudonymous' },
  org_id: { type: 'string', description: 'Opaque organisation id, hashed before sending', pii: 'pseudonymous', transform: 'hash' },
  principal_id: { type: 'string', description: 'Opaque id of a service principal', pii: 'pseudonymous' },
  workspace_id: { type: 'string', description: 'Opaque workspace id', pii: 'pseudonymous' },
  request_id: { type: 'string', format: 'uuid', description: 'The request that caused the event', pii: 'none' },
  ip: { type: 'string', format: 'ipv4', description: 'Client IP address, hashed before it leaves the process', pii: 'personal', transform: 'hash' },
  user_agent: { type: 'string', description: 'Client user agent, dropped before sending', pii: 'personal', transform: 'drop' },
  result: { enum: ['success', 'failure', 'cancelled'], description: 'Outcome of the operation' },
  plan: { enum: ['free', 'pro', 'team', 'enterprise'], description: 'The billing plan' },
  platform: { enum: ['web', 'ios', 'android', 'desktop', 'cli'], description: 'Where the event happened' },
  locale: { type: 'string', pattern: '^[a-z]{2}(-[A-Z]{2})?$', description: 'The UI locale' },
  country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166 country code' },
  item_count: { type: 'integer', minimum: 0, description: 'How many items the operation touched' },
  latency_ms: { type: 'number', minimum: 0, description: 'Server latency in milliseconds' },
  is_first_time: { type: 'boolean', description: 'Whether the user did this for the first time' },
  source: { enum: ['direct', 'search', 'email', 'referral', 'ads'], description: 'Where the user came from' },
  client_version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$', description: 'Version of the client app' },
  error_code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', description: 'A stable error code, never a message' },
  experiment_variant: { enum: ['control', 'variant_a', 'variant_b'], description: 'The experiment arm the user is in' },
}

/** Shared properties other than user_id, which most events carry anyway. */
const OPTIONAL_SHARED = Object.keys(SHARED_PROPERTIES).filter((name) => name !== 'user_id' && name !== 'principal_id')

export function makeCatalog(eventCount: number, seed = 1): CatalogDocument {
  if (!Number.isInteger(eventCount) || eventCount < 1) throw new RangeError(`the event count must be a positive integer, not ${eventCount}`)
  const random = createRandom(seed)
  const events: Record<string, CatalogEventDocument> = {}
  const names = eventNames(random, eventCount)
  for (const [index, [category, name]] of names.entries()) {
    events[name] = makeEvent(random, category, name, index > 10 && random.chance(0.03) ? names[random.int(0, index - 1)]![1] : undefined)
  }
  return {
    title: `Synthetic benchmark catalog (${eventCount} events, seed ${seed})`,
    description: 'Generated by bench/make-catalog.ts for Herald benchmarks.',
    version: '2.0.0',
    naming: { style: 'dot.snake_case' },
    privacy: { forbiddenKeys: ['client_secret', 'oauth_secret', 'ssn'], distinctId: { property: 'user_id' }, saltEnv: 'HERALD_SALT', retentionDays: 90 },
    categories: structuredClone(CATEGORIES),
    properties: structuredClone(SHARED_PROPERTIES),
    events,
  }
}

export function catalogText(eventCount: number, seed = 1): string {
  return `${JSON.stringify(makeCatalog(eventCount, seed), null, 2)}\n`
}

/** `category.resource.action`, unique; past every combination, a numeric suffix keeps them unique. */
function eventNames(random: Random, count: number): Array<[string, string]> {
  const categories = Object.keys(CATEGORIES)
  const combinations: Array<[string, string]> = []
  for (const category of categories)
    for (const resource of RESOURCES) for (const action of ACTIONS) combinations.push([category, `${category}.${resource}.${action}`])
  const order = random.shuffle(combinations)
  const names: Array<[string, string]> = []
  for (let i = 0; i < count; i++) {
    const [category, name] = order[i % order.length]!
    const round = Math.floor(i / order.length)
    names.push([category, round === 0 ? name : `${name}_${round + 1}`])
  }
  return names
}

function makeEvent(random: Random, category: string, name: string, renamedTo: string | undefined): CatalogEventDocument {
  const [, resource = 'item', action = 'changed'] = name.split('.')
  const countsOnly = CATEGORIES[category]!.countsAndDurationsOnly === true
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  const target = random.int(5, 15)

  if (random.chance(0.85)) {
    properties.user_id = { $ref: '#/properties/user_id' }
    if (random.chance(0.7)) required.push('user_id')
  }
  if (category === 'identity') {
    properties.principal_id = { $ref: '#/properties/principal_id' }
    required.push('principal_id')
  }
  for (const shared of random.sample(OPTIONAL_SHARED, random.int(1, 4))) {
    if (Object.keys(properties).length >= target) break
    properties[shared] = { $ref: `#/properties/${shared}` }
  }
  while (Object.keys(properties).length < target) {
    const [key, schema] = localProperty(random, countsOnly)
    if (key in properties) continue
    properties[key] = schema
    if (random.chance(0.2)) required.push(key)
  }

  const event: CatalogEventDocument = {
    ...(random.chance(0.15) ? { kind: 'span' as const } : {}),
    category,
    description: `A ${resource.replace(/_/g, ' ')} was ${action.replace(/_\d+$/, '')} (${category}).`,
    level: random.weighted([
      ['info', 70],
      ['debug', 10],
      ['warning', 15],
      ['error', 5],
    ] as const),
    owner: random.pick(TEAMS),
    since: `1.${random.int(0, 20)}.0`,
    properties,
    required,
  }
  if (renamedTo !== undefined && renamedTo !== name) event.deprecated = { since: '2.0.0', renamedTo }
  return event
}

/** One event-local property; in a counts-and-durations category no string is free text. */
function localProperty(random: Random, countsOnly: boolean): [string, JsonSchema] {
  const noun = random.pick(NOUNS)
  const shape = random.weighted([
    ['enum', 30],
    ['boolean', 15],
    ['count', 15],
    ['duration', 8],
    ['date', 6],
    ['uuid', 5],
    ['label', countsOnly ? 0 : 6],
    ['tags', 5],
    ['object', 4],
    ['personal', 6],
  ] as const)
  switch (shape) {
    case 'enum': {
      const aspect = random.pick(['type', 'status', 'kind', 'mode', 'variant'])
      return [`${noun}_${aspect}`, { enum: random.sample(ENUM_WORDS, random.int(2, 6)), description: `The ${noun}'s ${aspect}` }]
    }
    case 'boolean':
      return [`${random.pick(['is', 'has', 'was'])}_${noun}_${random.pick(['enabled', 'visible', 'pinned', 'synced', 'locked'])}`, { type: 'boolean' }]
    case 'count':
      return [`${noun}_count`, { type: 'integer', minimum: 0, ...(random.chance(0.3) ? { maximum: 10_000 } : {}) }]
    case 'duration':
      return [`${noun}_time_ms`, { type: 'number', minimum: 0, description: `Time spent on the ${noun}, in milliseconds` }]
    case 'date':
      return [`${noun}_${random.pick(['created_at', 'updated_at', 'due_at'])}`, { type: 'string', format: 'date-time' }]
    case 'uuid':
      return [`${noun}_ref`, { type: 'string', format: 'uuid', pii: 'none' }]
    case 'label':
      return [`${noun}_label`, { type: 'string', maxLength: 120, description: `A short label of the ${noun}` }]
    case 'tags':
      return [`${noun}_tags`, { type: 'array', items: { enum: random.sample(ENUM_WORDS, 4) }, uniqueItems: true, maxItems: 10 }]
    case 'object':
      return [
        `${noun}_filter`,
        {
          type: 'object',
          properties: { field: { enum: random.sample(ENUM_WORDS, 3) }, operator: { enum: ['eq', 'neq', 'gt', 'lt'] }, negated: { type: 'boolean' } },
          required: ['field', 'operator'],
          additionalProperties: false,
        },
      ]
    case 'personal': {
      const [key, transform] = random.pick([
        ['full_name', 'drop'],
        ['phone_number', 'hash'],
        ['postal_address', 'drop'],
        ['device_serial', 'hash'],
      ] as const)
      return [
        key,
        {
          type: 'string',
          pii: 'personal',
          transform,
          description: `The ${key.replace(/_/g, ' ')}, ${transform === 'hash' ? 'hashed' : 'dropped'} before sending`,
        },
      ]
    }
  }
}

if (isMainModule(import.meta.url)) {
  const { count, seed, out } = parseMakerArgs('Usage: tsx bench/make-catalog.ts N [--seed S] [--out FILE]   (N: events, a positive integer)', 1)
  const text = catalogText(count, seed)
  if (out) writeFileSync(out, text)
  else process.stdout.write(text)
}
