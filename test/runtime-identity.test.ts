/**
 * The generated identify, group and alias through the pipeline: the memory sink records them in PostHog's
 * shape, the real posthog-node client sends them to the local capture server as PostHog's own `$identify`,
 * `$groupidentify` and `$create_alias`, and Segment's analytics.js shape gets identify/group/alias calls.
 */
import { createTelemetry, memorySink } from '@herald/runtime'
import { posthogSink } from '@herald/runtime/posthog'
import { segmentSink } from '@herald/runtime/segment'
import { PostHog } from 'posthog-node'
import { afterEach, describe, expect, it } from 'vitest'
import { alias, group, identify, identityClaimed, orgCreated, principalRegistered } from '../examples/app/src/telemetry/events.js'
import { startCaptureServer, type CaptureServer } from './support/capture-server.js'

const SALT = 'ab'.repeat(32)
const HASH = /^[0-9a-f]{64}$/
let server: CaptureServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function telemetry(sinks: Parameters<typeof createTelemetry>[0] extends infer O ? (O extends { sinks?: infer S } ? S : never) : never, env = 'production') {
  const warnings: string[] = []
  const t = createTelemetry({ sinks, enabled: true, salt: SALT, env, envVars: {}, onWarn: ({ kind }) => void warnings.push(kind) })
  return { t, warnings }
}

