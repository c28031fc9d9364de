/**
 * The real posthog-js, bundled with a generated emitter by Vite, in headless Chromium, sending to the local
 * capture server: the events arrive with Herald's properties exactly, hashed fields dropped (the browser
 * default, and so is a hashed group key), the email distinct id refused before posthog-js, `$set`/`$set_once` passed
 * through, an event's groups sent as `$groups` (hashed with a public salt as the catalog says).
 */
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { serveViteBuild, useBrowserHarness } from './support/browser.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = join(ROOT, 'test/fixtures/browser-app/posthog-entry.ts')

const harness = useBrowserHarness('herald-posthog-js-')

/** Herald's own properties: what posthog-js adds ($lib, $current_url, token, distinct_id, …) left out. */
function heraldProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !key.startsWith('$') && key !== 'token' && key !== 'distinct_id'))
}

describe('posthogBrowserSink with the real posthog-js', () => {
  it('delivers generated events from a Vite build in Chromium to the capture server exactly', async () => {
    await serveViteBuild(harness, ENTRY)
    const { server, browser } = harness

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(`${server.url}/index.html?api_host=${encodeURIComponent(server.url)}`)
    const received = await server.waitForEvents(4, { timeoutMs: 15_000, filter: (e) => !e.event.startsWith('$') })
    const warnings = await page.evaluate(() => (globalThis as { heraldWarnings?: string[] }).heraldWarnings)
    await page.close()

    expect(errors).toEqual([])
    expect(server.errors).toEqual([])
    expect(warnings).toEqual(['hash-dropped-in-browser', 'group-key-dropped', 'email-distinct-id'])
    expect(received.map((e) => e.event)).toEqual(['org.created', 'security.rate_limited', 'org.member.added', 'plan.changed'])
    const [created, limited, added, plan] = received as [(typeof received)[0], (typeof received)[0], (typeof received)[0], (typeof received)[0]]
    expect(heraldProperties(created.properties)).toEqual({ user_id: 'u_1' })
    // Its organization key could not be hashed here (the browser default): the group is left out, never sent raw.
    expect(created.properties.$groups).toBeUndefined()
    const hmac = (value: string) =>
      createHmac('sha256', Buffer.from('ab'.repeat(32), 'hex'))
        .update(value)
        .digest('hex')
    expect(heraldProperties(added.properties)).toEqual({ org_id: hmac('o_3'), role: 'admin' })
    expect(added.properties.$groups).toEqual({ organization: hmac('o_3') })
    expect(created.distinctId).toBe('u_1')
    expect(heraldProperties(limited.properties)).toEqual({ limiter: 'login', count: 3 })
    // Without a distinct id of its own, the event goes out under posthog-js' anonymous id.
    expect(limited.distinctId).toMatch(/^[0-9a-f-]{36}$/)
    expect(limited.properties.$lib).toBe('web')
    expect(heraldProperties(plan.properties)).toEqual({ plan: 'pro' })
    expect(plan.raw.$set).toEqual({ plan: 'pro' })
    expect(plan.raw.$set_once).toMatchObject({ first_plan: 'free' })
    expect(plan.properties.$groups).toEqual({ project: 'p_1', organization: 'c_9' })
    // Nothing hashed, raw or refused reached PostHog.
    const wire = JSON.stringify(server.events)
    for (const secret of ['o_1', 'o_2', 'o_3', '203.0.113.7', 'ada@example.com', 'limit_key']) expect(wire).not.toContain(secret)
    // org_id left out where it could not be hashed (the default), sent hashed with the public salt.
    expect(created.properties.org_id).toBeUndefined()
  }, 60_000)
})
