/**
 * Calls of Herald's generated emitters are call sites of their events: an app that uses Herald as intended
 * sends everything through them. The fixture app (test/fixtures/audit-emitters) gets its `events.ts` from the
 * generator, as `herald generate` would write it, in a temporary copy that is type-checked before it is
 * audited, so the calls below are ones the compiler accepts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type AuditReport, auditRepo, draftCatalog, formatJson, formatMarkdown, formatPretty } from '@herald/audit'
import { loadCatalogOrThrow } from '@herald/core'
import Ajv2020 from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { appWithEmitters, EMITTERS_FIXTURE, emittersCatalog, sourceFiles } from './audit-emitters-app.js'
import { typeCheck } from './generate-helpers.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const settings = JSON.parse(readFileSync(join(EMITTERS_FIXTURE, 'settings.json'), 'utf8'))

/** One line per call site: location, surface, callee, the emitter's event or `capture`, wire events, keys, distinct id. */
function inventory(report: AuditReport): string[] {
  return report.callSites.map((s) => {
    const events = s.eventNames.map((e) => `${e.value ?? 'dynamic'}@${e.line}:${e.column}`).join('|')
    const keys = s.properties ? `{${s.properties.keys.map((k) => k.key).join(',')}${s.properties.open ? ',…' : ''}}` : '-'
    return `${s.file}:${s.line}:${s.column} ${s.surface ?? '(module)'} ${s.callee} ${s.emitter ?? 'capture'} ${events} ${keys}${s.distinctId ? ` id=${s.distinctId.text}` : ''}`
  })
}

describe('audit of an app that calls generated emitters', async () => {
  const catalog = emittersCatalog()
  const dir = appWithEmitters(catalog)
  const report = await auditRepo({ cwd: dir, paths: ['src'], catalog, catalogFile: 'catalog.json', settings })

  it('is an app the compiler accepts against its generated emitters', () => {
    expect(typeCheck(sourceFiles(join(dir, 'src')))).toEqual([])
  })

  it('inventories each emitter call as its event: a signal once, a span as .start, .stop and .exception', () => {
    expect(inventory(report)).toEqual([
      // A span: three wire events, named where the call names the emitter; the distinct id is the props' user_id.
      'src/auth/login.ts:8:12 LoginService.login authLogin auth.login auth.login.start@8:12|auth.login.stop@8:12|auth.login.exception@8:12 {method,user_id} id=userId',
      // Imported under an alias.
      'src/auth/login.ts:15:5 LoginService.logout logout auth.logout auth.logout@15:5 {user_id} id=userId',
      // Imported through a barrel (`export * from './events.js'`).
      'src/identity/claims.ts:5:3 claimHandle identityClaimed identity.claimed identity.claimed@5:3 {handle}',
      // A member of a namespace import.
      'src/security/limits.ts:5:3 rateLimited events.securityRateLimited security.rate_limited security.rate_limited@5:10 {limiter,count}',
      // A raw capture beside them.
      'src/web/legacy.ts:5:3 trackOrgCreated posthog.capture capture org.created@5:19 {org_id,email}',
      // Not: a parameter named authLogin, a hand-written authLogout, a parameter shadowing the import, a reference.
      "src/web/lookalikes.ts:22:3 bypass generatedLogout auth.logout auth.logout@22:3 {user_id,password} id='u_2'",
    ])
  })

  it('counts emitter calls in coverage: never captured lists only what the app never sends', () => {
    expect(report.coverage).toEqual({
      // auth.signed_up is deprecated, so expected to be absent; session.create is the one event the app never sends.
      declaredNeverCaptured: ['session.create.start', 'session.create.stop', 'session.create.exception'],
      capturedUndeclared: [],
      sameAfterNormalization: [],
      // The category requires principal_id; the generated type cannot (the event leaves it optional). Once a call.
      missingRequiredProperties: [
        { file: 'src/identity/claims.ts', line: 5, column: 3, event: 'identity.claimed', category: 'identity', missing: ['principal_id'] },
      ],
      dynamicNames: [],
      people: { identify: [], groups: [], alias: [], groupTypesNeverSet: [] },
    })
  })

  it('checks raw captures only: an emitter call has no findings, even with `as any`', () => {
    // `password` in the bypass is listed in the inventory above, not reported: the emitter's allowlist never sends it.
    expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      'src/web/legacy.ts:5:51 no-forbidden-property',
      'src/web/legacy.ts:5:51 no-undeclared-property',
    ])
  })

  it('parses only files that name a capture or an emitter, never the generated file itself', () => {
    // 10 files; the generated events.js and tracker.js (thousands of lines in a real app; their .d.ts are not
    // scanned) and the two telemetry files that name no emitter are not parsed. Typed: legacy.ts alone (the raw capture's `email`, of unknown type); emitter calls
    // never need types.
    expect(report.stats).toMatchObject({ files: 10, parsed: 6, typedFiles: 1 })
  })

  it('marks emitter calls in the JSON report, which its schema documents', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
      JSON.parse(readFileSync(join(ROOT, 'packages/audit/schema/audit-report.schema.json'), 'utf8')),
    )
    const json = JSON.parse(formatJson(report))
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true)
    expect(json.callSites.map((s: { emitter?: string }) => s.emitter ?? null)).toEqual([
      'auth.login',
      'auth.logout',
      'identity.claimed',
      'security.rate_limited',
      null,
      'auth.logout',
    ])
  })

  it('shows emitter calls in the markdown inventory, one row per call', () => {
    const markdown = formatMarkdown(report)
    expect(markdown).toContain('1 capture call site and 5 calls of generated emitters in 5 files, 2 findings (1 error, 1 warning) against `catalog.json`.')
    expect(markdown).toContain('| `LoginService.login` | `auth.login` span *via* `authLogin` | `method`, `user_id` | `userId` | src/auth/login.ts:8:12 |')
    expect(markdown).toContain(
      '| `rateLimited` | `security.rate_limited` *via* `events.securityRateLimited` | `limiter`, `count` | — | src/security/limits.ts:5:3 |',
    )
    expect(markdown).toContain('| `trackOrgCreated` | `org.created` | `org_id`, `email` | — | src/web/legacy.ts:5:3 |')
    expect(markdown.split('\n').filter((line) => line.includes('src/auth/login.ts:8:12'))).toHaveLength(1)
  })
})

