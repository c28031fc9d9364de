/**
 * `herald posthog push`, the built binary, against a local PostHog API stand-in on 127.0.0.1 that checks every
 * request against PostHog's own schemas (test/support/posthog-api-server.ts).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type PostHogApiServer, startPostHogApiServer } from './support/posthog-api-server.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const HERALD = join(ROOT, 'packages/cli/bin/herald.js')
const CATALOG = join(ROOT, 'schema/events.catalog.json')

interface Run {
  code: number
  stdout: string
  stderr: string
}

function herald(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [HERALD, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, HERALD_POSTHOG_BACKOFF_MS: '10', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      },
    )
  })
}

let server: PostHogApiServer
let dir: string

beforeEach(async () => {
  server = await startPostHogApiServer()
  dir = mkdtempSync(join(tmpdir(), 'herald-posthog-'))
  // PostHog has seen some of the events and properties already; the rest it has never received.
  server.eventDefinitions.push(
    { id: '0190a0b1-0000-7000-8000-000000000001', name: 'auth.login.stop', description: null, tags: ['kept-by-hand'] },
    { id: '0190a0b1-0000-7000-8000-000000000002', name: 'principal.registered', description: null, tags: [] },
    { id: '0190a0b1-0000-7000-8000-000000000003', name: 'identity.claimed', description: null, tags: [] },
    { id: '0190a0b1-0000-7000-8000-000000000004', name: '$pageview', description: 'PostHog', tags: [] },
  )
  server.propertyDefinitions.push(
    { id: 'p1', name: 'method', description: null, tags: [], property_type: 'String' },
    { id: 'p2', name: 'duration_ms', description: null, tags: [], property_type: null },
  )
})

afterEach(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

function push(extra: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  return herald(['posthog', 'push', CATALOG, '--host', server.url, '--project', String(server.projectId), ...extra], {
    POSTHOG_PERSONAL_API_KEY: server.apiKey,
    ...env,
  })
}

describe('herald posthog push', () => {
  it('creates the dashboard and its insights and describes the definitions PostHog has', async () => {
    const run = await push()
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /)
    expect(run.code).toBe(0)
    expect(server.dashboards).toHaveLength(1)
    const [dashboard] = server.dashboards
    expect(dashboard).toMatchObject({ name: 'Identity and auth overview', tags: ['identity', 'auth', 'herald:identity-overview'] })
    expect(server.insights.map((i) => i.name)).toEqual([
      'Registered principals',
      'Identities registered vs claimed',
      'Auth session success rate',
      'Top providers connected',
    ])
    expect(server.insights.every((i) => i.dashboards.length === 1 && i.dashboards[0] === dashboard!.id)).toBe(true)

    const stop = server.eventDefinitions.find((d) => d.name === 'auth.login.stop')!
    expect(stop.description).toBe('A user login attempt (End of the span auth.login, with duration_ms.)')
    expect(stop.tags).toEqual(['kept-by-hand', 'herald', 'auth', 'owner:identity'])
    expect(stop.verified).toBe(true)
    expect(server.eventDefinitions.find((d) => d.name === '$pageview')).toMatchObject({ description: 'PostHog', tags: [] })
    expect(server.propertyDefinitions.find((d) => d.name === 'duration_ms')).toMatchObject({ property_type: 'Numeric' })

    expect(run.stdout).toContain('dashboards: 1 created, 0 updated, 0 unchanged')
    expect(run.stdout).toContain('insights: 4 created, 0 updated, 0 unchanged')
    expect(run.stdout).toMatch(/event definitions: 3 updated, 0 unchanged; 73 not in PostHog yet/)
    // Lists are read page by page (the server pages by 3): the dashboard lookup followed `next`.
    expect(server.requests.some((r) => r.method === 'GET' && r.path.includes('event_definitions/') && r.path.includes('offset=3'))).toBe(true)
  })

  it('changes nothing on a second run, and only what changed after an edit', async () => {
    expect((await push()).code).toBe(0)
    const before = server.writes().length
    const again = await push()
    expect(again.code).toBe(0)
    expect(server.writes().length).toBe(before)
    expect(again.stdout).toContain('dashboards: 0 created, 0 updated, 1 unchanged')
    expect(again.stdout).toContain('insights: 0 created, 0 updated, 4 unchanged')

    const edited = JSON.parse(readFileSync(CATALOG, 'utf8'))
    edited.dashboards['identity-overview'].insights[0].trends.interval = 'month'
    const file = join(dir, 'events.catalog.json')
    writeFileSync(file, JSON.stringify(edited))
    const third = await herald(['posthog', 'push', file, '--host', server.url, '--project', String(server.projectId)], {
      POSTHOG_PERSONAL_API_KEY: server.apiKey,
    })
    expect(third.code).toBe(0)
    const writes = server.writes().slice(before)
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /api/projects/${server.projectId}/insights/${server.insights[0]!.id}/`])
    expect(writes[0]!.body).toMatchObject({ query: { source: { interval: 'month' } } })
    expect(server.insights).toHaveLength(4)
  })

  it('reports a refused key clearly and writes nothing', async () => {
    const run = await push([], { POSTHOG_PERSONAL_API_KEY: 'phx_wrong' })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('PostHog refused the API key (401)')
    expect(run.stderr).toContain('POSTHOG_PERSONAL_API_KEY')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(server.writes()).toEqual([])
  })

  it('waits for a 429 Retry-After and then pushes exactly once', async () => {
    server.fail({ method: 'POST', path: 'dashboards/', status: 429, headers: { 'retry-after': '1' } })
    const started = Date.now()
    const run = await push()
    expect(run.code).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(server.dashboards).toHaveLength(1)
    expect(server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/dashboards/'))).toHaveLength(2)
  })

  it('refuses to wait longer than the bound a Retry-After asks for', async () => {
    server.fail({ method: 'GET', path: 'event_definitions/', status: 429, headers: { 'retry-after': 'Fri, 01 Jan 2100 00:00:00 GMT' } })
    const run = await push()
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/asks to wait \d+ s, more than 60 s; run the push again later/)
    expect(server.requests).toHaveLength(1)
  })

  it('does not duplicate an insight whose create succeeded but whose answer was a 500', async () => {
    server.fail({ method: 'POST', path: 'insights/', status: 500, afterHandling: true })
    const run = await push()
    expect(run.code).toBe(0)
    expect(server.insights).toHaveLength(4)
    expect(server.insights.map((i) => i.name)).toEqual([
      'Registered principals',
      'Identities registered vs claimed',
      'Auth session success rate',
      'Top providers connected',
    ])
  })

  it('fails clearly on persistent 500s, and the next run resumes without a partial duplicate', async () => {
    server.fail({ method: 'POST', path: 'insights/', status: 500, times: 3 })
    const run = await push()
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/PostHog answered 500 to POST \/api\/projects\/4242\/insights\/.*run the push again later/)
    expect(server.dashboards).toHaveLength(1)
    expect(server.insights).toHaveLength(0)
    const resumed = await push()
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toContain('dashboards: 0 created, 0 updated, 1 unchanged')
    expect(server.dashboards).toHaveLength(1)
    expect(server.insights).toHaveLength(4)
  })

  it('prints the requests of a dry run and sends no write', async () => {
    const run = await push(['--dry-run'])
    expect(run.code).toBe(0)
    expect(server.writes()).toEqual([])
    expect(run.stdout).toContain(`POST /api/projects/${server.projectId}/dashboards/  # create dashboard Identity and auth overview`)
    expect(run.stdout).toContain(
      `PATCH /api/projects/${server.projectId}/event_definitions/0190a0b1-0000-7000-8000-000000000001/  # describe event auth.login.stop`,
    )
    expect(run.stderr).toContain('Would push to project 4242')
  })

  it('prints the definitions and the dashboard offline, without a key', async () => {
    const run = await herald(['posthog', 'push', CATALOG, '--dry-run'], {})
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('POST /api/projects/<project>/dashboards/  # create dashboard Identity and auth overview')
    expect(run.stdout).toContain('# create insight Auth session success rate')
    expect(run.stdout).toContain('PATCH /api/projects/<project>/event_definitions/<id of identity.claimed>/  # describe event identity.claimed')
    expect(run.stdout).toContain('PATCH /api/projects/<project>/property_definitions/<id of ip>/  # describe property ip')
    expect(server.requests).toEqual([])
  })

  it.each([
    [['posthog', 'push', CATALOG, '--project', '1'], {}, /POSTHOG_PERSONAL_API_KEY is not set/],
    [['posthog', 'push', CATALOG], { POSTHOG_PERSONAL_API_KEY: 'x' }, /which project\?/],
    [['posthog', 'push', CATALOG, '--project', 'acme'], { POSTHOG_PERSONAL_API_KEY: 'x' }, /numeric project id/],
    [['posthog', 'push', 'missing.json', '--dry-run'], {}, /no catalog at/],
    [['posthog', 'pull'], {}, /unknown subcommand "pull"/],
    [['posthog', 'push', CATALOG, '--project', '1', '--host', 'ftp://x'], { POSTHOG_PERSONAL_API_KEY: 'x' }, /http\(s\) URL/],
  ])('refuses %j with a usage error', async (args, env, message) => {
    const run = await herald(args, env)
    expect(run.stderr).toMatch(message)
    expect(run.code).toBe(2)
    expect(run.stderr).not.toMatch(/internal error/)
  })
})
