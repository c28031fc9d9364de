/**
 * The real posthog-js, bundled by Vite with the generated identify, group and alias, in headless Chromium,
 * sending to the local capture server: PostHog's own $identify, $groupidentify and $create_alias arrive, the
 * e-mail id is refused before posthog-js, hashed traits are dropped (the browser default), a hashed group key
 * is refused by default and hashed with a public salt, and a later event carries the group.
 */
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { serveViteBuild, useBrowserHarness } from './support/browser.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = join(ROOT, 'test/fixtures/browser-app/posthog-identity-entry.ts')

const harness = useBrowserHarness('herald-posthog-js-identity-')

describe('posthogBrowserSink with the real posthog-js: identify, group and alias', () => {
  it('maps the generated calls to posthog-js identify, group and alias, refusing an e-mail id', async () => {
    await serveViteBuild(harness, ENTRY)
    const { server, browser } = harness

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(`${server.url}/index.html?api_host=${encodeURIComponent(server.url)}`)
    const received = await server.waitForEvents(4, { timeoutMs: 15_000 })
    const warnings = await page.evaluate(() => (globalThis as { heraldWarnings?: string[] }).heraldWarnings)
    await page.close()

    expect(errors).toEqual([])
    expect(server.errors).toEqual([])
    expect(warnings).toEqual(['hash-dropped-in-browser', 'email-distinct-id', 'group-key-dropped'])
    // posthog-js may send them in more than one request; each arrives once.
    expect(received.map((e) => e.event).sort()).toEqual(['$create_alias', '$groupidentify', '$identify', 'org.created'])
    const named = (name: string) => received.find((e) => e.event === name)!
    const [identified, grouped, aliased, created] = ['$identify', '$groupidentify', '$create_alias', 'org.created'].map(named) as [
      (typeof received)[0],
      (typeof received)[0],
      (typeof received)[0],
      (typeof received)[0],
    ]
    expect(identified.distinctId).toBe('u_1')
    expect(identified.raw.$set ?? identified.properties.$set).toEqual({ tier: 'team' })
    expect(identified.raw.$set_once ?? identified.properties.$set_once).toMatchObject({ signup_method: 'sso' })
    const key = createHmac('sha256', Buffer.from('ab'.repeat(32), 'hex'))
      .update('c_9')
      .digest('hex')
    expect(grouped.properties).toMatchObject({ $group_type: 'organization', $group_key: key, $group_set: { plan: 'business', seats: 12 } })
    expect(aliased.properties).toMatchObject({ alias: 'anon_7', distinct_id: 'u_1' })
    expect(created.properties.$groups).toEqual({ organization: key })
    expect(JSON.stringify(server.events)).not.toMatch(/203\.0\.113\.7|ada@example\.com|c_9/)
  }, 60_000)
})
