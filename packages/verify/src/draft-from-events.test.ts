import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCatalog } from '@herald/core'
import { ndjsonSink } from '@herald/runtime/delivery'
import { expect, it } from 'vitest'
import { draftCatalogFromEvents, fileSource } from './index.js'

it('drafts a catalog that passes herald check from delivery files the runtime wrote', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-draft-'))
  const sink = ndjsonSink({ dir, enabled: true })
  const timestamp = '2026-01-01T00:00:00.000Z'
  for (let i = 0; i < 40; i++) {
    sink.write({
      event: 'Checkout Completed',
      properties: {
        plan: ['free', 'pro'][i % 2],
        total: i + 0.5,
        ...(i % 3 === 0 ? { coupon: `c${i}` } : {}),
        buyer: i === 7 ? 'jo@example.com' : `u${i}`,
        api_token: 'secret',
      },
      timestamp,
    })
  }
  await sink.close()
  const draft = await draftCatalogFromEvents(
    readdirSync(dir).map((f) => fileSource(join(dir, f))),
    { enumThreshold: 5 },
  )
  const events = draft.catalog.events as Record<
    string,
    { properties: Record<string, Record<string, unknown>>; required?: string[]; 'x-herald-seen-as'?: string[] }
  >
  const checkout = events.checkout_completed!
  expect(checkout['x-herald-seen-as']).toEqual(['Checkout Completed'])
  expect(checkout.properties.plan).toEqual({ type: 'string', enum: ['free', 'pro'] })
  expect(checkout.properties.total).toEqual({ type: 'number' })
  expect(checkout.properties.coupon).toEqual({ type: 'string' })
  expect(checkout.properties.buyer).toMatchObject({ pii: 'personal', transform: 'hash' })
  expect(checkout.properties.api_token).toBeUndefined()
  expect(checkout.required).toEqual(['buyer', 'plan', 'total'])
  expect(draft.warnings.map((w) => w.message)).toEqual([expect.stringContaining('"api_token" is a forbidden key')])
  const checked = parseCatalog(JSON.stringify(draft.catalog), 'draft.json')
  expect(checked.ok, JSON.stringify(checked.diagnostics)).toBe(true)
})
