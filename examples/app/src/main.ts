/** Runs the service once and prints what PostHog would have received: `node --import tsx examples/app/src/main.ts`. */
import { AuthService } from './auth-service.js'
import { FakePostHog } from './fake-posthog.js'
import { setUpTelemetry } from './telemetry.js'

export async function demo(posthog = new FakePostHog()): Promise<FakePostHog> {
  const t = setUpTelemetry({ posthog, enabled: true, salt: 'c0ffee'.repeat(10) + 'c0ff', env: 'production' })
  const users = new Map([['ada', { id: 'u_1815', passwordOk: (password: string) => password === 'correct horse', totp: '123456' }]])
  const service = new AuthService(t, users)
  await service.login('ada', 'correct horse', '203.0.113.7')
  await service.login('ada', 'wrong', '203.0.113.7').catch(() => undefined)
  service.verifyMfa('u_1815', '123456', '203.0.113.7')
  service.createOrg('org_42', 'u_1815')
  await t.close()
  return posthog
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const posthog = await demo()
  for (const message of posthog.captured) console.log(JSON.stringify(message))
}
