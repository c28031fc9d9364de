/** The emit pipeline through generated emitters: consent, validation, redaction, hashing, sinks, spans. */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createHmac } from 'node:crypto'
import {
  attachDefaultLogger,
  compileForbiddenKeys,
  createHasher,
  createTelemetry,
  memorySink,
  refusedDistinctId,
  serializeEvent,
  type Sink,
  type TelemetryEvent,
} from '@herald/runtime'
import { generate } from '@herald/generator-typescript'
import fc from 'fast-check'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { loadFixture, writeTemp } from './generate-helpers.js'

const SALT = '0123456789abcdef'.repeat(4)
type Emitters = Record<string, (...args: never[]) => unknown>
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let m: any

beforeAll(async () => {
  const dir = writeTemp(generate(loadFixture('test/fixtures/generate-runtime.catalog.json'), {}))
  m = (await import(pathToFileURL(join(dir, 'events.js')).href)) as Emitters
})

const rateLimited = { limiter: 'login', count: 3, user_id: 'u_1', ip: '203.0.113.7' }

function setUp(options: Parameters<typeof createTelemetry>[0] = {}) {
  const sink = memorySink()
  const warnings: Array<{ kind: string; message: string }> = []
  const t = createTelemetry({ sinks: [sink], enabled: true, salt: SALT, env: 'production', envVars: {}, onWarn: (w) => void warnings.push(w), ...options })
  return { t, sink, warnings }
}

describe('the public contract', () => {
  it('sends a redacted, hashed signal to the memory sink', () => {
    const { t, sink } = setUp()
    m.securityRateLimited(t, { ...rateLimited, user_agent: 'Mozilla/5.0', password: 'hunter2' })
    expect(sink.events).toEqual([
      {
        event: 'security.rate_limited',
        properties: { user_id: 'u_1', limiter: 'login', count: 3, ip: expect.stringMatching(/^[0-9a-f]{64}$/) },
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        distinctId: 'u_1',
      },
    ])
    expect(sink.events[0]!.properties.ip).not.toBe('203.0.113.7')
  })

  it('omits distinctId when the event has none', () => {
    const { t, sink } = setUp()
    m.securityRateLimited(t, { limiter: 'mfa', count: 1 })
    expect(sink.events[0]).toStrictEqual({ event: 'security.rate_limited', properties: { limiter: 'mfa', count: 1 }, timestamp: expect.any(String) })
  })

  it('keeps a deny-listed declared key only as a boolean or number, decided at generate time', () => {
    const { t, sink } = setUp()
    m.securityRateLimited(t, { limiter: 'login', count: 1, has_password: true, token_count: 2 })
    m.securityRateLimited(t, { limiter: 'login', count: 1, has_password: 'hunter2' })
    expect(sink.events[0]!.properties).toEqual({ limiter: 'login', count: 1, has_password: true, token_count: 2 })
    expect(sink.events[1]!.properties).toEqual({ limiter: 'login', count: 1 })
  })

  it('redacts nested objects and arrays to their declared keys, and hashes nested hashed fields', () => {
    const { t, sink } = setUp()
    m.securityRateLimited(t, {
      limiter: 'login',
      count: 1,
      client: { os: 'linux', secret: 'x', tags: ['a', { apiKey: 'k' }], screens: [{ w: 1, h: 2, cookie: 'c' }, 'junk'], fingerprint: 'fp', extra: { a: 1 } },
    })
    const client = sink.events[0]!.properties.client as Record<string, unknown>
    expect(Object.keys(client)).toEqual(['os', 'tags', 'screens', 'fingerprint'])
    expect(client.tags).toEqual(['a'])
    expect(client.screens).toEqual([{ w: 1, h: 2 }])
    expect(client.fingerprint).toMatch(/^[0-9a-f]{64}$/)
  })

  it('extends the deny list at run time, at any depth', () => {
    const { t, sink } = setUp({ forbiddenKeys: compileForbiddenKeys(['os', 'limiter']) })
    m.securityRateLimited(t, { limiter: 'login', count: 1, client: { os: 'linux', version: '1.2' } })
    expect(sink.events[0]!.properties).toEqual({ count: 1, client: { version: '1.2' } })
  })
})

