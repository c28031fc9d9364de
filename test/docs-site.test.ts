/**
 * The generated docs site in a real browser. The docs generator writes pages and a VitePress config for
 * the example catalog and for a hostile one; VitePress builds both; Debian's Chromium, driven by
 * playwright-core, reads them from a local static server. Only a browser can show that catalog text is
 * inert after markdown, VitePress, Vue's template compiler and hydration have all had their turn.
 *
 * CI (`CI=true`) has no excuse to skip: `scripts/setup.sh` installs Chromium, so a missing browser fails.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, extname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalog, loadCatalogOrThrow } from '@herald/core'
import { generate } from '@herald/generator-docs'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const IN_CI = ['1', 'true'].includes((process.env.CI ?? '').toLowerCase())
const HAVE_CHROMIUM = existsSync(CHROMIUM)
const ARTIFACTS = join(ROOT, 'test/artifacts')
const SCREENSHOT = join(ARTIFACTS, 'docs-site.png')
const BUILD_TIMEOUT_MS = 90_000

const exampleCatalog = loadCatalogOrThrow(join(ROOT, 'schema/events.catalog.json'))
const hostileCatalog = loadCatalogOrThrow(join(ROOT, 'test/fixtures/docs-hostile.catalog.json'))
const HOSTILE_EVENT = 'hostile.event'
const HOSTILE_NAME = 'hostile.<img/src/onerror=window.__pwned=2>{{1+1}}'

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `docs-site test skipped: no Chromium at ${CHROMIUM}. Install it with "apt-get install chromium" (scripts/setup.sh does, as root) or point HERALD_CHROMIUM at one.`,
  )
}

// Page loads wait for network idle and hydration; on a loaded 2-core machine that outlasts the default 30 s.
describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('the generated docs site, in Chromium', { timeout: 90_000 }, () => {
  let workDir: string
  let example: Site
  let hostile: Site
  let context: BrowserContext | undefined
  let profileDir: string | undefined

  /** The browser, or (in CI without Chromium) the failure of every test that needs it. */
  function browser(): BrowserContext {
    if (!HAVE_CHROMIUM) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}, and CI must run the browser test. Run scripts/setup.sh as root (it installs Debian's chromium), or set HERALD_CHROMIUM.`,
      )
    }
    return context!
  }

  beforeAll(async () => {
    if (!HAVE_CHROMIUM) return
    await mkdir(ARTIFACTS, { recursive: true })
    // Inside the repo, not in /tmp: a VitePress build resolves `vue` from the site's own directory upwards.
    workDir = await mkdtemp(join(ARTIFACTS, 'sites-'))
    // Both builds at once (each is mostly one process's bundling); settled, so a failing one leaves no server open.
    const built = await Promise.allSettled([buildSite(exampleCatalog, join(workDir, 'example')), buildSite(hostileCatalog, join(workDir, 'hostile'))])
    ;[example, hostile] = built.map((result) => (result.status === 'fulfilled' ? result.value : undefined!))
    const failed = built.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    // A fresh profile each run, so no cache, service worker or setting of an earlier run can change what the test sees.
    profileDir = await mkdtemp(join(tmpdir(), 'herald-chromium-'))
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 1000 },
    })
  }, 110_000)

  afterAll(async () => {
    await context?.close()
    await Promise.all([example?.close(), hostile?.close()])
    for (const dir of [workDir, profileDir]) if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('lists every category on the index page and in the sidebar', async () => {
    const page = await open(browser(), example.url('/'))
    const tableCategories = await page.locator('.vp-doc table').first().locator('tbody tr td:first-child').allTextContents()
    expect(tableCategories).toEqual(Object.keys(exampleCatalog.categories))
    const sidebarGroups = await page.locator('.VPSidebar .VPSidebarItem.level-0 > .item .text').allTextContents()
    expect(sidebarGroups).toEqual(['Catalog', ...Object.keys(exampleCatalog.categories)])
    expect(await headingText(page, '.vp-doc h1')).toBe(exampleCatalog.title)
    await page.close()
  })

  it('shows an event with its properties table, and saves a screenshot', async () => {
    const page = await open(browser(), example.url('/categories/auth.html#event--auth-login'))
    const section = await eventSection(page, 'auth.login')
    expect(section.heading).toBe('auth.login')
    const properties = section.tables.find((table) => table.header[0] === 'Property')!
    expect(properties.header).toEqual(['Property', 'Type', 'Required', 'PII', 'Transform', 'Description'])
    expect(properties.rows.map((row) => row[0])).toEqual(['user_id', 'method', 'success', 'ip'])
    expect(properties.rows.find((row) => row[0] === 'method')![2]).toBe('yes')
    expect(properties.rows.find((row) => row[0] === 'ip')!.slice(3, 5)).toEqual(['personal', 'hash'])
    const wire = section.tables.find((table) => table.header[0] === 'Wire event')!
    expect(wire.rows.map((row) => row[0])).toEqual(['auth.login.start', 'auth.login.stop', 'auth.login.exception'])
    expect(section.code).toContain("authLogin(t, { method: 'password' }, async () =>")
    // Tall enough to show the event's facts, wire events, properties and example call in one picture.
    await page.setViewportSize({ width: 1280, height: 1280 })
    await page.locator('.vp-doc h2', { hasText: 'auth.login' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: SCREENSHOT })
    await page.close()
  })

  it('shows each dashboard with its insights, linked to the events they read', async () => {
    const dashboard = exampleCatalog.dashboards[0]!
    const page = await open(browser(), example.url('/dashboards.html'))
    expect(await headingText(page, '.vp-doc h2')).toBe(dashboard.name)
    const insights = await page.locator('.vp-doc h3').evaluateAll((headings) => headings.map((h) => h.firstChild?.textContent?.trim() ?? ''))
    expect(insights).toEqual(dashboard.insights.map((insight) => insight.name))
    expect(await page.locator('.VPSidebar').textContent()).toContain('Dashboards')
    // A funnel step on a span's wire event leads to the span's entry.
    await page.locator('.vp-doc table a', { hasText: 'auth.login.start' }).first().click()
    await page.waitForURL(/\/categories\/auth\.html#event--auth-login$/, { timeout: 10_000 })
    await page.locator('.vp-doc h2', { hasText: 'auth.login' }).first().waitFor({ state: 'visible', timeout: 10_000 })
    await page.close()
  })

  it('finds an event by name with the local search', async () => {
    const page = await open(browser(), example.url('/'))
    await page.locator('.VPNavBarSearch button').click()
    await page.locator('#localsearch-input').fill('security.rate_limited')
    const hit = page.locator('.VPLocalSearchBox .result', { hasText: 'security.rate_limited' }).first()
    await hit.waitFor({ timeout: 10_000 })
    await hit.click()
    await page.waitForURL(/\/categories\/security\.html#/, { timeout: 10_000 })
    // Client-side navigation changes the URL first and renders the page after.
    await page.locator('.vp-doc h2', { hasText: 'security.rate_limited' }).waitFor({ state: 'visible', timeout: 10_000 })
    await page.close()
  })

  it('shows hostile catalog text as written, never as HTML, markdown or a Vue template', async () => {
    const page = await open(browser(), hostile.url('/'))
    await expectInert(page)
    expect(await headingText(page, '.vp-doc h1')).toBe(hostileCatalog.title)
    expect(await page.title()).toContain(hostileCatalog.title)
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(hostileCatalog.description)
    const rows = await page.locator('.vp-doc table tbody tr').allTextContents()
    expect(rows[0]).toContain(hostileCatalog.categories.Hostile!.description)
    expect(await page.locator('.VPSidebar').textContent()).toContain(HOSTILE_NAME)

    // Client-side navigation renders the page component in the browser, not from the server's HTML.
    await page.locator('.vp-doc table a', { hasText: HOSTILE_EVENT }).first().click()
    await page.waitForURL(/\/categories\/hostile\.html/)
    await checkHostileEventPage(page)
    await page.close()

    // A fresh load: the server-rendered HTML, then hydration.
    const direct = await open(browser(), hostile.url('/categories/hostile.html'))
    await checkHostileEventPage(direct)
    await direct.close()

    const privacy = await open(browser(), hostile.url('/privacy.html'))
    await expectInert(privacy)
    expect(await privacy.locator('.vp-doc').textContent()).toContain('{{ 1 + 1 }}')
    await privacy.close()
  })

  async function checkHostileEventPage(page: Page): Promise<void> {
    await expectInert(page)
    const event = hostileCatalog.eventsByName.get(HOSTILE_EVENT)!
    const section = await eventSection(page, HOSTILE_EVENT)
    // Paragraphs are kept; within them the catalog's text comes out character for character, up to whitespace.
    const paragraphs = event.description!.split(/\n\s*\n/).map(collapse)
    expect(section.paragraphs.slice(0, paragraphs.length).map(collapse)).toEqual(paragraphs)
    expect(section.facts).toContain(`Owner: ${event.owner}`)
    expect(section.facts).toContain(`Since: ${event.since}`)
    const properties = section.tables.find((table) => table.header[0] === 'Property')!
    const note = properties.rows.find((row) => row[0] === 'note')!
    expect(note[1]).toBe('one of "{{ 1 + 1 }}", "</script>", "a|b", "it\'s \\"quoted\\"", "```"')
    expect(note[5]).toBe(event.properties.note!.description)
    expect(section.code).toContain("note: '{{ 1 + 1 }}'")
    const old = await eventSection(page, 'hostile.old')
    expect(old.alert).toContain("<script>window.__pwned = 'reason'</script> {{ 1 + 1 }}")
    expect(old.alert).toContain('Use hostile.event instead.')
  }
})

/** A heading's own text, without VitePress's permalink (a zero-width space) or an anchor. */
async function headingText(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((heading) => heading.firstChild?.textContent?.trim() ?? '')
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

interface Site {
  url(path: string): string
  close(): Promise<void>
}

async function buildSite(catalog: Catalog, dir: string): Promise<Site> {
  for (const file of generate(catalog, { site: true })) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true })
    await writeFile(join(dir, file.path), file.content)
  }
  await runVitePressBuild(dir)
  return serveStatic(join(dir, '.vitepress/dist'))
}