describe('generated identify, group and alias', () => {
  it('records them in PostHog shape, with traits redacted and hashed as event properties are', () => {
    const memory = memorySink()
    const { t, warnings } = telemetry([memory])
    const untyped = { set: { tier: 'team', mfa_enabled: true, last_ip: '203.0.113.7', nickname: 'ada' }, setOnce: { signup_method: 'sso' } }
    identify(t, 'u_1', untyped as Parameters<typeof identify>[2])
    group(t, 'organization', 'c_9', { plan: 'business', seats: 12 })
    alias(t, 'u_1', 'anon_7')
    expect(warnings).toEqual([])
    expect(memory.events.map(({ timestamp: _, ...record }) => record)).toEqual([
      {
        event: '$identify',
        kind: 'identify',
        distinctId: 'u_1',
        properties: { $set: { tier: 'team', mfa_enabled: true, last_ip: expect.stringMatching(HASH) }, $set_once: { signup_method: 'sso' } },
      },
      {
        event: '$groupidentify',
        kind: 'group',
        properties: { $group_type: 'organization', $group_key: expect.stringMatching(HASH), $group_set: { plan: 'business', seats: 12 } },
      },
      { event: '$create_alias', kind: 'alias', distinctId: 'u_1', properties: { alias: 'anon_7' } },
    ])
    expect(JSON.stringify(memory.events)).not.toMatch(/203\.0\.113\.7|nickname/)
  })

  it('refuses e-mail-looking and placeholder ids and group keys before any sink, and warns in development', () => {
    const memory = memorySink()
    const { t, warnings } = telemetry([memory], 'development')
    identify(t, 'ada@example.com', { set: { tier: 'team' } })
    identify(t, 'undefined')
    alias(t, 'u_1', 'ada@example.com')
    group(t, 'organization', 'billing@acme.example', { seats: 1 })
    group(t, 'nonsense' as 'organization', 'c_1')
    identify(t, 'u_2', { set: { tier: 'gold' as 'team' } })
    expect(memory.events.map((e) => [e.event, e.distinctId])).toEqual([['$identify', 'u_2']])
    expect(warnings).toEqual(['email-distinct-id', 'forbidden-distinct-id', 'email-group-key', 'unknown-group-type', 'invalid-properties'])
  })

  it('sends nothing without consent, and honours optOut', () => {
    const memory = memorySink()
    const off = createTelemetry({ sinks: [memory], enabled: false, envVars: {} })
    identify(off, 'u_1', { set: { tier: 'team' } })
    group(off, 'organization', 'c_9')
    alias(off, 'u_1', 'anon_7')
    const optedOut = createTelemetry({
      sinks: [memory],
      enabled: true,
      salt: SALT,
      env: 'production',
      envVars: {},
      optOut: ({ event }) => event !== '$groupidentify',
    })
    identify(optedOut, 'u_1', { set: { tier: 'team' } })
    group(optedOut, 'organization', 'c_9')
    alias(optedOut, 'u_1', 'anon_7')
    expect(memory.events.map((e) => e.event)).toEqual(['$groupidentify'])
  })

  it('go out through the real posthog-node as identify, groupIdentify and alias', async () => {
    server = await startCaptureServer()
    const { t, warnings } = telemetry([posthogSink(new PostHog('phc_test', { host: server.url, flushAt: 10, flushInterval: 0, fetchRetryCount: 0 }))])
    identify(t, 'u_1', { set: { tier: 'team', last_ip: '203.0.113.7' }, setOnce: { signup_method: 'sso' } })
    group(t, 'organization', 'o_1', { plan: 'business', seats: 12 })
    alias(t, 'u_1', 'anon_7')
    identify(t, 'ada@example.com', { set: { tier: 'free' } })
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    await expect(t.close()).resolves.toEqual({ unfinished: [] })

    expect(warnings).toEqual(['email-distinct-id'])
    expect(server.errors).toEqual([])
    const [identified, grouped, aliased, created] = server.events
    expect(server.events.map((e) => [e.event, e.distinctId])).toEqual([
      ['$identify', 'u_1'],
      ['$groupidentify', expect.stringMatching(/^\$organization_[0-9a-f]{64}$/)],
      ['$create_alias', 'u_1'],
      ['org.created', 'u_1'],
    ])
    expect(identified!.properties.$set).toEqual({ tier: 'team', last_ip: expect.stringMatching(HASH) })
    expect(identified!.properties.$set_once).toEqual({ signup_method: 'sso' })
    // The key is hashed as org.created's org_id is: PostHog joins the group and the event on one value.
    expect(grouped!.properties).toMatchObject({
      $group_type: 'organization',
      $group_key: created!.properties.org_id,
      $group_set: { plan: 'business', seats: 12 },
    })
    expect(created!.properties.org_id).toMatch(HASH)
    expect(aliased!.properties).toMatchObject({ distinct_id: 'u_1', alias: 'anon_7' })
    expect(created!.properties.user_id).toBe('u_1')
    expect(JSON.stringify(server.events)).not.toMatch(/203\.0\.113\.7|ada@example\.com|o_1/)
  })

  it('hash a hashed key as events hash its property, and refuse the group call when the key cannot be hashed', () => {
    const memory = memorySink()
    const { t, warnings } = telemetry([memory])
    group(t, 'organization', 'o_1')
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    const [grouped, created] = memory.events
    expect(grouped!.properties.$group_key).toMatch(HASH)
    expect(grouped!.properties.$group_key).toBe(created!.properties.org_id)
    expect(warnings).toEqual([])

    const noSalt = memorySink()
    const kinds: string[] = []
    const unsalted = createTelemetry({ sinks: [noSalt], enabled: true, env: 'production', envVars: {}, onWarn: ({ kind }) => void kinds.push(kind) })
    group(unsalted, 'organization', 'o_1', { seats: 2 })
    expect(noSalt.events).toEqual([])
    expect(kinds).toEqual(['missing-salt', 'group-key-dropped'])
  })

  it("tie agent-identity events to the identity's handle, account events to the user id (the catalog's one strategy)", () => {
    const memory = memorySink()
    const { t } = telemetry([memory])
    principalRegistered(t, { principal_id: 'p_1', identity_handle: 'ada', did: 'did:web:ada', user_id: 'u_1' })
    identityClaimed(t, { principal_id: 'p_1', identity_handle: 'ada-bot', did: 'did:web:ada-bot', result: 'success' })
    expect(memory.events.map((e) => [e.event, e.distinctId])).toEqual([
      ['principal.registered', 'u_1'],
      ['identity.claimed', 'ada-bot'],
    ])
  })

  it('map to analytics.js identify, group and alias', () => {
    const calls: unknown[][] = []
    const analytics = {
      track: (...args: unknown[]) => void calls.push(['track', ...args.slice(0, 2)]),
      identify: (...args: unknown[]) => void calls.push(['identify', ...args.slice(0, 2)]),
      group: (...args: unknown[]) => void calls.push(['group', ...args.slice(0, 2)]),
      alias: (...args: unknown[]) => void calls.push(['alias', ...args.slice(0, 2)]),
    }
    const { t, warnings } = telemetry([segmentSink(analytics)])
    identify(t, 'u_1', { set: { tier: 'team' }, setOnce: { signup_method: 'sso' } })
    group(t, 'organization', 'c_9', { seats: 3 })
    alias(t, 'u_1', 'anon_7')
    expect(warnings).toEqual([])
    expect(calls).toEqual([
      ['identify', 'u_1', { signup_method: 'sso', tier: 'team' }],
      ['group', expect.stringMatching(HASH), { seats: 3, group_type: 'organization' }],
      ['alias', 'u_1', 'anon_7'],
    ])
  })

  it("send an event's one group to analytics.js as $groups and as Segment's context.groupId", () => {
    const calls: unknown[][] = []
    const { t, warnings } = telemetry([segmentSink({ track: (...args: unknown[]) => void calls.push(args) })])
    orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })
    expect(warnings).toEqual([])
    expect(calls).toHaveLength(1)
    const [name, properties, options] = calls[0] as [string, Record<string, unknown>, { context?: { groupId?: string }; timestamp?: Date }]
    expect(name).toBe('org.created')
    const key = (properties.$groups as Record<string, string>).organization
    expect(key).toMatch(HASH)
    expect(options.context).toEqual({ groupId: key })
    expect(options.timestamp).toBeInstanceOf(Date)
  })
})