describe('consent', () => {
  it('is off unless enabled, by the option or TELEMETRY_ENABLED', () => {
    expect(setUp({ enabled: undefined }).t.enabled).toBe(false)
    expect(setUp({ enabled: undefined, envVars: { TELEMETRY_ENABLED: '1' } }).t.enabled).toBe(true)
    expect(setUp({ enabled: false, envVars: { TELEMETRY_ENABLED: '1' } }).t.enabled).toBe(false)
  })

  it('DO_NOT_TRACK=1 always wins', () => {
    const { t, sink } = setUp({ enabled: true, envVars: { DO_NOT_TRACK: '1' } })
    m.securityRateLimited(t, rateLimited)
    expect(sink.events).toEqual([])
    t.setEnabled(true)
    expect(t.enabled).toBe(false)
  })

  it('asks optOut with the event and its properties; a throwing callback sends nothing', () => {
    const optOut = vi.fn(({ properties }: { properties: Readonly<Record<string, unknown>> }) => properties.user_id === 'u_out')
    const { t, sink } = setUp({ optOut })
    m.securityRateLimited(t, { ...rateLimited, user_id: 'u_out' })
    m.securityRateLimited(t, rateLimited)
    expect(optOut).toHaveBeenCalledWith({ event: 'security.rate_limited', properties: { ...rateLimited, user_id: 'u_out' } })
    expect(sink.events.map((e) => e.distinctId)).toEqual(['u_1'])
    const failing = setUp({
      optOut: () => {
        throw new Error('db down')
      },
    })
    m.securityRateLimited(failing.t, rateLimited)
    expect(failing.sink.events).toEqual([])
    expect(failing.warnings.map((w) => w.kind)).toEqual(['opt-out-error'])
  })

  it('when disabled, a spy on fs and net sees no call, and spans still run fn', async () => {
    // The CommonJS objects are the ones calls go through (ESM namespaces cannot be spied on).
    const require = createRequire(import.meta.url)
    const fs = require('node:fs') as typeof import('node:fs')
    const net = require('node:net') as typeof import('node:net')
    const spies = [
      ...(['writeFileSync', 'appendFileSync', 'openSync', 'writeSync', 'mkdirSync', 'createWriteStream'] as const).map((name) => vi.spyOn(fs, name)),
      vi.spyOn(fs.promises, 'writeFile'),
      vi.spyOn(fs.promises, 'appendFile'),
      vi.spyOn(fs.promises, 'open'),
      ...(['connect', 'createConnection'] as const).map((name) => vi.spyOn(net, name)),
      vi.spyOn(net.Socket.prototype, 'connect'),
      vi.spyOn(globalThis, 'setTimeout'),
      vi.spyOn(globalThis, 'setInterval'),
    ]
    const { posthogSink } = await import('@herald/runtime/posthog')
    const capture = vi.fn()
    const t = createTelemetry({ sinks: [memorySink(), posthogSink({ capture })], enabled: false, envVars: {}, env: 'development' })
    attachDefaultLogger(t)
    for (let i = 0; i < 100; i++) m.securityRateLimited(t, rateLimited)
    expect(m.authLogin(t, { method: 'sso' }, () => 42)).toBe(42)
    await m.authLogin(t, { method: 'sso' }, async () => 1)
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
    expect(capture).not.toHaveBeenCalled()
    for (const spy of spies) spy.mockRestore()
  })
})

