import { trace, type Span, type Tracer } from '@opentelemetry/api'
import { describe, expect, it, vi } from 'vitest'
import { otelSink } from './otel/index.js'
import { posthogSink } from './posthog/index.js'
import type { SinkContext, TelemetryEvent } from './sink.js'

const event = (overrides: Partial<TelemetryEvent>): TelemetryEvent => ({
  event: 'org.created',
  properties: { role: 'owner' },
  timestamp: '2026-01-01T00:00:00.000Z',
  ...overrides,
})

describe('posthogSink', () => {
  it('captures with the distinct id, or anonymously without a person profile', () => {
    const capture = vi.fn()
    const sink = posthogSink({ capture })
    sink.write(event({ distinctId: 'u_1' }))
    sink.write(event({}))
    expect(capture.mock.calls.map(([m]) => [m.distinctId, m.event, m.properties])).toEqual([
      ['u_1', 'org.created', { role: 'owner' }],
      ['anonymous', 'org.created', { role: 'owner', $process_person_profile: false }],
    ])
  })

  it('refuses an email-looking distinct id with one warning', () => {
    const capture = vi.fn()
    const warn = vi.fn<SinkContext['warn']>()
    const sink = posthogSink({ capture })
    sink.attach!({ warn })
    sink.write(event({ distinctId: 'ada@example.com' }))
    expect(capture).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledWith('email-distinct-id', expect.stringMatching(/looks like an email/))
  })
})

describe('otelSink', () => {
  it('turns a span run into one span, and a signal into a span event on the active span', () => {
    const spans: Array<{ name: string; attributes: Record<string, unknown>; ended: boolean; status?: unknown }> = []
    const tracer = {
      startSpan(name: string, options: { attributes?: Record<string, unknown> }) {
        const record = { name, attributes: { ...options.attributes }, ended: false, status: undefined as unknown }
        spans.push(record)
        return {
          setAttributes: (a: Record<string, unknown>) => Object.assign(record.attributes, a),
          setAttribute: (k: string, v: unknown) => void (record.attributes[k] = v),
          setStatus: (s: unknown) => void (record.status = s),
          end: () => void (record.ended = true),
        } as unknown as Span
      },
    } as unknown as Tracer
    const sink = otelSink({ tracer })
    sink.write(event({ event: 'auth.login.start', spanId: 's1', properties: { method: 'sso' } }))
    sink.write(event({ event: 'auth.login.exception', spanId: 's1', properties: { method: 'sso', error_kind: 'TypeError', nested: { a: 1 } } }))
    expect(spans).toEqual([
      {
        name: 'auth.login',
        attributes: { method: 'sso', error_kind: 'TypeError', 'error.type': 'TypeError', 'nested.a': 1 },
        ended: true,
        status: { code: 2, message: 'TypeError' },
      },
    ])
    const addEvent = vi.fn()
    vi.spyOn(trace, 'getActiveSpan').mockReturnValue({ addEvent } as unknown as Span)
    sink.write(event({}))
    expect(addEvent).toHaveBeenCalledWith('org.created', { role: 'owner' }, expect.any(Date))
    vi.restoreAllMocks()
  })
})
