/**
 * Telemetry off means nothing at all: with consent withheld the sink and the forwarder make no directory,
 * write no file, open no socket and start no timer. Spies on `fs`, `fs/promises`, `net` and `fetch` watch.
 */
import * as fs from 'node:fs'
import * as fsPromises from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { forwarder, ndjsonSink } from '@herald/runtime/delivery'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('node:fs', { spy: true })
vi.mock('node:fs/promises', { spy: true })

function fsCalls(): string[] {
  const calls: string[] = []
  for (const [name, module] of [
    ['fs', fs],
    ['fs/promises', fsPromises],
  ] as const) {
    for (const [key, value] of Object.entries(module)) {
      if (vi.isMockFunction(value) && value.mock.calls.length > 0) calls.push(`${name}.${key}`)
    }
  }
  return calls
}

describe('with telemetry disabled', () => {
  const stateHome = join(tmpdir(), `herald-consent-${process.pid}-${Date.now()}`)
  let connect: ReturnType<typeof vi.spyOn>
  let fetchSpy: ReturnType<typeof vi.spyOn>
  let setTimeoutSpy: ReturnType<typeof vi.spyOn>
  let setIntervalSpy: ReturnType<typeof vi.spyOn>

  beforeEach(() => {
    vi.clearAllMocks()
    connect = vi.spyOn(net.Socket.prototype, 'connect')
    fetchSpy = vi.spyOn(globalThis, 'fetch')
    setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    setIntervalSpy = vi.spyOn(globalThis, 'setInterval')
  })
  afterEach(() => {
    vi.restoreAllMocks()
    fs.rmSync(stateHome, { recursive: true, force: true })
  })

  async function exercise(options: { enabled?: boolean; env: Record<string, string | undefined> }): Promise<boolean[]> {
    const sink = ndjsonSink({ ...options, maxFileBytes: 1024 })
    const fwd = forwarder({ ...options, url: 'http://127.0.0.1:9/ingest', flushIntervalMs: 1 })
    for (let seq = 0; seq < 5000; seq++) sink.write({ event: 'cli.command.run', properties: { seq }, timestamp: '2025-01-01T00:00:00.000Z' })
    await sink.flush()
    await fwd.flush()
    await sink.close()
    await fwd.close()
    return [sink.enabled, fwd.enabled]
  }

  function expectNothingTouched(enabled: boolean[]): void {
    expect(fsCalls()).toEqual([])
    expect(connect).not.toHaveBeenCalled()
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(setTimeoutSpy).not.toHaveBeenCalled()
    expect(setIntervalSpy).not.toHaveBeenCalled()
    expect(enabled).toEqual([false, false])
  }

  it('does nothing when TELEMETRY_ENABLED is unset (telemetry is opt-in)', async () => {
    expectNothingTouched(await exercise({ env: { XDG_STATE_HOME: stateHome } }))
  })

  it('does nothing when DO_NOT_TRACK=1, even with TELEMETRY_ENABLED=1', async () => {
    expectNothingTouched(await exercise({ env: { TELEMETRY_ENABLED: '1', DO_NOT_TRACK: '1', XDG_STATE_HOME: stateHome } }))
  })

  it('does nothing when the code says enabled: false, whatever the environment', async () => {
    expectNothingTouched(await exercise({ enabled: false, env: { TELEMETRY_ENABLED: 'true', XDG_STATE_HOME: stateHome } }))
    expect(fs.existsSync(join(stateHome, 'herald'))).toBe(false)
  })

  it('(control) the same spies do see the files and the timer of an enabled sink', async () => {
    const sink = ndjsonSink({ env: { TELEMETRY_ENABLED: '1', XDG_STATE_HOME: stateHome } })
    sink.write({ event: 'cli.command.run', properties: {}, timestamp: '2025-01-01T00:00:00.000Z' })
    await sink.close()
    expect(sink.dir).toBe(join(stateHome, 'herald'))
    expect(fsCalls()).toEqual(expect.arrayContaining(['fs.mkdirSync', 'fs.openSync', 'fs.writeSync']))
    expect(setTimeoutSpy).toHaveBeenCalled()
  })
})
