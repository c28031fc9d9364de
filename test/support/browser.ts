/** Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { type CaptureServer, startCaptureServer } from './capture-server.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export const CHROMIUM = process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium'

/** Headless as root (no sandbox), and nothing that reaches out to the network behind the test's back. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}; install Debian's chromium or set HERALD_CHROMIUM.`)
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

export interface BrowserHarness {
  /** A scratch folder inside the repository, so that bare imports resolve from the workspace as in an app. */
  work: string
  server: CaptureServer
  browser: Browser
}

/** A scratch folder, a local capture server and Chromium for one test file, set up before its tests and removed after. */
export function useBrowserHarness(prefix: string): BrowserHarness {
  const harness = {} as BrowserHarness
  beforeAll(async () => {
    mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true })
    harness.work = mkdtempSync(join(ROOT, `node_modules/.cache/${prefix}`))
    harness.server = await startCaptureServer()
    harness.browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await harness.browser?.close()
    await harness.server?.close()
    if (harness.work) rmSync(harness.work, { recursive: true, force: true })
  })
  return harness
}

/** Builds `entry` with Vite into the harness's folder and serves the page and its assets from the capture server. */
export async function serveViteBuild(harness: BrowserHarness, entry: string): Promise<void> {
  const { work, server } = harness
  const { build } = await import('vite')
  writeFileSync(join(work, 'index.html'), `<!doctype html><script type="module" src="/${relative(work, entry)}"></script>`)
  await build({ root: work, configFile: false, logLevel: 'silent', build: { outDir: join(work, 'dist'), emptyOutDir: true } })
  const assets = join(work, 'dist/assets')
  for (const file of readdirSync(assets)) server.serve(`/assets/${file}`, { contentType: 'application/javascript', body: readFileSync(join(assets, file)) })
  server.serve('/index.html', { contentType: 'text/html', body: readFileSync(join(work, 'dist/index.html')) })
}
