/** The catalog and the property objects of the emit, redact and ndjson rows. */
import { readFileSync } from 'node:fs'
import { type Catalog, parseCatalog } from '@herald/core'

const CATALOG_PATH = new URL('./fixtures/emit.catalog.json', import.meta.url)

export function loadEmitCatalog(): Catalog {
  const result = parseCatalog(readFileSync(CATALOG_PATH, 'utf8'), 'bench/fixtures/emit.catalog.json')
  if (!result.ok) throw new Error(`bench/fixtures/emit.catalog.json is invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`)
  return result.catalog
}

/** A 64-hex-character salt, so the hashing rows never take the missing-salt path. */
export const BENCH_SALT = 'a3f1c2e4b5d6978812345678909abcdefa3f1c2e4b5d6978812345678909abcd'

/** The ten keys of `checkout.completed` (and `checkout.completed_hashed`, where order_id is hashed). */
export const CHECKOUT_PROPERTIES = Object.freeze({
  user_id: 'u_8f14e45fceea167a',
  order_id: 'ord_2024_000123',
  plan: 'pro',
  item_count: 3,
  total_cents: 12900,
  currency: 'EUR',
  coupon_applied: false,
  payment_method: 'card',
  latency_ms: 182.5,
  is_first_order: true,
})

/** The seven declared keys of `profile.updated` plus three denied ones. */
export const PROFILE_WITH_SECRETS = Object.freeze({
  user_id: 'u_8f14e45fceea167a',
  field_count: 2,
  password: 'hunter2-but-longer',
  locale: 'en-GB',
  theme: 'dark',
  accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.abc',
  newsletter: true,
  plan: 'team',
  api_key: 'sk_live_0123456789abcdef',
  latency_ms: 41.25,
})

export const DENIED_KEYS = ['password', 'accessToken', 'api_key'] as const
