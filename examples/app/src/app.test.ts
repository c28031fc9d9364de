import { PostHog } from 'posthog-node'
import { afterEach, describe, expect, it } from 'vitest'
import { startCaptureServer, type CaptureServer } from '../../../test/support/capture-server.js'
import { demo } from './main.js'

let server: CaptureServer | undefined
afterEach(async () => {
  await server?.close()
})

describe('the example app', () => {
  it('sends redacted, hashed events to PostHog (the real posthog-node client, a local capture server)', async () => {
    server = await startCaptureServer()
    await demo(new PostHog('phc_example', { host: server.url, flushAt: 5, flushInterval: 0, fetchRetryCount: 0 }))
    expect(server.errors).toEqual([])
    const events = server.events
    expect(events.map((m) => m.event)).toEqual([
      'auth.login.start',
      'auth.login.stop',
      'auth.login.start',
      'auth.login.exception',
      'mfa.verify.start',
      'mfa.verify.stop',
      'org.created',
      'org.member.added',
    ])
    expect(events.every((e) => e.path === '/batch/')).toBe(true)
    const stop = events[1]!
    expect(stop.distinctId).toBe('u_1815')
    expect(stop.properties).toMatchObject({ method: 'password', success: true, duration_ms: expect.any(Number), $lib: 'posthog-node' })
    expect(JSON.stringify(events)).not.toContain('203.0.113.7')
    expect(events[3]!.properties).toMatchObject({ error_kind: 'InvalidCredentials' })
    // org_id is hashed (HMAC-SHA256 under the demo's salt), never sent raw.
    expect(events[6]!.properties.org_id).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(events)).not.toContain('org_42')
  })
})
