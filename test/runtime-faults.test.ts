/**
 * Issue 16, runtime items 11–14: sinks that fail asynchronously, throw values that are not errors, or hang
 * must not escape, cut off other sinks or hang `flush`/`close`; consent given later reaches the sinks.
 * Driven through the example app's generated emitters.
 */
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createTelemetry, memorySink, type Sink, type TelemetryOptions, type WarnHandler } from '@herald/runtime'
import { ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, describe, expect, it } from 'vitest'
import { orgCreated, securityRateLimited } from '../examples/app/src/telemetry/events.js'

const SALT = 'ab'.repeat(32)

function setUp(sinks: Sink[], options: TelemetryOptions = {}) {
  const warnings: Array<{ kind: string; message: string }> = []
  const onWarn: WarnHandler = ({ kind, message }) => void warnings.push({ kind, message })
  const t = createTelemetry({ sinks, enabled: true, salt: SALT, env: 'production', envVars: {}, onWarn, ...options })
  return { t, warnings }
}

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => void unhandled.push(reason)
process.on('unhandledRejection', onUnhandled)
afterEach(() => {
  unhandled.length = 0
})

describe('a sink that fails', () => {
  it('with a rejected promise from write does not escape: one sink-error warning naming the sink', async () => {
    const rejecting = { name: 'async-rejecting', write: async () => Promise.reject(new Error('socket closed')) } satisfies Sink
    const memory = memorySink()
    const { t, warnings } = setUp([rejecting, memory])
    for (let i = 0; i < 1000; i++) securityRateLimited(t, { limiter: 'login', count: i })
    // Let every rejection settle, and the process hook see any that escaped.
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(unhandled).toEqual([])
    expect(warnings).toEqual([{ kind: 'sink-error', message: 'The sink "async-rejecting" failed to write: socket closed.' }])
    expect(memory.events).toHaveLength(1000)
  })

  it('by throwing a value that is not an Error does not cut off later sinks, and the warning blames the sink', () => {
    const throwing: Sink = {
      name: 'null-proto-thrower',
      write() {
        throw Object.create(null)
      },
    }
    const memory = memorySink()
    const { t, warnings } = setUp([throwing, memory])
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    orgCreated(t, { org_id: 'o_2', user_id: 'u_2' }, { organization: 'o_2' })
    expect(memory.events.map((e) => e.distinctId)).toEqual(['u_1', 'u_2'])
    expect(warnings.map((w) => w.kind)).toEqual(['sink-error'])
    expect(warnings[0]!.message).toContain('"null-proto-thrower"')
    expect(warnings.some((w) => w.kind === 'emit-failed')).toBe(false)
  })
})

describe('flush and close', () => {
  const hung: Sink = { name: 'hung', write() {}, flush: () => new Promise(() => {}), close: () => new Promise(() => {}) }

  it('give up on a hung sink after flushTimeoutMs and name it', async () => {
    const memory = memorySink()
    const { t, warnings } = setUp([memory, hung], { flushTimeoutMs: 50 })
    const started = performance.now()
    await expect(t.flush()).resolves.toEqual({ unfinished: ['hung'] })
    await expect(t.close({ timeoutMs: 30 })).resolves.toEqual({ unfinished: ['hung'] })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(warnings.map((w) => w.kind)).toEqual(['sink-timeout', 'sink-timeout'])
    expect(warnings[0]!.message).toMatch(/"hung" did not flush within 50 ms/)
    expect(warnings[1]!.message).toMatch(/"hung" did not close within 30 ms/)
  })

  it('have a default deadline and resolve at once when every sink finishes', async () => {
    const { t, warnings } = setUp([memorySink()])
    await expect(t.flush()).resolves.toEqual({ unfinished: [] })
    expect(warnings).toEqual([])
    // The default (5 s) is in force without the option: a hung sink ends the wait, not the test timeout.
    const slow = setUp([hung])
    const result = await Promise.race([slow.t.flush(), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5600))])
    expect(result).toEqual({ unfinished: ['hung'] })
  }, 10_000)
})

describe('consent given after the client was created', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('reaches every sink through setEnabled, so the next events are sent', () => {
    const memory = memorySink()
    const told: boolean[] = []
    const consentAware: Sink = { name: 'consent-aware', write() {}, setEnabled: (enabled) => void told.push(enabled) }
    const { t } = setUp([memory, consentAware], { enabled: undefined })
    expect(t.enabled).toBe(false)
    orgCreated(t, { org_id: 'o_0', user_id: 'u_0' }, { organization: 'o_0' })
    t.setEnabled(true)
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    expect(memory.events.map((e) => e.distinctId)).toEqual(['u_1'])
    expect(told).toEqual([true])
  })

  it('names a sink that stays disabled instead of dropping its events silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-consent-later-'))
    dirs.push(dir)
    // Created before consent, as an app would at start-up: the ndjson sink decides consent when created.
    const sink = ndjsonSink({ dir, env: {} })
    const { t, warnings } = setUp([sink], { enabled: undefined })
    t.setEnabled(true)
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    await t.close()
    // Either the sink honours the setEnabled hook and the event is on disk, or a warning names it.
    if (sink.enabled)
      expect(
        readdirSync(dir)
          .map((file) => readFileSync(join(dir, file), 'utf8'))
          .join(''),
      ).toContain('"org.created"')
    else expect(warnings).toEqual([expect.objectContaining({ kind: 'sink-disabled', message: expect.stringContaining('"ndjson"') })])
  })
})
