/**
 * One plain file split between workers: the built package (pnpm build first; workers run its JavaScript) with
 * pieces small enough that a test file makes four, and the report must be byte for byte one thread's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadCatalogSync } from '@herald/core'
import { expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const CATALOG = join(ROOT, 'schema/events.catalog.json')
const built = (await import(join(ROOT, 'packages/verify/dist/index.js'))) as typeof import('@herald/verify')
const shares = (await import(join(ROOT, 'packages/verify/dist/verify-files.js'))) as typeof import('../packages/verify/src/verify-files.js')

/** The json report of one file verified against the example catalog with `jobs` workers. */
async function verifyJson(catalog: import('@herald/core').Catalog, file: string, name: string, jobs: number, minBytesPerJob: number): Promise<string> {
  const report = await built.verifySources([built.fileSource(file, name)], {
    catalog,
    catalogFile: 'schema/events.catalog.json',
    catalogPath: CATALOG,
    jobs,
    minBytesPerJob,
  })
  return built.formatJson(report)
}

it('--jobs 1 and --jobs 4 give the same json report for one file split into pieces', async () => {
  const result = loadCatalogSync(CATALOG)
  if (!result.ok) throw new Error('the example catalog does not load')
  const dir = mkdtempSync(join(tmpdir(), 'herald-verify-pieces-'))
  const file = join(dir, 'traffic.ndjson')
  const lines: string[] = []
  for (let i = 0; i < 4000; i++) {
    const minute = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()
    // Every kind of finding in every quarter, property orders that differ between quarters, and 160 broken
    // lines (over the 100 listed one by one, so the listing and the count of the rest span pieces).
    const quarter = Math.floor(i / 1000)
    if (i % 25 === 3) lines.push(`{"event": "auth.login.start", "broken ${i}`)
    else if (i % 50 === 7) lines.push(JSON.stringify({ event: 'auth.logn.start', properties: {}, timestamp: minute }))
    else if (i % 40 === 1) lines.push(JSON.stringify({ event: 'auth.login.start', properties: { method: 'fax', user_id: `u_${i}` }, timestamp: minute }))
    else if (i % 60 === 9)
      lines.push(
        JSON.stringify({
          event: 'auth.login.start',
          distinctId: `u${i}@example.com`,
          properties: { method: 'sso', [`extra_${quarter}`]: 1 },
          timestamp: minute,
        }),
      )
    else {
      const properties = quarter % 2 === 0 ? { method: 'password', user_id: `u_${i}`, success: true } : { success: false, user_id: `u_${i}`, method: 'sso' }
      lines.push(JSON.stringify({ event: 'auth.login.start', properties, timestamp: minute }))
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`)
  const size = readFileSync(file).length
  const minBytesPerJob = 1024

  // Four pieces, each after the first continuing the line numbers; at least one cut moved off the middle of a line.
  const pieces = shares.shareFiles([built.fileSource(file, 'traffic.ndjson') as ReturnType<typeof built.fileSource> & { path: string }], 4, minBytesPerJob)
  expect(pieces.map((share) => share.length)).toEqual([1, 1, 1, 1])
  const bytes = readFileSync(file)
  const starts = pieces.map((share) => share[0]!.start)
  for (const start of starts.slice(1)) expect(bytes[start - 1]).toBe(0x0a)
  expect(starts.slice(1).some((start, k) => start !== Math.floor(((k + 1) * size) / 4))).toBe(true)
  expect(pieces.map((share) => share[0]!.lineBase)).toEqual(starts.map((start) => bytes.subarray(0, start).toString().split('\n').length - 1))

  const one = await verifyJson(result.catalog, file, 'traffic.ndjson', 1, minBytesPerJob)
  const four = await verifyJson(result.catalog, file, 'traffic.ndjson', 4, minBytesPerJob)
  expect(four).toBe(one)
  const report = JSON.parse(one) as { lines: number; findings: Array<{ ruleId: string; line: number; count: number; message: string }> }
  expect(report.lines).toBe(4000)
  const unreadable = report.findings.filter((f) => f.ruleId === 'readable-input')
  expect(unreadable).toHaveLength(101)
  expect(unreadable.at(-1)).toMatchObject({ count: 60, line: 2504, message: expect.stringMatching(/^More lines of traffic.ndjson/) })
  // Findings located in every quarter of the file.
  for (let quarter = 0; quarter < 4; quarter++)
    expect(report.findings.some((f) => f.ruleId === 'no-undeclared-property' && f.message.includes(`extra_${quarter}`))).toBe(true)
})

it('past 1000 distinct event names, the same names share one entry whatever the pieces', async () => {
  const result = loadCatalogSync(CATALOG)
  if (!result.ok) throw new Error('the example catalog does not load')
  const dir = mkdtempSync(join(tmpdir(), 'herald-verify-pieces-'))
  const file = join(dir, 'names.ndjson')
  // 1,400 undeclared names, first seen all through the file and seen again in later pieces, between declared ones.
  const lines = Array.from({ length: 4000 }, (_, i) =>
    JSON.stringify({
      event: i % 3 === 0 ? 'auth.login.start' : `unknown.thing_${(i * 37) % 1400}`,
      properties: i % 3 === 0 ? { method: 'password' } : {},
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    }),
  )
  writeFileSync(file, `${lines.join('\n')}\n`)
  const one = await verifyJson(result.catalog, file, 'names.ndjson', 1, 1024)
  expect(await verifyJson(result.catalog, file, 'names.ndjson', 4, 1024)).toBe(one)
  // And as the checker on this thread makes it, without workers.
  const onThread = await built.verifySources([built.fileSource(file, 'names.ndjson')], { catalog: result.catalog, catalogFile: 'schema/events.catalog.json' })
  expect(built.formatJson(onThread)).toBe(one)
  const stats = (JSON.parse(one) as { eventStats: Record<string, { count: number }> }).eventStats
  expect(Object.keys(stats)).toHaveLength(1001)
  expect(stats['(other undeclared events)']?.count).toBeGreaterThan(0)
})
