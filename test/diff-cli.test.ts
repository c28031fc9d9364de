/**
 * `herald diff`, the built binary, in a real git repository: a sequence of commits to one catalog, each a kind of
 * change, diffed against HEAD~1 at every step with exact findings and exit codes; bad input; and fast-check
 * properties of core's compareCatalogs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalog, compareCatalogs, isForbiddenKey, parseCatalog } from '@herald/core'
import Ajv2020 from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const HERALD = fileURLToPath(new URL('../packages/cli/bin/herald.js', import.meta.url))
const SCHEMA_FILE = fileURLToPath(new URL('../packages/cli/schema/diff-report.schema.json', import.meta.url))
const reportSchema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { properties: { changes: { items: { properties: { id: { enum: string[] } } } } } }
const validReport = new Ajv2020({ strict: true, allErrors: true }).compile(reportSchema)
/** Every --format json report the tests see, validated at the end against the schema the package ships. */
const reports: unknown[] = []

interface Change {
  id: string
  kind: string
  event?: string
  property?: string
  expectedVersion?: string
}

const BASE = {
  title: 'Shop',
  version: '1.0.0',
  properties: { ip: { type: 'string', pii: 'personal', transform: 'hash' } },
  events: {
    'auth.login': { properties: { method: { enum: ['password', 'sso'] }, ip: { $ref: '#/properties/ip' } } },
    'org.created': { properties: { org_id: { type: 'string' } }, required: ['org_id'] },
    'cart.viewed': { description: 'A cart was shown', properties: { items: { type: 'integer' } } },
  },
}

interface Draft {
  title: string
  version: string
  properties: { ip: { type: string; pii?: string; transform?: string } }
  events: Record<string, { description?: string; required?: string[]; properties: Record<string, { enum?: string[]; type?: string; $ref?: string }> }>
}

let repo: string
const draft = (): Draft => structuredClone(BASE) as Draft

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore' })
}

function commit(catalog: unknown, message: string): void {
  writeFileSync(join(repo, 'schema/events.catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`)
  git('add', '-A')
  git('commit', '-q', '-m', message)
}

function diff(...args: string[]): { code: number; changes: Change[]; stderr: string } {
  const run = spawnSync(process.execPath, [HERALD, 'diff', '--format', 'json', ...args], { cwd: repo, encoding: 'utf8' })
  const report = run.stdout ? (JSON.parse(run.stdout) as { changes: Change[] }) : undefined
  if (report) reports.push(report)
  const changes = report?.changes ?? []
  return { code: run.status ?? 1, changes, stderr: run.stderr }
}

const ids = (changes: Change[]) => changes.map((c) => `${c.kind} ${c.id}${c.event ? ` ${c.event}` : ''}${c.property ? `.${c.property}` : ''}`)

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'herald-diff-'))
  git('init', '-q')
  git('config', 'user.email', 'test@example.com')
  git('config', 'user.name', 'test')
  execFileSync('mkdir', ['-p', join(repo, 'schema')])
  commit(BASE, 'base')
})

afterAll(() => rmSync(repo, { recursive: true, force: true }))