describe('emitter calls need the catalog, and stay out of drafts', async () => {
  const catalog = emittersCatalog()
  const dir = appWithEmitters(catalog)

  it('without a catalog, emitter calls cannot be recognised: only the raw capture is inventoried', async () => {
    const report = await auditRepo({ cwd: dir, paths: ['src'], settings })
    expect(report.callSites.map((s) => `${s.file}:${s.line} ${s.callee}`)).toEqual(['src/web/legacy.ts:5 posthog.capture'])
  })

  it('recognises them by syntax alone: no types needed', async () => {
    const report = await auditRepo({ cwd: dir, paths: ['src'], catalog, settings, types: false })
    expect(report.callSites.filter((s) => s.emitter !== undefined).map((s) => s.emitter)).toEqual([
      'auth.login',
      'auth.logout',
      'identity.claimed',
      'security.rate_limited',
      'auth.logout',
    ])
    expect(report.stats.typedFiles).toBe(0)
  })

  it('a draft from a report with emitter calls drafts only the raw captures: their events are declared already', async () => {
    const report = await auditRepo({ cwd: dir, paths: ['src'], catalog, settings, propertyTypes: true })
    const draft = draftCatalog(report)
    expect(Object.keys(draft.catalog.events as object)).toEqual(['org.created'])
  })
})

describe('the example app, which sends everything through its generated emitters', async () => {
  const catalog = loadCatalogOrThrow(join(ROOT, 'schema/events.catalog.json'))
  const report = await auditRepo({ cwd: ROOT, paths: ['examples/app'], catalog, catalogFile: 'schema/events.catalog.json' })
  const emitted = ['auth.login', 'security.rate_limited', 'mfa.verify', 'mfa.lockout', 'org.created', 'org.member.added']

  it('has its emitter calls inventoried, each at its surface', () => {
    expect(report.callSites.map((s) => `${s.file}:${s.line} ${s.surface} ${s.emitter}`)).toEqual([
      'examples/app/src/auth-service.ts:23 AuthService.login auth.login',
      'examples/app/src/auth-service.ts:36 AuthService.verifyMfa security.rate_limited',
      'examples/app/src/auth-service.ts:39 AuthService.verifyMfa mfa.verify',
      'examples/app/src/auth-service.ts:43 AuthService.verifyMfa mfa.lockout',
      'examples/app/src/auth-service.ts:51 AuthService.createOrg org.created',
      'examples/app/src/auth-service.ts:52 AuthService.createOrg org.member.added',
    ])
    expect(report.findings).toEqual([])
  })

  it("is what docs/audit.md shows: its excerpts are this audit's real output", () => {
    const readme = readFileSync(join(ROOT, 'docs/audit.md'), 'utf8')
    // How many files the app has is not what the excerpt shows; other work may add one.
    const scanned = (text: string) => text.replace(/\(\d+ files scanned\)/, '(N files scanned)')
    const pretty = readme.split('$ pnpm -s audit:example\n')[1]!.split('\n```')[0]!
    expect(scanned(formatPretty(report))).toContain(scanned(pretty))
    // The README leaves the markdown's `#` headings out, so that they do not become its own.
    const excerpt = readme.split('$ pnpm -s audit:example --format markdown\n```\n')[1]!.split('\n…followed by')[0]!.trim()
    const markdown = formatMarkdown(report)
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
    expect(excerpt).toContain('| `AuthService.login` | `auth.login` span *via* `authLogin` |')
    expect(markdown).toContain(excerpt)
  })

  it('lists as never captured exactly the declared events it never emits', () => {
    const expected = catalog.wireEvents.filter((w) => !w.event.deprecated && !emitted.includes(w.event.name)).map((w) => w.name)
    expect(report.coverage.declaredNeverCaptured).toEqual(expected)
    expect(report.coverage.declaredNeverCaptured).not.toContain('auth.login.stop')
    expect(report.coverage.declaredNeverCaptured).toContain('auth.logout.start')
  })
})
