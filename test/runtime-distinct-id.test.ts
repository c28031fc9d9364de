/**
 * One promise for every sink: an email-looking or placeholder distinct id is refused by the telemetry core
 * before any sink sees the event, with one warning per kind. Real sinks: posthog-node against the capture
 * server, pino through attachPinoLogger, the ndjson buffer on disk, and the memory sink.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { createTelemetry, memorySink } from '@herald/runtime'
import { ndjsonSink } from '@herald/runtime/delivery'
import { attachPinoLogger } from '@herald/runtime/pino'
import { posthogSink } from '@herald/runtime/posthog'
import { pino } from 'pino'
import { PostHog } from 'posthog-node'
import { afterEach, describe, expect, it } from 'vitest'
import { orgCreated } from '../examples/app/src/telemetry/events.js'
import { startCaptureServer, type CaptureServer } from './support/capture-server.js'

let server: CaptureServer | undefined
let dir: string | undefined
afterEach(async () => {
  await server?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('a refused distinct id', () => {
  it('reaches no sink at all, and each kind is warned about once', async () => {
    server = await startCaptureServer()
    dir = mkdtempSync(join(tmpdir(), 'herald-distinct-id-'))
    const posthog = new PostHog('phc_test', { host: server.url, flushAt: 100, flushInterval: 0, fetchRetryCount: 0 })
    const memory = memorySink()
    const logged: string[] = []
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (logged.push(chunk.toString()), done()) })
    const warnings: string[] = []
    const t = createTelemetry({
      sinks: [memory, posthogSink(posthog), ndjsonSink({ dir, enabled: true, env: {} })],
      enabled: true,
      salt: 'ab'.repeat(32),
      env: 'production',
      envVars: {},
      onWarn: ({ kind, message }) => void warnings.push(`${kind}: ${message}`),
    })
    attachPinoLogger(t, { pino: pino({ level: 'debug' }, stream), level: 'debug' })

    for (const user_id of ['ada@example.com', 'undefined', 'u_1', 'x bob@corp.example.org', '[object Object]', '', 'u_2'])
      orgCreated(t, { org_id: 'o_1', user_id }, { organization: 'o_1' })
    await t.close()

    expect(memory.events.map((e) => e.distinctId)).toEqual(['u_1', 'u_2'])
    expect(server.events.map((e) => [e.event, e.distinctId])).toEqual([
      ['org.created', 'u_1'],
      ['org.created', 'u_2'],
    ])
    expect(logged.map((line) => (JSON.parse(line) as { distinctId: string }).distinctId)).toEqual(['u_1', 'u_2'])
    const buffered = readdirSync(dir).flatMap((file) => readFileSync(join(dir!, file), 'utf8').split('\n').filter(Boolean))
    expect(buffered.map((line) => (JSON.parse(line) as { distinctId: string }).distinctId)).toEqual(['u_1', 'u_2'])
    expect(warnings).toEqual([
      'email-distinct-id: Refused org.created: its distinct id is an email address. Use an opaque id (user_id).',
      'forbidden-distinct-id: Refused org.created: its distinct id is a placeholder such as "undefined". Use an opaque id (user_id).',
    ])
    const everything = JSON.stringify([memory.events, server.events, logged, buffered])
    expect(everything).not.toContain('example.')
    expect(everything).not.toContain('[object Object]')
  })
})
