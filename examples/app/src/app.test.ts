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
      '$identify',
      'auth.login.stop',
      'auth.login.start',
      'auth.login.exception',
      'mfa.verify.start',
      'mfa.verify.stop',
      '$groupidentify',
      'org.created',
      'org.member.added',
    ])
    expect(events.every((e) => e.path === '/batch/')).toBe(true)
    const stop = events[2]!
    expect(stop.distinctId).toBe('u_1815')
    expect(stop.properties).toMatchObject({ method: 'password', success: true, duration_ms: expect.any(Number), $lib: 'posthog-node' })
    expect(JSON.stringify(events)).not.toContain('203.0.113.7')
    expect(events[4]!.properties).toMatchObject({ error_kind: 'InvalidCredentials' })
    // org_id is hashed (HMAC-SHA256 under the demo's salt), never sent raw.
    const [identified, grouped, created, added] = [events[1]!, events[7]!, events[8]!, events[9]!]
    expect(identified.distinctId).toBe('u_1815')
    expect(created.properties.org_id).toMatch(/^[0-9a-f]{64}$/)
    // The org events carry the organization group, keyed by the same hash as org_id and as the group call.
    expect(grouped.properties).toMatchObject({ $group_type: 'organization', $group_key: created.properties.org_id, $group_set: { seats: 1 } })
    expect(created.properties.$groups).toEqual({ organization: created.properties.org_id })
    expect(added.properties.$groups).toEqual({ organization: created.properties.org_id })
    expect(JSON.stringify(events)).not.toContain('org_42')
  })
})