function runVitePressBuild(dir: string): Promise<void> {
  const bin = join(ROOT, 'node_modules/vitepress/bin/vitepress.js')
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, 'build', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: BUILD_TIMEOUT_MS })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise()
      else reject(new Error(`vitepress build ${dir} failed (${signal ?? `exit ${code}`}):\n${output.slice(-4000)}`))
    })
  })
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
}

/**
 * A static file server on 127.0.0.1 in a few lines of node:http: the site is a directory of files with
 * known types, so a dependency (sirv) would add nothing the test needs.
 */
async function serveStatic(root: string): Promise<Site> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`)
    if (file !== root && !file.startsWith(root + sep)) return void response.writeHead(403).end()
    try {
      const body = await readFile(file)
      response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}

/** Dialogs each page opened: an `alert` or `confirm` would mean injected script ran. */
const dialogs = new WeakMap<Page, string[]>()

async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  dialogs.set(page, [])
  page.on('dialog', (dialog) => {
    dialogs.get(page)!.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(url, { waitUntil: 'networkidle' })
  await page.locator('.vp-doc h1').waitFor({ timeout: 10_000 })
  return page
}

/** Nothing from the catalog became an element, an attribute, a link, a script or an evaluated template. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    pwned: (window as { __pwned?: unknown }).__pwned,
    injected: document.querySelectorAll(
      'img[src="x"], [onerror], [onclick], a[href^="javascript:"], .vp-doc b, .vp-doc i, .vp-doc em, .vp-doc script, .vp-doc nav.table-of-contents',
    ).length,
    markdown: [...document.querySelectorAll('.vp-doc strong, .vp-doc code, .vp-doc h1')].filter((el) =>
      ['bold', 'not bold', 'tick', 'not code', 'x', 'Not a heading'].includes(el.textContent ?? ''),
    ).length,
    scripts: [...document.scripts].filter((script) => script.textContent?.includes('__pwned')).length,
    emoji: document.body.textContent?.includes('😄') ?? false,
    // Vue would have turned {{ 1 + 1 }} into 2.
    literalBraces: document.querySelector('.vp-doc')?.textContent?.includes('{{ 1 + 1 }}') ?? false,
  }))
  expect({ ...found, dialogs: dialogs.get(page) }).toEqual({
    pwned: undefined,
    injected: 0,
    markdown: 0,
    scripts: 0,
    emoji: false,
    literalBraces: true,
    dialogs: [],
  })
}

interface EventSection {
  heading: string
  paragraphs: string[]
  facts: string[]
  alert: string
  tables: { header: string[]; rows: string[][] }[]
  code: string
}

/** The rendered section of one event: everything from its heading to the next. */
async function eventSection(page: Page, name: string): Promise<EventSection> {
  // After a client-side navigation the URL changes before the page component renders.
  await page.waitForFunction((eventName) => [...document.querySelectorAll('.vp-doc h2')].some((h) => h.firstChild?.textContent?.trim() === eventName), name, {
    timeout: 10_000,
  })
  return page.evaluate((eventName) => {
    const heading = [...document.querySelectorAll('.vp-doc h2')].find((h) => h.firstChild?.textContent?.trim() === eventName)
    if (!heading) throw new Error(`No heading for ${eventName}`)
    const section: EventSection = { heading: heading.firstChild!.textContent!.trim(), paragraphs: [], facts: [], alert: '', tables: [], code: '' }
    for (let el = heading.nextElementSibling; el && el.tagName !== 'H2'; el = el.nextElementSibling) {
      const text = el.textContent ?? ''
      if (el.tagName === 'P' && !el.querySelector(':scope > strong:only-child')) section.paragraphs.push(text)
      else if (el.tagName === 'UL') section.facts.push(...[...el.querySelectorAll('li')].map((li) => li.textContent ?? ''))
      else if (el.classList.contains('warning')) section.alert = text
      else if (el.tagName === 'TABLE') {
        const cells = (row: Element) => [...row.children].map((cell) => cell.textContent ?? '')
        section.tables.push({ header: cells(el.querySelector('thead tr')!), rows: [...el.querySelectorAll('tbody tr')].map(cells) })
      } else if (el.querySelector('pre')) section.code = el.querySelector('pre')!.textContent ?? ''
    }
    return section
  }, name)
}
