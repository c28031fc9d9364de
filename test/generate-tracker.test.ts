/** createTracker(t): every emitter bound to one Telemetry, in tracker.js/tracker.d.ts beside the emitters. */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generate } from '@herald/generator-typescript'
import { createTelemetry, memorySink } from '@herald/runtime'
import { expect, it } from 'vitest'
import { loadFixture, typeCheck, writeTemp } from './generate-helpers.js'

const catalog = loadFixture('test/fixtures/generate-runtime.catalog.json')
const files = generate(catalog, {})
const file = (path: string) => files.find((f) => f.path === path)!.content

it('sends what the emitters send, signals and spans, through the bound Telemetry', async () => {
  const dir = writeTemp(files)
  const { createTracker } = (await import(pathToFileURL(join(dir, 'tracker.js')).href)) as {
    createTracker: (t: unknown) => Record<string, (...args: unknown[]) => unknown>
  }
  const sink = memorySink()
  const tracker = createTracker(createTelemetry({ sinks: [sink], enabled: true, env: 'production', salt: 'a'.repeat(64), envVars: {} }))
  tracker.securityRateLimited!({ limiter: 'login', count: 2 })
  expect(tracker.authLogin!({ method: 'password' }, () => 42)).toBe(42)
  expect(sink.events.map((e) => e.event)).toEqual(['security.rate_limited', 'auth.login.start', 'auth.login.stop'])
  expect(sink.events[0]!.properties).toEqual({ limiter: 'login', count: 2 })
})

it('is typed as the emitters are: a wrong property does not compile, a right call does', () => {
  const app = (call: string) => ({
    'tracker/events.d.ts': file('events.d.ts'),
    'tracker/tracker.d.ts': file('tracker.d.ts'),
    'tracker/app.ts': `import { createTracker } from './tracker.js'\nimport type { Telemetry } from '@herald/runtime'\ndeclare const t: Telemetry\nconst tracker = createTracker(t)\n${call}\n`,
  })
  expect(
    typeCheck(
      app(
        "tracker.securityRateLimited({ limiter: 'login', count: 1 })\nconst n: number = tracker.authLogin({ method: 'password' }, (span) => { span.set({ success: true }); return 1 })\nvoid n",
      ),
    ),
  ).toEqual([])
  expect(typeCheck(app("tracker.securityRateLimited({ limiter: 'nope', count: 1 })")).join('\n')).toMatch(/app\.ts:5: .*"nope"/)
})