describe('herald diff --base HEAD~1, commit by commit', () => {
  it('an additive change with a minor bump passes', () => {
    const next = draft()
    next.version = '1.1.0'
    next.events['auth.login']!.properties.method!.enum!.push('passkey')
    next.events['checkout.completed'] = { properties: { amount: { type: 'number' } } }
    commit(next, 'additive')
    const result = diff('--base', 'HEAD~1')
    expect(ids(result.changes).sort()).toEqual(['additive enum-value-added auth.login.method', 'additive event-added checkout.completed'].sort())
    expect(result.code).toBe(0)
  })

  it('a docs-only change without any bump asks for a patch, and does not fail by default', () => {
    const next = draft()
    next.version = '1.1.0'
    next.events['auth.login']!.properties.method!.enum!.push('passkey')
    next.events['checkout.completed'] = { properties: { amount: { type: 'number' } } }
    next.events['cart.viewed']!.description = 'A cart page was shown'
    commit(next, 'docs')
    const result = diff('--base', 'HEAD~1')
    expect(result.changes.map((c) => c.kind).sort()).toEqual(['docs', 'docs'])
    expect(result.changes.find((c) => c.id === 'version-bump')?.expectedVersion).toBe('1.1.1')
    expect(result.code).toBe(0)
    expect(diff('--base', 'HEAD~1', '--fail-on', 'any').code).toBe(1)
  })

  it('removing an event that was never deprecated is breaking and needs a major bump', () => {
    const next = draft()
    next.version = '1.2.0'
    next.events['auth.login']!.properties.method!.enum!.push('passkey')
    next.events['checkout.completed'] = { properties: { amount: { type: 'number' } } }
    next.events['cart.viewed']!.description = 'A cart page was shown'
    delete next.events['org.created']
    commit(next, 'remove')
    const result = diff('--base', 'HEAD~1')
    expect(ids(result.changes)).toContain('breaking event-removed org.created')
    expect(result.changes.find((c) => c.id === 'version-bump')).toMatchObject({ kind: 'breaking', expectedVersion: '2.0.0' })
    expect(result.code).toBe(1)
    expect(diff('--base', 'HEAD~1', '--fail-on', 'never').code).toBe(0)
  })

  it('dropping transform: hash from an IP address is a privacy finding', () => {
    const next = draft()
    next.version = '2.0.0'
    next.events['auth.login']!.properties.method!.enum!.push('passkey')
    next.events['checkout.completed'] = { properties: { amount: { type: 'number' } } }
    next.events['cart.viewed']!.description = 'A cart page was shown'
    delete next.events['org.created']
    delete next.properties.ip.transform
    next.properties.ip.pii = 'none'
    commit(next, 'privacy')
    const result = diff('--base', 'HEAD~1')
    expect(result.changes.some((c) => c.kind === 'privacy')).toBe(true)
    expect(result.code).toBe(1)
  })

  it('a ref that does not exist, a base that is not a catalog, another catalog: a clear error and exit 2', () => {
    const missing = diff('--base', 'no-such-ref')
    expect(missing.code).toBe(2)
    expect(missing.stderr).not.toMatch(/\n\s+at |internal error/)
    const notCatalog = join(repo, 'not-a-catalog.json')
    writeFileSync(notCatalog, '{ "hello": 1 }')
    expect(diff('--base', notCatalog).code).toBe(2)
    const other = join(repo, 'other.catalog.json')
    writeFileSync(other, JSON.stringify({ ...BASE, title: 'Another product' }))
    const foreign = diff('--base', other)
    expect(foreign.code).toBe(2)
    expect(foreign.stderr).toMatch(/another catalog/)
  })
})

describe('stampVersions, commit by commit', () => {
  const stamped = (version: string, stampVersions?: unknown, changed?: string) => {
    const next = draft() as Draft & { stampVersions?: unknown }
    next.version = version
    if (stampVersions !== undefined) next.stampVersions = stampVersions
    if (changed !== undefined) (next.events['auth.login'] as Record<string, unknown>).changed = changed
    return next
  }

  it('turning it on is additive, and adds no property changes to the events', () => {
    commit(stamped('5.0.0'), 'before stamps')
    commit(stamped('5.1.0', true), 'stamps on')
    const result = diff('--base', 'HEAD~1')
    expect(ids(result.changes)).toEqual(['additive stamps-enabled'])
    expect(result.code).toBe(0)
  })

  it("recording an event's change moves its stamped version: a docs change, not a property change", () => {
    commit(stamped('5.1.1', true, '5.1.1'), 'auth.login changed')
    const result = diff('--base', 'HEAD~1')
    expect(ids(result.changes)).toEqual(['docs event-metadata-changed auth.login'])
    expect(result.code).toBe(0)
  })

  it('renaming a stamp is breaking, located at the new name', () => {
    commit(stamped('6.0.0', { eventVersion: 'event_schema_version' }, '5.1.1'), 'stamp renamed')
    const result = diff('--base', 'HEAD~1')
    expect(ids(result.changes)).toEqual(['breaking stamp-renamed'])
    const change = result.changes[0] as Change & { line: number; side: string }
    const text = readFileSync(join(repo, 'schema/events.catalog.json'), 'utf8').split('\n')
    expect(change.side).toBe('head')
    expect(text[change.line - 1]).toContain('"eventVersion": "event_schema_version"')
    // 6.0.0 is the major bump a breaking change needs: no version-bump finding, but the gate still fails.
    expect(result.code).toBe(1)
  })

  it('turning it off is breaking, located in the old file, and needs a major bump', () => {
    commit(stamped('6.1.0', undefined, '5.1.1'), 'stamps off')
    const result = diff('--base', 'HEAD~1')
    expect(ids(result.changes)).toEqual(['breaking stamps-disabled', 'breaking version-bump'])
    expect(result.changes[0]).toMatchObject({ side: 'base' })
    expect(result.changes[1]!.expectedVersion).toBe('7.0.0')
    expect(result.code).toBe(1)
  })

  it('a change to what an event sends that leaves its stamped version where it was is a finding of its own', () => {
    commit(stamped('8.0.0', true, '8.0.0'), 'stamps on again')
    const reshaped = stamped('8.1.0', true, '8.0.0')
    reshaped.events['auth.login']!.properties.method!.enum!.push('passkey')
    commit(reshaped, 'a value added, changed not moved')
    const stale = diff('--base', 'HEAD~1')
    expect(ids(stale.changes)).toEqual(['additive enum-value-added auth.login.method', 'docs event-version-unchanged auth.login'])
    expect(stale.changes[1]).toMatchObject({ message: expect.stringContaining('set its "changed" to the catalog\'s new version (8.1.0)') })
    expect(stale.code).toBe(0)
    const recorded = stamped('8.1.0', true, '8.1.0')
    recorded.events['auth.login']!.properties.method!.enum!.push('passkey')
    commit(recorded, 'changed moved')
    expect(ids(diff('--base', 'HEAD~2').changes)).toEqual(['docs event-metadata-changed auth.login', 'additive enum-value-added auth.login.method'])
  })
})

