/**
 * Events that carry their groups: the generated emitter's group keys go through the pipeline (consent, refusal of
 * e-mail-looking keys, hashing as the group call hashes them) to every sink: the memory sink, pino through
 * attachPinoLogger, the ndjson buffer on disk (serialized exactly as JSON.stringify would), and OpenTelemetry
 * attributes. The posthog-node and posthog-js payloads are in runtime-posthog-node, runtime-posthog-js and the
 * example app's own test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { Span, Tracer } from '@opentelemetry/api'
import { createTelemetry, eventGroups, keyedHash, memorySink, runSpan, type SpanDescriptor } from '@herald/runtime'
import { ndjsonSink } from '@herald/runtime/delivery'
import { otelSink } from '@herald/runtime/otel'
import { attachPinoLogger } from '@herald/runtime/pino'
import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { group, orgCreated, orgMemberAdded } from '../examples/app/src/telemetry/events.js'

const SALT = 'ab'.repeat(32)
const HASH = /^[0-9a-f]{64}$/
let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

function recordingTracer() {
  const spans: Array<{ name: string; attributes: Record<string, unknown> }> = []
  const tracer = {
    startSpan(name: string, options: { attributes?: Record<string, unknown> }) {
      const record = { name, attributes: { ...options.attributes } }
      spans.push(record)
      return {
        setAttributes: (a: Record<string, unknown>) => Object.assign(record.attributes, a),
        setAttribute: (k: string, v: unknown) => void (record.attributes[k] = v),
        setStatus: () => {},
        end: () => {},
      } as unknown as Span
    },
  } as unknown as Tracer
  return { tracer, spans }
}

describe('events that carry their groups', () => {
  it('send the group keys, hashed as the group call hashes them, to every sink', async () => {
    dir = mkdtempSync(join(tmpdir(), 'herald-event-groups-'))
    const memory = memorySink()
    const logged: string[] = []
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (logged.push(chunk.toString()), done()) })
    const { tracer, spans } = recordingTracer()
    const warnings: string[] = []
    const t = createTelemetry({
      sinks: [memory, ndjsonSink({ dir, enabled: true, env: {} }), otelSink({ tracer })],
      enabled: true,
      salt: SALT,
      env: 'production',
      envVars: {},
      onWarn: ({ kind }) => void warnings.push(kind),
    })
    attachPinoLogger(t, { pino: pino({ level: 'debug' }, stream), level: 'debug' })
    group(t, 'organization', 'o_1', { seats: 4 })
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    await t.close()

    expect(warnings).toEqual([])
    const [grouped, created] = memory.events
    const key = created!.groups!.organization
    expect(key).toMatch(HASH)
    // One value for the group call, the event's $groups and the event's own org_id: PostHog joins them.
    expect(grouped!.properties.$group_key).toBe(key)
    expect(created!.properties.org_id).toBe(key)

    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('.ndjson'))
      .flatMap((f) => readFileSync(join(dir!, f), 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const line = lines.find((l) => l.event === 'org.created')!
    expect(line.groups).toEqual({ organization: key })

    const record = logged.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === 'org.created')!
    expect(record.groups).toEqual({ organization: key })

    const span = spans.find((s) => s.name === 'org.created')!
    expect(span.attributes).toMatchObject({ org_id: key, '$groups.organization': key })
    expect(JSON.stringify([memory.events, lines, logged, spans])).not.toMatch(/"o_1"/)
  })

  it('leave out a missing or e-mail-looking key with a warning, still sending the event; send nothing without consent', () => {
    const memory = memorySink()
    const warnings: string[] = []
    const t = createTelemetry({ sinks: [memory], enabled: true, salt: SALT, env: 'development', envVars: {}, onWarn: ({ kind }) => void warnings.push(kind) })
    orgMemberAdded(t, { org_id: 'o_1', role: 'owner' }, { organization: 'billing@acme.example' })
    orgMemberAdded(t, { org_id: 'o_1', role: 'owner' }, {} as { organization: string })
    orgCreated(t, { org_id: 'o_2', user_id: 'u_2' }, { organization: 'o_2' })
    expect(memory.events.map((e) => [e.event, e.groups])).toEqual([
      ['org.member.added', undefined],
      ['org.member.added', undefined],
      ['org.created', { organization: expect.stringMatching(HASH) }],
    ])
    expect(warnings).toEqual(['email-group-key', 'missing-group-key'])

    const off = memorySink()
    orgCreated(createTelemetry({ sinks: [off], enabled: false, envVars: {} }), { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    expect(off.events).toEqual([])
  })

  it('leave the group out, never send the raw key, when a hashed key cannot be hashed', () => {
    const memory = memorySink()
    const warnings: string[] = []
    const t = createTelemetry({ sinks: [memory], enabled: true, env: 'production', envVars: {}, onWarn: ({ kind }) => void warnings.push(kind) })
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    expect(memory.events.map((e) => [e.event, e.groups, e.properties])).toEqual([['org.created', undefined, { user_id: 'u_1' }]])
    expect(warnings).toEqual(['missing-salt', 'group-key-dropped'])
  })

  it("carry a span run's groups on its .start, .stop and .exception", () => {
    const memory = memorySink()
    const t = createTelemetry({ sinks: [memory], enabled: true, salt: SALT, env: 'production', envVars: {} })
    const d: SpanDescriptor = {
      kind: 'span',
      name: 'report.build',
      level: 'info',
      saltEnv: 'HERALD_SALT',
      redact: (p) => ({ ...p }),
      json: () => '',
      groups: [
        { type: 'organization', saltEnv: 'HERALD_SALT', hash: keyedHash },
        { type: 'project', saltEnv: 'HERALD_SALT' },
      ],
    }
    runSpan(t, d, {}, () => 1, eventGroups(t, d, { organization: 'o_1', project: 'p_1' }))
    expect(() =>
      runSpan(
        t,
        d,
        {},
        () => {
          throw new TypeError('x')
        },
        eventGroups(t, d, { organization: 'o_1', project: 'p_1' }),
      ),
    ).toThrow(TypeError)
    const groups = memory.events.map((e) => [e.event, e.groups])
    expect(groups).toEqual(
      ['report.build.start', 'report.build.stop', 'report.build.start', 'report.build.exception'].map((name) => [
        name,
        { organization: expect.stringMatching(HASH), project: 'p_1' },
      ]),
    )
  })
})
