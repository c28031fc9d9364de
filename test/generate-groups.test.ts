/**
 * Generated code for events that carry their groups, and the tracker's identify and group: a signal and a span
 * take their group keys, typed; createTracker binds them and identify/group too; at run time each of a span's
 * three events carries the groups, the hashed key equal to the group call's and to the hashed property's.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generate } from '@herald/generator-typescript'
import { createTelemetry, memorySink } from '@herald/runtime'
import { expect, it } from 'vitest'
import { loadFixture, typeCheck, writeTemp } from './generate-helpers.js'

const files = generate(loadFixture('test/fixtures/generate-groups.catalog.json'), {})
const file = (path: string) => files.find((f) => f.path === path)!.content
const HASH = /^[0-9a-f]{64}$/

type Fn = (...args: unknown[]) => unknown

it('sends the groups of a span and a signal, directly and through the tracker, with identify and group bound', async () => {
  const dir = writeTemp(files)
  const events = (await import(pathToFileURL(join(dir, 'events.js')).href)) as Record<string, Fn>
  const { createTracker } = (await import(pathToFileURL(join(dir, 'tracker.js')).href)) as { createTracker: (t: unknown) => Record<string, Fn> }
  const sink = memorySink()
  const t = createTelemetry({ sinks: [sink], enabled: true, env: 'production', salt: 'a'.repeat(64), envVars: {} })
  const tracker = createTracker(t)

  expect(events.reportBuild!(t, { org_id: 'o_1', format: 'pdf' }, { organization: 'o_1', project: 'p_1' }, () => 7)).toBe(7)
  tracker.reportShared!({ format: 'csv' }, { organization: 'o_1' })
  expect(tracker.reportBuild!({ org_id: 'o_1' }, { organization: 'o_1', project: 'p_2' }, () => 8)).toBe(8)
  tracker.identify!('u_1', { set: { theme: 'dark' } })
  tracker.group!('organization', 'o_1', { seats: 3 })
  tracker.appOpened!()

  expect(sink.events.map((e) => [e.event, e.groups])).toEqual([
    ['report.build.start', { organization: expect.stringMatching(HASH), project: 'p_1' }],
    ['report.build.stop', { organization: expect.stringMatching(HASH), project: 'p_1' }],
    ['report.shared', { organization: expect.stringMatching(HASH) }],
    ['report.build.start', { organization: expect.stringMatching(HASH), project: 'p_2' }],
    ['report.build.stop', { organization: expect.stringMatching(HASH), project: 'p_2' }],
    ['$identify', undefined],
    ['$groupidentify', undefined],
    ['app.opened', undefined],
  ])
  const key = sink.events[0]!.groups!.organization
  expect(sink.events[0]!.properties.org_id).toBe(key)
  expect(sink.events[6]!.properties).toEqual({ $group_type: 'organization', $group_key: key, $group_set: { seats: 3 } })
  expect(sink.events[5]!.properties).toEqual({ $set: { theme: 'dark' } })
})

it('types the group keys and the bound identify and group: each wrong call is an error on its line', () => {
  const calls = [
    // Right.
    "reportBuild(t, { org_id: 'o' }, { organization: 'o', project: 'p' }, () => 1)",
    "tracker.reportShared({ format: 'pdf' }, { organization: 'o' })",
    "tracker.identify('u_1', { set: { theme: 'light' } })",
    "tracker.group('organization', 'o', { seats: 2 })",
    "tracker.group('project', 'p')",
    // Wrong.
    "reportBuild(t, { org_id: 'o' }, { organization: 'o' }, () => 1)",
    "tracker.reportShared({ format: 'pdf' })",
    "tracker.identify('u_1', { set: { theme: 'blue' } })",
    "tracker.group('team', 'x')",
    "tracker.group('organization', 'o', { seats: '2' })",
  ]
  const app = [
    "import type { Telemetry } from '@herald/runtime'",
    "import { reportBuild } from './events.js'",
    "import { createTracker } from './tracker.js'",
    'declare const t: Telemetry',
    'const tracker = createTracker(t)',
    ...calls,
  ].join('\n')
  const diagnostics = typeCheck({ 'groups/events.d.ts': file('events.d.ts'), 'groups/tracker.d.ts': file('tracker.d.ts'), 'groups/app.ts': app }).filter((d) =>
    d.startsWith('groups/'),
  )
  const lines = new Set(diagnostics.map((d) => Number(/^groups\/app\.ts:(\d+):/.exec(d)?.[1])))
  expect([...lines].sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 15])
  const at = (line: number) => diagnostics.filter((d) => d.startsWith(`groups/app.ts:${line}:`)).join('\n')
  expect(at(11)).toMatch(/'project' is missing/)
  expect(at(12)).toMatch(/Expected 2 arguments, but got 1/)
  expect(at(13)).toMatch(/"blue"' is not assignable/)
  expect(at(14)).toMatch(/"team"' is not assignable/)
  expect(at(15)).toMatch(/'string' is not assignable to type 'number'/)
})