describe('people, groups, alias and dashboards', () => {
  const parse = (value: unknown): Catalog => {
    const result = parseCatalog(JSON.stringify(value), 'c.json')
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
    return result.catalog
  }
  const people = {
    ...BASE,
    identify: {
      set: { tier: { enum: ['free', 'pro'] }, last_ip: { type: 'string', pii: 'personal', transform: 'hash' } },
      setOnce: { signup_method: { type: 'string' } },
    },
    groups: { company: { key: 'org_id', properties: { plan: { type: 'string' }, seats: { type: 'integer' } } } },
    alias: true,
    dashboards: {
      growth: { name: 'Growth', insights: [{ name: 'Logins', trends: { series: [{ event: 'auth.login' }] } }] },
    },
  }
  const changesOf = (base: unknown, head: unknown) => ids(compareCatalogs(parse(base), parse(head)).filter((c) => c.id !== 'version-bump'))

  it('declaring them is additive (dashboards are docs); removing them is breaking', () => {
    expect(changesOf(BASE, people)).toEqual(['additive identify-added', 'additive group-type-added', 'additive alias-enabled', 'docs dashboard-added'])
    expect(changesOf(people, BASE)).toEqual(['breaking identify-removed', 'breaking group-type-removed', 'breaking alias-disabled', 'docs dashboard-removed'])
  })

  it('compares person and group properties as it compares event properties, with their location', () => {
    const next = structuredClone(people)
    delete (next.identify.set as Record<string, unknown>).last_ip
    next.identify.set.tier.enum = ['free']
    ;(next.identify.setOnce as Record<string, unknown>).referrer = { type: 'string' }
    ;(next.groups.company.properties.plan as Record<string, unknown>).pii = 'pseudonymous'
    next.groups.company.key = 'company_id'
    next.dashboards.growth.name = 'Growth and logins'
    const changes = compareCatalogs(parse(people), parse(next)).filter((c) => c.id !== 'version-bump')
    expect(ids(changes)).toEqual([
      'breaking enum-value-removed.tier',
      'breaking property-removed.last_ip',
      'additive property-added.referrer',
      'breaking group-key-changed',
      'additive pii-raised.plan',
      'docs dashboard-changed',
    ])
    const removed = changes.find((c) => c.id === 'property-removed')!
    expect(removed).toMatchObject({ side: 'base', path: ['identify', 'set', 'last_ip'] })
    expect(removed.message).toBe('The property "last_ip" was removed without being deprecated first in the person properties ($set).')
    expect(changes.find((c) => c.id === 'group-key-changed')!.path).toEqual(['groups', 'company', 'key'])
  })

  it('lowering the pii of a person property is a privacy change, as for an event property', () => {
    const next = structuredClone(people)
    next.identify.set.last_ip.pii = 'none'
    delete (next.identify.set.last_ip as Record<string, unknown>).transform
    expect(changesOf(people, next)).toEqual(['privacy pii-lowered.last_ip', 'privacy transform-removed.last_ip'])
  })
})

