import { gzipSync } from 'node:zlib'
import { PostHog } from 'posthog-node'
import { afterEach, describe, expect, it } from 'vitest'
import { startCaptureServer, type CaptureServer } from './support/capture-server.js'

let server: CaptureServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('the capture server', () => {
  it.each([false, true])('decodes the real posthog-node batch (disableCompression: %s)', async (disableCompression) => {
    server = await startCaptureServer()
    const client = new PostHog('phc_test', { host: server.url, flushAt: 1, flushInterval: 0, disableCompression, fetchRetryCount: 0 })
    client.capture({ distinctId: 'u_1', event: 'app.opened', properties: { plan: 'pro', n: 2 } })
    await client.shutdown()
    expect(server.errors).toEqual([])
    expect(server.events.map((e) => [e.path, e.event, e.distinctId, e.properties.plan, e.properties.n])).toEqual([['/batch/', 'app.opened', 'u_1', 'pro', 2]])
    expect(server.requests[0]!.headers['content-encoding']).toBe(disableCompression ? undefined : 'gzip')
  })

  it('decodes the posthog-js encodings: gzip-js, base64 data= form and plain JSON', async () => {
    server = await startCaptureServer()
    const events = [{ event: 'a', properties: { distinct_id: 'd1', token: 't', x: 'é😀' } }]
    const post = (path: string, body: BodyInit, contentType: string) =>
      fetch(`${server!.url}${path}`, { method: 'POST', body, headers: { 'content-type': contentType } })
    await post('/e/?compression=gzip-js', gzipSync(JSON.stringify(events)), 'text/plain')
    await post(
      '/i/v0/e/?compression=base64',
      `data=${encodeURIComponent(Buffer.from(JSON.stringify(events)).toString('base64'))}`,
      'application/x-www-form-urlencoded',
    )
    await post('/batch/', JSON.stringify({ batch: events }), 'application/json')
    await post('/e/', JSON.stringify(events[0]), 'application/json')
    expect(server.errors).toEqual([])
    expect(server.events.map((e) => [e.path, e.event, e.distinctId, e.properties.x])).toEqual([
      ['/e/', 'a', 'd1', 'é😀'],
      ['/i/v0/e/', 'a', 'd1', 'é😀'],
      ['/batch/', 'a', 'd1', 'é😀'],
      ['/e/', 'a', 'd1', 'é😀'],
    ])
    const flags = await fetch(`${server.url}/flags/?v=2&config=true`, { method: 'POST', body: '{}' })
    expect(await flags.json()).toMatchObject({ featureFlags: {}, errorsWhileComputingFlags: false })
  })

  it('keeps a body it cannot decode as an error instead of dropping it', async () => {
    server = await startCaptureServer()
    const response = await fetch(`${server.url}/e/`, { method: 'POST', body: '%%% not json', headers: { 'content-type': 'text/plain' } })
    expect(response.status).toBe(400)
    expect(server.events).toEqual([])
    expect(server.errors).toHaveLength(1)
    await expect(server.waitForEvents(1, { timeoutMs: 50 })).rejects.toThrow(/0 of 1 events/)
  })
})
