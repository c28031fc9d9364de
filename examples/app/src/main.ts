/**
 * Runs the service once and sends its telemetry to PostHog through posthog-node:
 * `POSTHOG_KEY=phc_… [POSTHOG_HOST=https://eu.i.posthog.com] node --import tsx examples/app/src/main.ts`.
 * The test points the same client at a local capture server.
 */
import { PostHog } from 'posthog-node'
import { AuthService } from './auth-service.js'
import { setUpTelemetry } from './telemetry.js'

export async function demo(posthog: PostHog): Promise<void> {
  const t = setUpTelemetry({ posthog, enabled: true, salt: 'c0ffee'.repeat(10) + 'c0ff', env: 'production' })
  const users = new Map([['ada', { id: 'u_1815', passwordOk: (password: string) => password === 'correct horse', totp: '123456' }]])
  const service = new AuthService(t, users)
  await service.login('ada', 'correct horse', '203.0.113.7')
  await service.login('ada', 'wrong', '203.0.113.7').catch(() => undefined)
  service.verifyMfa('u_1815', '123456', '203.0.113.7')
  service.createOrg('org_42', 'u_1815')
  // Closing the telemetry shuts the client down, which sends what it still holds.
  await t.close()
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const key = process.env.POSTHOG_KEY
  if (key === undefined || key === '') {
    console.error('Set POSTHOG_KEY (and POSTHOG_HOST for a self-hosted or EU PostHog) to send the demo events.')
    process.exit(2)
  }
  await demo(new PostHog(key, { host: process.env.POSTHOG_HOST ?? 'https://us.i.posthog.com' }))
  console.log('sent the demo events')
}