describe("the example catalog's own history", () => {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const history = spawnSync('git', ['log', '--format=%H', '--', 'schema/events.catalog.json'], { cwd: root, encoding: 'utf8' })
  const commits = history.status === 0 ? history.stdout.split('\n').filter(Boolean) : []

  it.skipIf(commits.length < 2)('diffs against every earlier version, with valid reports (skipped in a shallow clone)', () => {
    for (const commit of commits) {
      const run = spawnSync(process.execPath, [HERALD, 'diff', '--base', commit, '--format', 'json', '--fail-on', 'never'], { cwd: root, encoding: 'utf8' })
      expect(run.status, run.stderr).toBe(0)
      const report = JSON.parse(run.stdout) as { changes: Change[] }
      expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true)
      if (commit === commits.at(-1)) {
        // The first version had no people, groups or dashboards; each has been added since.
        expect(report.changes.map((c) => c.id)).toEqual(expect.arrayContaining(['identify-added', 'group-type-added', 'alias-enabled', 'dashboard-added']))
      }
    }
  })
})

describe('the json report schema (packages/cli/schema/diff-report.schema.json)', () => {
  it('accepts every report the commits above produced, and rejects one with an unknown kind, id or a missing location', () => {
    expect(reports.length).toBeGreaterThan(5)
    for (const report of reports) expect(validReport(report), JSON.stringify(validReport.errors)).toBe(true)
    const sample = structuredClone(reports.find((r) => (r as { changes: unknown[] }).changes.length > 0)) as { changes: Array<Record<string, unknown>> }
    for (const broken of [{ kind: 'cosmetic' }, { id: 'event-renamed' }, { line: undefined }, { extra: true }]) {
      const change = { ...sample.changes[0]!, ...broken }
      if ('line' in broken) delete change.line
      expect(validReport({ ...sample, changes: [change] }), JSON.stringify(broken)).toBe(false)
    }
  })

  it('lists exactly the change ids core can report', () => {
    const source = readFileSync(fileURLToPath(new URL('../packages/core/src/diff/catalog-change.ts', import.meta.url)), 'utf8')
    const union = source.slice(source.indexOf('export type ChangeId'), source.indexOf('export interface CatalogChange'))
    const declared = [...union.matchAll(/\| '([a-z-]+)'/g)].map((m) => m[1])
    expect(reportSchema.properties.changes.items.properties.id.enum).toEqual(declared)
  })
})

