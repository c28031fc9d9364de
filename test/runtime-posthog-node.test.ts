/** posthogSink with the real posthog-node client against the local capture server (gzip on, as by default). */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generate } from '@herald/generator-typescript'
import { createTelemetry, type TelemetryOptions } from '@herald/runtime'
import { posthogSink } from '@herald/runtime/posthog'
import { PostHog } from 'posthog-node'
import { afterEach, describe, expect, it } from 'vitest'
import { orgCreated, securityRateLimited } from '../examples/app/src/telemetry/events.js'
import { loadFixture, writeTemp } from './generate-helpers.js'
import { startCaptureServer, type CaptureServer } from './support/capture-server.js'

const SALT = 'ab'.repeat(32)
let server: CaptureServer | undefined
afterEach(async () => {
  await server?.close()
})

/** Production telemetry with the salt, sending through a real posthog-node client to the local capture server. */
function productionTelemetry(host: string, onWarn?: TelemetryOptions['onWarn']) {
  return createTelemetry({
    sinks: [posthogSink(new PostHog('phc_test', { host, flushAt: 10, flushInterval: 0, fetchRetryCount: 0 }))],
    enabled: true,
    salt: SALT,
    env: 'production',
    envVars: {},
    ...(onWarn ? { onWarn } : {}),
  })
}

describe('posthogSink with the real posthog-node', () => {
  it('sends the distinct id, or anonymous without a person profile; hashed fields hashed; groups as $groups, hashed as org_id; batches gzipped', async () => {
    server = await startCaptureServer()
    const warnings: string[] = []
    const t = productionTelemetry(server.url, ({ kind }) => void warnings.push(kind))
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    securityRateLimited(t, { limiter: 'login', limit_key: 'ip:203.0.113.7', count: 3 })
    await expect(t.close()).resolves.toEqual({ unfinished: [] })

    expect(warnings).toEqual([])
    expect(server.errors).toEqual([])
    expect(server.requests.filter((r) => r.url.startsWith('/batch/')).map((r) => r.headers['content-encoding'])).toEqual(['gzip'])
    const own = (properties: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(properties).filter(([key]) => !key.startsWith('$lib') && key !== '$geoip_disable' && key !== '$is_server'))
    expect(server.events.map((e) => [e.event, e.distinctId, own(e.properties)])).toEqual([
      [
        'org.created',
        'u_1',
        { org_id: expect.stringMatching(/^[0-9a-f]{64}$/), user_id: 'u_1', $groups: { organization: server.events[0]!.properties.org_id } },
      ],
      [
        'security.rate_limited',
        'anonymous',
        { limiter: 'login', count: 3, limit_key: expect.stringMatching(/^[0-9a-f]{64}$/), $process_person_profile: false },
      ],
    ])
    expect(JSON.stringify(server.events)).not.toMatch(/o_1|203\.0\.113\.7/)
  })

  it("receives the version stamps of a catalog with stampVersions on every event, a span's included", async () => {
    const dir = writeTemp(generate(loadFixture('test/fixtures/stamp-versions.catalog.json'), {}))
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the module is generated at run time
    const m: any = await import(pathToFileURL(join(dir, 'events.js')).href)
    server = await startCaptureServer()
    const t = productionTelemetry(server.url)
    await m.authLogin(t, { method: 'password', user_id: 'u_2' }, async () => 'signed in')
    m.authLogout(t, { user_id: 'u_2' })
    m.appHeartbeat(t)
    await expect(t.close()).resolves.toEqual({ unfinished: [] })

    expect(server.errors).toEqual([])
    const stamps = (properties: Record<string, unknown>) => [properties.herald_catalog_version, properties.herald_event_version]
    expect(server.events.map((e) => [e.event, e.distinctId, ...stamps(e.properties)])).toEqual([
      ['auth.login.start', 'u_2', '2.1.0', '2.0.0'],
      ['auth.login.stop', 'u_2', '2.1.0', '2.0.0'],
      ['auth.logout', 'u_2', '2.1.0', '2.1.0'],
      ['app.heartbeat', 'anonymous', '2.1.0', '2.1.0'],
    ])
  })
})