describe('failures never reach the caller', () => {
  it('a sink that throws, hit 10,000 times: no exception, exactly one warning', () => {
    const throwing: Sink = {
      name: 'broken',
      write: () => {
        throw new Error('disk full')
      },
    }
    const { t, sink, warnings } = setUp({ sinks: [throwing, memorySink()] })
    for (let i = 0; i < 10_000; i++) expect(() => m.securityRateLimited(t, rateLimited)).not.toThrow()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ kind: 'sink-error', message: expect.stringContaining('broken') })
    expect(sink.events).toEqual([])
  })

  it('a throwing onWarn and hostile property objects do not throw either', () => {
    const t = createTelemetry({
      sinks: [
        {
          name: 'x',
          write: () => {
            throw new Error('x')
          },
        },
      ],
      enabled: true,
      salt: SALT,
      envVars: {},
      onWarn: () => {
        throw new Error('y')
      },
    })
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('getter')
        },
      },
    )
    expect(() => m.securityRateLimited(t, rateLimited)).not.toThrow()
    expect(() => m.securityRateLimited(t, hostile)).not.toThrow()
    expect(() => m.securityRateLimited(t, null)).not.toThrow()
  })
})

describe('validation (dev only)', () => {
  it('warns once per event about invalid properties, and still sends them redacted', () => {
    const { t, sink, warnings } = setUp({ env: 'development' })
    m.securityRateLimited(t, { limiter: 'nope', count: 0, password: 'x' })
    m.securityRateLimited(t, { limiter: 'nope', count: 0 })
    expect(warnings).toEqual([{ kind: 'invalid-properties', message: expect.stringContaining('security.rate_limited: /limiter must be one of') }])
    expect(warnings[0]!.message).not.toContain('nope')
    expect(sink.events).toHaveLength(2)
    expect(sink.events[0]!.properties).toEqual({ limiter: 'nope', count: 0 })
  })

  it('does not validate in production', () => {
    const { t, warnings } = setUp({ env: 'production' })
    m.securityRateLimited(t, { limiter: 'nope', count: 0 })
    expect(warnings).toEqual([])
  })
})

describe('hashing salts', () => {
  it('reads the env var the catalog names', () => {
    const a = setUp({ salt: undefined, envVars: { TEST_SALT: SALT } })
    const b = setUp({ salt: SALT })
    m.securityRateLimited(a.t, rateLimited)
    m.securityRateLimited(b.t, rateLimited)
    expect(a.sink.events[0]!.properties.ip).toBe(b.sink.events[0]!.properties.ip)
    expect(a.warnings).toEqual([])
  })

  it('in dev without a salt: an ephemeral salt and one loud warning', () => {
    const { t, sink, warnings } = setUp({ salt: undefined, env: 'development' })
    m.securityRateLimited(t, rateLimited)
    m.securityRateLimited(t, rateLimited)
    expect(sink.events[0]!.properties.ip).toMatch(/^[0-9a-f]{64}$/)
    expect(warnings.map((w) => w.kind)).toEqual(['ephemeral-salt'])
    expect(warnings[0]!.message).toMatch(/NO HASHING SALT/)
  })

  it('in production without a salt: hashed fields are dropped, never sent raw, with one warning', () => {
    const { t, sink, warnings } = setUp({ salt: undefined })
    m.securityRateLimited(t, rateLimited)
    m.securityRateLimited(t, rateLimited)
    expect(sink.events[0]!.properties).toEqual({ user_id: 'u_1', limiter: 'login', count: 3 })
    expect(warnings.map((w) => w.kind)).toEqual(['missing-salt'])
  })

  it('hashes with HMAC-SHA256 keyed by the salt bytes, short values and long ones alike', () => {
    const { t, sink } = setUp()
    const expected = (value: string) => createHmac('sha256', Buffer.from(SALT, 'hex')).update(value).digest('hex')
    const long = `2001:db8::${'é'.repeat(1500)}`
    for (const ip of ['203.0.113.7', 'ü😀', long]) m.securityRateLimited(t, { ...rateLimited, ip })
    expect(sink.events.map((e) => e.properties.ip)).toEqual(['203.0.113.7', 'ü😀', long].map(expected))
  })

  it('createHasher gives code outside the emitters the same hashing and the same salt rules', () => {
    const hash = (value: string) => createHmac('sha256', Buffer.from(SALT, 'hex')).update(value).digest('hex')
    expect(createHasher({ salt: SALT }).hash('203.0.113.7', 'TEST_SALT')).toBe(hash('203.0.113.7'))
    expect(createHasher({ envVars: { TEST_SALT: SALT } }).hash(42, 'TEST_SALT')).toBe(hash('42'))
    const warnings: string[] = []
    const unsalted = createHasher({ env: 'production', envVars: {}, onWarn: (w) => void warnings.push(w.kind) })
    expect(unsalted.hash('203.0.113.7', 'TEST_SALT')).toBeUndefined()
    expect(unsalted.hash('203.0.113.8', 'TEST_SALT')).toBeUndefined()
    expect(warnings).toEqual(['missing-salt'])
  })

  it('refuses a salt that is not 64 hex characters', () => {
    const { t, sink, warnings } = setUp({ salt: 'short' })
    m.securityRateLimited(t, rateLimited)
    expect(sink.events[0]!.properties.ip).toBeUndefined()
    expect(warnings.map((w) => w.kind)).toEqual(['invalid-salt', 'missing-salt'])
  })
})

