/**
 * herald verify end to end: the built binary (pnpm build first) over a PostHog batch that the real posthog-node
 * SDK sent to a capture server on 127.0.0.1, and over bad input.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import Ajv from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { PostHog } from 'posthog-node'
import { expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const BIN = join(ROOT, 'packages/cli/bin/herald.js')
const CATALOG = join(ROOT, 'schema/events.catalog.json')

function herald(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 70) : 0, stdout, stderr }),
    )
  })
}

/** The events of every /batch/ request posthog-node sends, as a PostHog export holds them: one JSON object a line. */
async function capturePosthogBatch(send: (client: PostHog) => void): Promise<string> {
  const events: unknown[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      let body = Buffer.concat(chunks)
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body)
      const parsed = JSON.parse(body.toString('utf8')) as { batch?: unknown[] }
      events.push(...(parsed.batch ?? []))
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}')
    })
  })
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const client = new PostHog('phc_test', { host: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, flushAt: 100, flushInterval: 0 })
  send(client)
  await client.shutdown(5000)
  server.close()
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n'
}

it('verifies a batch posthog-node really sent, and exits 1 on its violations', async () => {
  const lines = await capturePosthogBatch((client) => {
    client.capture({ distinctId: 'u_1', event: 'auth.login.start', properties: { method: 'password', user_id: 'u_1' } })
    client.capture({ distinctId: 'jane@example.com', event: 'auth.login.start', properties: { method: 'fax', user_id: 'u_2' } })
    client.capture({ distinctId: 'u_3', event: 'auth.logon.start', properties: {} })
  })
  const dir = mkdtempSync(join(tmpdir(), 'herald-verify-cli-'))
  writeFileSync(join(dir, 'posthog.jsonl'), lines)
  const run = await herald(['verify', 'posthog.jsonl', '--input', 'posthog', '--catalog', CATALOG, '--format', 'json'], dir)
  expect(run.stderr).toBe('')
  expect(run.code).toBe(1)
  const report = JSON.parse(run.stdout) as { events: number; findings: Array<{ ruleId: string; line: number }> }
  expect(report.events).toBe(3)
  const ajv = new Ajv({ strict: false })
  addFormats.default(ajv)
  const valid = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'packages/verify/schema/verify-report.schema.json'), 'utf8')) as object)
  expect(valid(report), JSON.stringify(valid.errors)).toBe(true)
  // posthog-node's own $lib… properties are the SDK's, not undeclared properties.
  expect(report.findings.map((f) => [f.ruleId, f.line]).sort()).toEqual([
    ['invalid-property-value', 2],
    ['no-pii-distinct-id', 2],
    ['no-undeclared-event', 3],
  ])
  const auto = await herald(['verify', 'posthog.jsonl', '--catalog', CATALOG, '--format', 'json'], dir)
  expect(JSON.parse(auto.stdout)).toEqual(report)
})

it('bad input is a finding with file:line and exit 1, never an internal error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-verify-cli-'))
  writeFileSync(
    join(dir, 'bad.ndjson'),
    '{"event":"auth.login.start","properties":{"method":"password"},"timestamp":"2026-01-01T00:00:00Z"}\n"just a string"\n{oops\n',
  )
  const run = await herald(['verify', 'bad.ndjson', '--catalog', CATALOG, '--format', 'github'], dir)
  expect(run.code).toBe(1)
  expect(run.stdout).toContain('::error file=bad.ndjson,line=2')
  expect(run.stdout).toContain('::error file=bad.ndjson,line=3')
  const missing = await herald(['verify', 'nothing-*.ndjson', '--catalog', CATALOG], dir)
  expect(missing.code).toBe(2)
})

it('--jobs verifies files in worker threads and the report is the same for any job count', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-verify-cli-'))
  for (let f = 0; f < 4; f++) {
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        event: i % 7 === 0 ? 'auth.logn.start' : 'auth.login.start',
        properties: i % 5 === 0 ? { method: 'fax' } : { method: 'password' },
        timestamp: new Date(Date.UTC(2026, 0, 1 + f, 0, i)).toISOString(),
      }),
    )
    writeFileSync(join(dir, `part-${f}.ndjson`), `${lines.join('\n')}\nbroken ${f}\n`)
  }
  const one = await herald(['verify', 'part-*.ndjson', '--catalog', CATALOG, '--format', 'json', '--jobs', '1'], dir)
  const three = await herald(['verify', 'part-*.ndjson', '--catalog', CATALOG, '--format', 'json', '--jobs', '3'], dir)
  expect(one.code).toBe(1)
  expect(three.stdout).toBe(one.stdout)
  expect((JSON.parse(one.stdout) as { events: number }).events).toBe(200)
})

// No Segment or OpenTelemetry logs SDK is in the workspace, so these two fixtures are written by hand from the
// formats' documentation: Segment's track/identify messages, and OTLP/JSON export requests (one a line).
it('verifies a Segment export and an OTLP/JSON logs file, by --input and by auto-detection alike', async () => {
  const fixtures = join(ROOT, 'test/fixtures/verify')
  const segment = await herald(['verify', 'segment.jsonl', '--input', 'segment', '--catalog', CATALOG, '--format', 'json'], fixtures)
  expect(segment.code, segment.stderr).toBe(1)
  const segmentReport = JSON.parse(segment.stdout) as { events: number; findings: Array<{ ruleId: string; line: number }> }
  expect(segmentReport.events).toBe(4)
  expect(segmentReport.findings.map((f) => [f.ruleId, f.line])).toEqual([
    ['invalid-property-value', 2],
    ['no-pii-distinct-id', 3],
    ['no-undeclared-event', 4],
  ])
  const segmentAuto = await herald(['verify', 'segment.jsonl', '--catalog', CATALOG, '--format', 'json'], fixtures)
  expect(JSON.parse(segmentAuto.stdout)).toEqual(segmentReport)

  const otlp = await herald(['verify', 'otlp-logs.json', '--input', 'otlp', '--catalog', CATALOG, '--format', 'json'], fixtures)
  expect(otlp.code, otlp.stderr).toBe(1)
  const otlpReport = JSON.parse(otlp.stdout) as {
    events: number
    findings: Array<{ ruleId: string; line: number }>
    eventStats: Record<string, { count: number; firstSeen?: string }>
  }
  expect(otlpReport.events).toBe(3)
  // Line 2 holds one export request with a deprecated event that lacks its required property.
  expect(otlpReport.findings.map((f) => `${f.line} ${f.ruleId}`).sort()).toEqual([
    '1 no-pii-value',
    '1 no-undeclared-property',
    '2 missing-required-property',
    '2 no-deprecated-event',
  ])
  expect(otlpReport.eventStats['auth.signup']).toMatchObject({ count: 2, firstSeen: '2026-12-01T10:00:00.000Z' })
  const otlpAuto = await herald(['verify', 'otlp-logs.json', '--catalog', CATALOG, '--format', 'json'], fixtures)
  expect(JSON.parse(otlpAuto.stdout)).toEqual(otlpReport)
})
