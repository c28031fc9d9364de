import { describe, expect, it } from 'vitest'
import { demo } from './main.js'

describe('the example app', () => {
  it('sends redacted, hashed events to PostHog through the generated emitters', async () => {
    const posthog = await demo()
    expect(posthog.captured.map((m) => m.event)).toEqual([
      'auth.login.start', 'auth.login.stop', 'auth.login.start', 'auth.login.exception', 'mfa.verify.start', 'mfa.verify.stop', 'org.created', 'org.member.added',
    ])
    const stop = posthog.captured[1]!
    expect(stop.distinctId).toBe('u_1815')
    expect(stop.properties).toMatchObject({ method: 'password', success: true, duration_ms: expect.any(Number) })
    expect(JSON.stringify(posthog.captured)).not.toContain('203.0.113.7')
    expect(posthog.captured[3]!.properties).toMatchObject({ error_kind: 'InvalidCredentials' })
  })
})