describe('spans', () => {
  it('emits start then stop with duration_ms, and returns the result (sync)', () => {
    const { t, sink } = setUp()
    expect(
      m.authLogin(t, { method: 'password' }, (span: { set(p: object): void }) => {
        span.set({ success: true, user_id: 'u_9' })
        return 'ok'
      }),
    ).toBe('ok')
    expect(sink.events.map((e) => e.event)).toEqual(['auth.login.start', 'auth.login.stop'])
    expect(sink.events[1]!.properties).toEqual({ user_id: 'u_9', method: 'password', success: true, duration_ms: expect.any(Number) })
    expect(sink.events[1]!.distinctId).toBe('u_9')
  })

  it('emits exception with the error class name, never its message, and rethrows the same error (async)', async () => {
    class LockedOut extends Error {}
    const { t, sink } = setUp()
    const error = new LockedOut('user ada@example.com is locked')
    await expect(
      m.authLogin(t, { method: 'sso' }, async () => {
        throw error
      }),
    ).rejects.toBe(error)
    expect(sink.events.map((e) => e.event)).toEqual(['auth.login.start', 'auth.login.exception'])
    expect(sink.events[1]!.properties).toEqual({ method: 'sso', error_kind: 'LockedOut' })
    expect(JSON.stringify(sink.events)).not.toContain('ada@example.com')
  })

  it('rethrows a sync error and resolves an async result', async () => {
    const { t, sink } = setUp()
    expect(() =>
      m.authLogin(t, { method: 'sso' }, () => {
        throw new TypeError('boom')
      }),
    ).toThrow(TypeError)
    await expect(m.authLogin(t, { method: 'sso' }, async () => 7)).resolves.toBe(7)
    expect(sink.events.map((e) => e.event)).toEqual(['auth.login.start', 'auth.login.exception', 'auth.login.start', 'auth.login.stop'])
  })
})

