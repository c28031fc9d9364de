/**
 * `herald init --from-code`: a draft catalog from the inventory that passes `herald check` — normalized names
 * with their originals, property types from TypeScript, forbidden keys and email distinct ids left out and
 * listed — and `herald init` without it, a starter catalog.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { auditRepo, draftCatalog } from '@herald/audit'
import { parseCatalog } from '@herald/core'
import { describe, expect, it } from 'vitest'
import { appWithEmitters } from './audit-emitters-app.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BIN = join(ROOT, 'packages/cli/bin/herald.js')
const fixture = (name: string) => join(ROOT, 'test/fixtures', name)

async function draftOf(name: string) {
  const cwd = fixture(name)
  const report = await auditRepo({ cwd, propertyTypes: true, settings: JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8')) })
  return draftCatalog(report)
}

function herald(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('draftCatalog', () => {
  it('drafts a catalog that passes herald check, with normalized names and their originals', async () => {
    const draft = await draftOf('audit-app')
    const checked = parseCatalog(JSON.stringify(draft.catalog), 'draft.json')
    expect(checked.diagnostics).toEqual([])
    expect(checked.ok).toBe(true)
    const events = draft.catalog.events as Record<string, Record<string, unknown>>
    expect(Object.keys(events)).toEqual([
      'auth.login.start',
      'auth.logout',
      'auth.signup',
      'email_change_completed',
      'identity.registered',
      'mfa.enroll_failed',
      'mfa.enrolled',
      'org.created',
      'org.member.added',
      'user.signed_up',
    ])
    expect(events['email_change_completed']!['x-herald-seen-as']).toEqual(['email change completed'])
    // "user signed up" normalizes onto the spelling already in the style, which keeps it.
    expect(events['user.signed_up']!['x-herald-seen-as']).toEqual(['user signed up'])
    expect(events['email_change_completed']!['x-herald-call-sites']).toEqual(['src/server/capture-helper.ts:11:5', 'src/server/capture-helper.ts:15:5'])
    expect(draft.style).toBe('dot.snake_case')
    expect(draft.catalog.categories).toMatchObject({ auth: {}, identity: {}, mfa: {}, org: {} })
  })

  it('types properties from literals and from TypeScript types, with enums for literal strings', async () => {
    const events = (await draftOf('audit-app')).catalog.events as Record<string, { properties?: Record<string, unknown> }>
    expect(events['auth.signup']!.properties).toEqual({
      hasEmail: { type: 'boolean' },
      has_email: { type: 'boolean' },
      method: { enum: ['password', 'sso'] },
      user_id: { type: 'string' },
    })
    expect(events['org.created']!.properties).toEqual({ org_id: {}, plan: { enum: ['free'] } })
  })

  it('leaves out forbidden keys and email distinct ids, and lists them as warnings', async () => {
    const draft = await draftOf('audit-app')
    const events = draft.catalog.events as Record<string, { properties?: Record<string, unknown>; 'x-herald-distinct-ids'?: string[] }>
    expect(Object.keys(events['org.member.added']!.properties ?? {})).toEqual(['role'])
    expect(events['org.member.added']!['x-herald-distinct-ids']).toBeUndefined()
    expect(events['org.created']!['x-herald-distinct-ids']).toEqual(['req.user.id'])
    expect(draft.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.message}`)).toEqual([
      'src/server/routes/orgs.ts:15:17 The distinct id `req.body.email` of "org.member.added" is an email or a secret, so it is not in the draft. Use an opaque id.',
      'src/server/routes/orgs.ts:17:40 The property "inviteeEmail" of "org.member.added" is a forbidden key, so it is not in the draft. Stop sending it.',
      'src/web/legacy.ts:4:3 "user signed up" and "user.signed_up" would generate the same function; the draft merges them into "user.signed_up".',
      'src/web/legacy.ts:4:47 The property "$set.email" of "user.signed_up" is a forbidden key, so it is not in the draft. Stop sending it.',
      'src/web/legacy.ts:6:19 The event name `eventName` is dynamic, so it is not in the draft.',
      'src/web/legacy.ts:7:63 The property "accessToken" of "auth.login.start" is a forbidden key, so it is not in the draft. Stop sending it.',
    ])
  })

  it('keeps the style most names follow: resource:action for a hook-based app', async () => {
    const draft = await draftOf('audit-hooks')
    expect(draft.style).toBe('resource:action')
    expect(parseCatalog(JSON.stringify(draft.catalog), 'draft.json').ok).toBe(true)
    const events = draft.catalog.events as Record<string, { properties?: Record<string, unknown> }>
    expect(Object.keys(events)).toEqual([
      'button:clicked',
      'button:hovered',
      'checkout:started',
      'checkout:viewed',
      'payment:submitted',
      'profile:opened',
      'profile:saved',
      'step:entered',
      'step:left',
    ])
    // `requireGuestEmail` names a flag, so it is drafted (with the type the code gives it), not dropped as forbidden
    expect(events['profile:saved']!.properties).toEqual({
      emailCount: { type: 'number' },
      hasEmail: { type: 'boolean' },
      has_email: { type: 'boolean' },
      requireGuestEmail: { type: 'string' },
    })
    expect(events['checkout:started']!.properties).toEqual({ cart_size: { type: 'number' } })
  })
})

describe('herald init', () => {
  it('--from-code writes a draft that herald check accepts, and refuses to overwrite without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-init-'))
    cpSync(fixture('audit-app'), dir, { recursive: true })
    const first = herald(['init', '--from-code', 'src', '--config', 'settings.json', '--output', 'draft.json'], dir)
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('Wrote draft.json: 10 events from 13 call sites (dot.snake_case), 6 warnings.')
    expect(first.stderr).toContain('src/server/routes/orgs.ts:17:40: warning The property "inviteeEmail"')
    expect(herald(['check', 'draft.json'], dir)).toMatchObject({ code: 0, stdout: 'draft.json: ok (10 events, 10 wire events)\n' })
    const again = herald(['init', '--from-code', 'src', '--config', 'settings.json', '--output', 'draft.json'], dir)
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('draft.json already exists. Pass --force to overwrite it')
    expect(herald(['init', '--from-code', 'src', '--config', 'settings.json', '--output', 'draft.json', '--force'], dir).code).toBe(0)
  })

  it('--output - prints the draft; --style chooses the naming style', () => {
    const { code, stdout } = herald(['init', '--from-code', 'src', '--config', 'settings.json', '--output', '-', '--style', 'snake_case'], fixture('audit-app'))
    expect(code).toBe(0)
    const catalog = JSON.parse(stdout)
    expect(catalog.naming).toEqual({ style: 'snake_case' })
    expect(Object.keys(catalog.events)).toContain('auth_signup')
    expect(parseCatalog(stdout, 'draft.json').ok).toBe(true)
  })

  it('--from-code drafts only raw captures: calls of generated emitters are of events declared already', () => {
    // The app sends five events through its generated emitters and one by a raw posthog.capture.
    const { code, stdout, stderr } = herald(['init', '--from-code', 'src', '--config', 'settings.json', '--output', '-'], appWithEmitters())
    expect(code).toBe(0)
    expect(Object.keys(JSON.parse(stdout).events)).toEqual(['org.created'])
    expect(stderr).toContain('Drafted 1 event from 1 call site (dot.snake_case)')
  })

  it('without --from-code writes a starter catalog that passes herald check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-init-'))
    expect(herald(['init'], dir).code).toBe(0)
    expect(herald(['check'], dir)).toMatchObject({ code: 0 })
    expect(herald(['init', '--style', 'camel'], dir).code).toBe(2)
  })
})
