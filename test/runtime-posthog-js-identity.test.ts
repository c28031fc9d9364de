/**
 * The real posthog-js, bundled by Vite with the generated identify, group and alias, in headless Chromium,
 * sending to the local capture server: PostHog's own $identify, $groupidentify and $create_alias arrive, the
 * e-mail id is refused before posthog-js, hashed traits are dropped (the browser default), and a later event
 * carries the group.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './support/browser.js'
import { startCaptureServer, type CaptureServer } from './support/capture-server.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ENTRY = join(ROOT, 'test/fixtures/browser-app/posthog-identity-entry.ts')

let work: string
let server: CaptureServer
let browser: Browser

beforeAll(async () => {
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true })
  work = mkdtempSync(join(ROOT, 'node_modules/.cache/herald-posthog-js-identity-'))
  server = await startCaptureServer()
  browser = await launchChromium()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('posthogBrowserSink with the real posthog-js: identify, group and alias', () => {
  it('maps the generated calls to posthog-js identify, group and alias, refusing an e-mail id', async () => {
    const { build } = await import('vite')
    writeFileSync(join(work, 'index.html'), `<!doctype html><script type="module" src="/${relative(work, ENTRY)}"></script>`)
    await build({ root: work, configFile: false, logLevel: 'silent', build: { outDir: join(work, 'dist'), emptyOutDir: true } })
    const assets = join(work, 'dist/assets')
    for (const file of readdirSync(assets)) server.serve(`/assets/${file}`, { contentType: 'application/javascript', body: readFileSync(join(assets, file)) })
    server.serve('/index.html', { contentType: 'text/html', body: readFileSync(join(work, 'dist/index.html')) })

    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(String(error)))
    await page.goto(`${server.url}/index.html?api_host=${encodeURIComponent(server.url)}`)
    const received = await server.waitForEvents(4, { timeoutMs: 15_000 })
    const warnings = await page.evaluate(() => (globalThis as { heraldWarnings?: string[] }).heraldWarnings)
    await page.close()

    expect(errors).toEqual([])
    expect(server.errors).toEqual([])
    expect(warnings).toEqual(['hash-dropped-in-browser', 'email-distinct-id'])
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
    expect(grouped.properties).toMatchObject({ $group_type: 'company', $group_key: 'c_9', $group_set: { plan: 'business', seats: 12 } })
    expect(aliased.properties).toMatchObject({ alias: 'anon_7', distinct_id: 'u_1' })
    expect(created.properties.$groups).toEqual({ company: 'c_9' })
    expect(JSON.stringify(server.events)).not.toMatch(/203\.0\.113\.7|ada@example\.com/)
  }, 60_000)
})