describe('compareCatalogs (fast-check)', () => {
  const parse = (value: unknown): Catalog => {
    const result = parseCatalog(JSON.stringify(value), 'c.json')
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
    return result.catalog
  }
  const name = fc.stringMatching(/^[a-z]{1,6}\.[a-z]{1,6}$/)
  const prop = fc.constantFrom<Record<string, unknown>>({ type: 'string' }, { type: 'integer' }, { type: 'boolean' }, { enum: ['a', 'b'] })
  // A forbidden key (otp, token …) is refused by the catalog itself: never a property name here.
  const key = fc.stringMatching(/^[a-z]{1,6}$/).filter((k) => !isForbiddenKey(k))
  const catalog = fc.dictionary(name, fc.dictionary(key, prop, { maxKeys: 4 }), { minKeys: 1, maxKeys: 6 }).map((events) => ({
    title: 'P',
    version: '1.0.0',
    events: Object.fromEntries(Object.entries(events).map(([n, properties]) => [n, { properties }])),
  }))

  it('a catalog diffed against itself is empty', () => {
    fc.assert(
      fc.property(catalog, (c) => {
        expect(compareCatalogs(parse(c), parse(c))).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it('adding an event (and bumping minor) never yields a breaking change; removing one always does', () => {
    fc.assert(
      fc.property(catalog, (c) => {
        const added = { ...c, version: '1.1.0', events: { ...c.events, 'zz.added': { properties: {} } } }
        expect(compareCatalogs(parse(c), parse(added)).filter((x) => x.kind === 'breaking')).toEqual([])
        const [first] = Object.keys(c.events)
        const events = { ...c.events } as Record<string, unknown>
        delete events[first!]
        if (Object.keys(events).length === 0) return
        const removed = { ...c, version: '2.0.0', events }
        expect(compareCatalogs(parse(c), parse(removed)).some((x) => x.kind === 'breaking' && x.id === 'event-removed')).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  type Events = Record<string, { kind?: string; properties: Record<string, Record<string, unknown>>; required?: string[] }>
  /** The catalog with its first event that has a property changed by `mutate`, or undefined when none has one. */
  const mutated = (c: { events: Events }, version: string, mutate: (event: Events[string], property: string) => void) => {
    const next = structuredClone(c) as { version: string; events: Events }
    const entry = Object.values(next.events).find((event) => Object.keys(event.properties).length > 0)
    if (entry === undefined) return undefined
    mutate(entry, Object.keys(entry.properties)[0]!)
    next.version = version
    return next
  }

  const ADDITIVE: Record<string, (event: Events[string], property: string) => void> = {
    'an optional property added': (event) => void (event.properties.zzadded = { type: 'string' }),
    'an enum value added': (event, property) => void (event.properties[property] = { enum: ['a', 'b', 'zz'] }),
    'a type widened': (event, property) => void (event.properties[property] = { type: ['string', 'integer', 'number', 'boolean'] }),
    'a description added': (event) => void Object.assign(event, { description: 'Now documented' }),
  }

  it('only additive mutations, with a minor bump, never yield a breaking or privacy change', () => {
    fc.assert(
      fc.property(catalog, fc.subarray(Object.keys(ADDITIVE), { minLength: 1 }), (c, kinds) => {
        const next = mutated(c as { events: Events }, '1.1.0', (event, property) => {
          // Each mutation only widens what the property accepted before.
          const before = event.properties[property]!
          for (const kind of kinds) {
            if (kind === 'an enum value added' && before.enum === undefined) continue
            if (kind === 'a type widened' && before.enum !== undefined) continue
            ADDITIVE[kind]!(event, property)
          }
        })
        if (next === undefined) return
        const changes = compareCatalogs(parse(c), parse(next))
        expect(changes.filter((x) => x.kind === 'breaking' || x.kind === 'privacy').map((x) => x.message)).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  const BREAKING: Record<string, [string, (event: Events[string], property: string) => void]> = {
    'a property removed': ['property-removed', (event, property) => void delete event.properties[property]],
    'a property newly required': ['property-now-required', (event, property) => void (event.required = [property])],
    'a type changed': [
      'type-changed|type-narrowed',
      (event, property) => void (event.properties[property] = { type: event.properties[property]!.type === 'object' ? 'string' : 'object' }),
    ],
    // An enum loses "b"; any other property is limited to one value.
    'an enum value removed (or a value list imposed)': [
      'enum-value-removed|constraint-tightened',
      (event, property) => {
        const before = event.properties[property]!
        event.properties[property] =
          before.enum !== undefined ? { enum: ['a'] } : { ...before, enum: before.type === 'string' ? ['zz'] : before.type === 'boolean' ? [true] : [1] }
      },
    ],
    'a signal made a span': ['event-kind-changed', (event) => void (event.kind = 'span')],
  }

  it.each(Object.entries(BREAKING))('every single breaking mutation is caught: %s', (_, [expected, mutate]) => {
    fc.assert(
      fc.property(catalog, (c) => {
        const next = mutated(c as { events: Events }, '2.0.0', mutate)
        if (next === undefined) return
        const breaking = compareCatalogs(parse(c), parse(next)).filter((x) => x.kind === 'breaking')
        expect(breaking.map((x) => x.id).some((id) => expected.split('|').includes(id))).toBe(true)
      }),
      { numRuns: 100 },
    )
  })

  it('turning stampVersions off or renaming a stamp is breaking; turning it on never is', () => {
    fc.assert(
      fc.property(catalog, fc.constantFrom('herald_event_version', 'event_version', 'schema_version'), (c, eventVersion) => {
        const on = { ...c, stampVersions: { eventVersion } }
        expect(compareCatalogs(parse(c), parse({ ...on, version: '1.1.0' })).filter((x) => x.kind === 'breaking')).toEqual([])
        expect(compareCatalogs(parse(on), parse({ ...c, version: '2.0.0' })).map((x) => `${x.kind} ${x.id}`)).toEqual(['breaking stamps-disabled'])
        const renamed = { ...c, version: '2.0.0', stampVersions: { eventVersion: `${eventVersion}_2` } }
        expect(compareCatalogs(parse(on), parse(renamed)).map((x) => `${x.kind} ${x.id}`)).toEqual(['breaking stamp-renamed'])
      }),
      { numRuns: 50 },
    )
  })
})