describe('sinks and serialization', () => {
  it('serializeEvent gives exactly JSON.stringify(event), from inside a sink and outside', () => {
    const lines: string[] = []
    const seen: TelemetryEvent[] = []
    const json: Sink = {
      name: 'json',
      write: (event) => {
        lines.push(serializeEvent(event))
        seen.push(event)
      },
    }
    const { t } = setUp({ sinks: [json] })
    m.securityRateLimited(t, { ...rateLimited, client: { os: 'linux', tags: ['a"b', '\u2028', '😀'] } })
    m.authLogin(t, { method: 'sso', user_id: 'quote"d' }, () => undefined)
    expect(lines).toEqual(seen.map((event) => JSON.stringify(event)))
    expect(seen.map(serializeEvent)).toEqual(lines)
  })

  it('serializeEvent gives exactly JSON.stringify(event) for any property values, signals and span phases', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('login', 'mfa', 'sso', 'a"b'),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string(), fc.integer())),
    )
    const properties = fc.record(
      // A distinct id the core refuses (an email, a placeholder such as '') stops the event; that is tested elsewhere.
      {
        user_id: value.filter((v) => typeof v !== 'string' || refusedDistinctId(v) === undefined),
        limiter: value,
        method: value,
        count: value,
        ip: value,
        has_password: value,
        token_count: value,
        client: fc.oneof(value, fc.record({ os: value, tags: value, screens: value })),
      },
      { requiredKeys: [] },
    )
    const lines: string[] = []
    const expected: string[] = []
    const json: Sink = {
      name: 'json',
      write: (event) => {
        lines.push(serializeEvent(event))
        expected.push(JSON.stringify(event))
      },
    }
    const { t } = setUp({ sinks: [json] })
    fc.assert(
      fc.property(properties, fc.boolean(), (props, fails) => {
        lines.length = 0
        expected.length = 0
        m.securityRateLimited(t, props)
        try {
          m.authLogin(t, props, () => {
            if (fails) throw new RangeError('x')
          })
        } catch {
          // The span rethrows fn's error; its .exception event is what is checked.
        }
        expect(lines).toHaveLength(3)
        expect(lines).toEqual(expected)
      }),
      { numRuns: 2_000 },
    )
  })

  it('serializeEvent gives exactly JSON.stringify(event) when a sink before it sets an id, or not, event after event', () => {
    const lines: string[] = []
    const expected: string[] = []
    let n = 0
    const setsId: Sink = {
      name: 'sets-id',
      write: (event) => {
        n++
        if (n % 3 === 0) event.id = `e${n}`
        else if (n % 3 === 1) event.id = n
        // A sink may change what the next one sees, the level too.
        if (n % 8 === 5) event.level = 'debug'
      },
    }
    const json: Sink = {
      name: 'json',
      write: (event) => {
        lines.push(serializeEvent(event))
        expected.push(JSON.stringify(event))
      },
    }
    const { t } = setUp({ sinks: [setsId, json] })
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) })
    try {
      for (let i = 0; i < 6; i++) {
        m.securityRateLimited(t, { ...rateLimited, user_id: i % 2 === 0 ? 'u_1' : 'u_2' })
        // Events alike but for the distinct id, then but for the time.
        m.sessionRevokeAll(t, { user_id: 'u_1' })
        m.sessionRevokeAll(t, { user_id: 'u_2' })
        m.sessionRevokeAll(t, {})
        vi.advanceTimersByTime(i)
        m.sessionRevokeAll(t, {})
        // And but for the category (and the span id).
        m.sessionRevokeAll(t, { user_id: 'u_1' })
        m.authLogin(t, { method: 'sso', user_id: 'u_1' }, () => undefined)
      }
    } finally {
      vi.useRealTimers()
    }
    expect(lines).toHaveLength(48)
    expect(new Set(expected.map((line) => JSON.parse(line).timestamp)).size).toBe(6)
    expect(lines).toEqual(expected)
  })

  it('attachDefaultLogger logs stops and signals at their level, and refuses a second attach', () => {
    const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const { t } = setUp()
    expect(attachDefaultLogger(t, { level: 'info', categories: ['security', 'auth'], logger })).toEqual({ ok: true })
    expect(attachDefaultLogger(t, { logger })).toEqual({ error: 'already_exists' })
    m.securityRateLimited(t, rateLimited)
    m.authLogin(t, { method: 'sso' }, () => undefined)
    m.sessionRevokeAll(t, { user_id: 'u_1' })
    expect(logger.warn).toHaveBeenCalledTimes(1)
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'security.rate_limited' }), 'security.rate_limited')
    expect(logger.info).toHaveBeenCalledTimes(1)
    expect(logger.info).toHaveBeenCalledWith(expect.objectContaining({ event: 'auth.login.stop' }), 'auth.login.stop')
  })
})
