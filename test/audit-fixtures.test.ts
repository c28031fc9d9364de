/**
 * Fixture repositories with their exact expected inventories and findings: the audit's contract with users.
 * audit-app: posthog-js (`posthog?.capture`), posthog-node's object form, Segment, a wrapper with the name as
 * second argument, names from constants and re-exports in other files, lookalikes, an unparsable file.
 * audit-hooks: a `resource:action` catalog, a tracking hook, its capture function passed on as a prop typed
 * in another file, union-typed and template-literal names, value types that settle forbidden keys.
 * audit-matchers: matcher features on shapes from real code — templates with a spaced fixed text, object forms
 * over variables and constants (posthog-node's `payload`), `propsFrom: "rest"`, `namePath` into constants,
 * matchers scoped by `declaredIn`, a capture function passed to a function or component in another file.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type AuditReport, auditRepo } from '@herald/audit'
import { loadCatalogOrThrow } from '@herald/core'
import { describe, expect, it } from 'vitest'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url))

async function auditFixture(name: string, withCatalog = true): Promise<AuditReport> {
  const cwd = fixture(name)
  return auditRepo({
    cwd,
    settings: JSON.parse(readFileSync(`${cwd}settings.json`, 'utf8')),
    ...(withCatalog ? { catalog: loadCatalogOrThrow(`${cwd}catalog.json`), catalogFile: 'catalog.json' } : {}),
  })
}

/** One line per call site: location, surface, callee, events, property keys (valueKind), distinct id. */
function inventory(report: AuditReport): string[] {
  return report.callSites.map((s) => {
    const events = s.eventNames.map((e) => e.value ?? `dynamic(${e.text})`).join('|') || '(none)'
    const keys = s.properties
      ? `{${s.properties.keys.map((k) => `${[...k.parents, k.key].join('.')}:${k.valueKind}`).join(',')}${s.properties.open ? ',…' : ''}}`
      : '-'
    return `${s.file}:${s.line}:${s.column} ${s.surface ?? '(module)'} ${s.callee} ${events} ${keys}${s.distinctId ? ` id=${s.distinctId.text}` : ''}`
  })
}

function findings(report: AuditReport): string[] {
  return report.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId}${f.event ? ` ${f.event}` : ''}`)
}

describe('audit-app fixture', async () => {
  const report = await auditFixture('audit-app')

  it('inventories exactly the capture calls, across files and SDKs', () => {
    expect(inventory(report)).toEqual([
      // The wrapper passes its parameter on; its name is checked at the wrapper's own calls (core's isForwardedName).
      'src/server/capture-helper.ts:4:3 capturePostHogEvent client.capture (none) {,…} id=String(properties.user_id)',
      'src/server/capture-helper.ts:11:5 AccountService.changeEmail capturePostHogEvent email change completed {user_id:unknown}',
      'src/server/capture-helper.ts:15:5 AccountService.confirmEmailChange capturePostHogEvent email_change_completed {user_id:unknown}',
      'src/server/routes/orgs.ts:9:3 POST /v1/orgs client.capture org.created {org_id:unknown,plan:string} id=req.user.id',
      'src/server/routes/orgs.ts:14:3 POST /v1/orgs/:slug/members client.capture org.member.added {role:unknown,inviteeEmail:unknown} id=req.body.email',
      'src/server/routes/orgs.ts:23:3 POST /v1/identities client.capture identity.registered {principal_id:unknown} id=req.user.id',
      'src/web/legacy.ts:4:3 trackLegacySignup posthog.capture user signed up {$set:object,$set.email:string,$set.plan:string}',
      'src/web/legacy.ts:5:3 trackLegacySignup posthog.capture user.signed_up -',
      'src/web/legacy.ts:6:3 trackLegacySignup posthog.capture dynamic(eventName) -',
      'src/web/legacy.ts:7:3 trackLegacySignup window.analytics.track auth.login.start {method:string,accessToken:string}',
      // `has_email` and `hasEmail` are flags, never forbidden: nothing in signup-form.tsx needs its types
      'src/web/signup-form.tsx:12:5 SignupForm posthog?.capture auth.signup {user_id:unknown,method:unknown,has_email:unknown,hasEmail:unknown}',
      'src/web/signup-form.tsx:19:26 SignupForm posthog.capture auth.logout {user_id:unknown}',
      'src/web/signup-form.tsx:24:3 trackMfa posthog.capture mfa.enrolled|mfa.enroll_failed {factor:string}',
    ])
  })

  it('matches no lookalike: Sentry.captureException, an imported capture(), a local capture(label, fn), other .track()', () => {
    expect(report.callSites.filter((s) => s.file === 'src/web/lookalikes.ts')).toEqual([])
  })

  it('reports the unparsable file and skips it', () => {
    expect(report.skippedFiles).toEqual([{ file: 'src/web/broken.ts', line: 4, column: 10, message: "Cannot parse the file: ',' expected." }])
    expect(report.callSites.some((s) => s.file === 'src/web/broken.ts')).toBe(false)
  })

  it('gives the checker findings, with types settling hasEmail and names from other files', () => {
    expect(findings(report)).toEqual([
      'src/server/capture-helper.ts:11:38 error no-undeclared-event email change completed',
      'src/server/capture-helper.ts:11:38 error valid-event-name email change completed',
      'src/server/capture-helper.ts:15:66 warning no-undeclared-property email_change_completed',
      'src/server/routes/orgs.ts:15:17 error no-pii-distinct-id org.member.added',
      'src/server/routes/orgs.ts:17:40 error no-forbidden-property org.member.added',
      'src/server/routes/orgs.ts:17:40 warning no-undeclared-property org.member.added',
      'src/web/legacy.ts:4:19 error no-undeclared-event user signed up',
      'src/web/legacy.ts:4:19 error valid-event-name user signed up',
      'src/web/legacy.ts:4:47 error no-forbidden-property user signed up',
      'src/web/legacy.ts:5:19 warning no-deprecated-event user.signed_up',
      'src/web/legacy.ts:6:19 warning no-dynamic-event-name',
      'src/web/legacy.ts:7:63 error no-forbidden-property auth.login.start',
      'src/web/legacy.ts:7:63 warning no-undeclared-property auth.login.start',
      'src/web/signup-form.tsx:16:7 warning no-undeclared-property auth.signup',
      'src/web/signup-form.tsx:24:46 error no-undeclared-event mfa.enroll_failed',
    ])
  })

  it('reports coverage: never captured, undeclared, same after normalization, missing required properties', () => {
    expect(report.coverage).toEqual({
      declaredNeverCaptured: ['auth.login.stop', 'auth.login.exception', 'auth.password_reset'],
      capturedUndeclared: [
        { name: 'email change completed', callSites: [{ file: 'src/server/capture-helper.ts', line: 11, column: 5 }] },
        { name: 'mfa.enroll_failed', callSites: [{ file: 'src/web/signup-form.tsx', line: 24, column: 3 }] },
        { name: 'user signed up', callSites: [{ file: 'src/web/legacy.ts', line: 4, column: 3 }] },
      ],
      sameAfterNormalization: [{ normalized: 'email_change_completed', names: ['email change completed', 'email_change_completed'] }],
      missingRequiredProperties: [
        { file: 'src/server/routes/orgs.ts', line: 23, column: 3, event: 'identity.registered', category: 'identity', missing: ['identity_handle', 'did'] },
      ],
      dynamicNames: [{ file: 'src/web/legacy.ts', line: 6, column: 19 }],
      // The fixture makes no identify, group or alias calls, and its catalog declares no group type.
      people: { identify: [], groups: [], alias: [], groupTypesNeverSet: [] },
    })
  })

  it('parses only the files the text prefilter lets through, and types only those with open questions', () => {
    // 11 source files; events.ts, analytics/*.ts and errors.ts hold no callee name, so they are never parsed.
    // Typed: legacy.ts (a parameter as the name) and orgs.ts (a forbidden key of unknown type); signup-form.tsx's
    // `has_email` and `hasEmail` are flags, which no type can make forbidden.
    expect(report.stats).toMatchObject({ files: 11, parsed: 7, typedFiles: 2 })
  })
})

describe('audit-app fixture without a catalog', async () => {
  const report = await auditFixture('audit-app', false)

  it('still runs the catalog-free rules: naming, forbidden keys, PII distinct id, dynamic names', () => {
    expect(findings(report)).toEqual([
      'src/server/capture-helper.ts:11:38 error valid-event-name email change completed',
      'src/server/routes/orgs.ts:15:17 error no-pii-distinct-id org.member.added',
      'src/server/routes/orgs.ts:17:40 error no-forbidden-property org.member.added',
      'src/web/legacy.ts:4:19 error valid-event-name user signed up',
      'src/web/legacy.ts:4:47 error no-forbidden-property user signed up',
      'src/web/legacy.ts:6:19 warning no-dynamic-event-name',
      'src/web/legacy.ts:7:63 error no-forbidden-property auth.login.start',
    ])
    expect(report.catalog).toBeUndefined()
    expect(report.coverage.declaredNeverCaptured).toEqual([])
    expect(report.coverage.sameAfterNormalization).toEqual([
      { normalized: 'email_change_completed', names: ['email change completed', 'email_change_completed'] },
    ])
  })
})

describe('audit-hooks fixture', async () => {
  const report = await auditFixture('audit-hooks')

  it('follows the hook, its capture function passed on as a prop typed in another file, and union-typed names', () => {
    expect(inventory(report)).toEqual([
      'src/components/checkout-page.tsx:7:3 CheckoutPage capture checkout:viewed {step:number}',
      // checkout-page.tsx hands its capture function to PayButton, so it is typed too: cart_size is a number
      'src/components/checkout-page.tsx:8:23 CheckoutPage capture checkout:started {cart_size:number}',
      'src/components/pay-button.tsx:4:33 PayButton capture payment:submitted {label:string}',
      'src/components/profile.tsx:11:3 ProfilePage posthog?.capture profile:opened -',
      'src/components/profile.tsx:13:5 ProfilePage posthog.capture profile:saved {hasEmail:boolean,has_email:boolean,email:string,emailCount:number,requireGuestEmail:string}',
      'src/components/track-button.ts:7:3 trackButton capture button:clicked|button:hovered -',
      'src/components/track-button.ts:11:3 trackStep capture step:entered|step:left -',
    ])
  })

  it('drops forbidden-key findings for boolean and number values, keeps them for strings, checks union members one by one', () => {
    expect(findings(report)).toEqual([
      'src/components/profile.tsx:16:7 error no-forbidden-property profile:saved',
      'src/components/profile.tsx:16:7 warning no-undeclared-property profile:saved',
      'src/components/profile.tsx:17:7 warning no-undeclared-property profile:saved',
      'src/components/track-button.ts:7:11 error no-undeclared-event button:hovered',
    ])
  })

  it('stays syntax-only when told to: imported constants still resolve, the prop-passed capture is not found', async () => {
    const cwd = fixture('audit-hooks')
    const syntaxOnly = await auditRepo({ cwd, types: false, settings: JSON.parse(readFileSync(`${cwd}settings.json`, 'utf8')) })
    expect(syntaxOnly.callSites.map((s) => `${s.file}:${s.line}`)).not.toContain('src/components/pay-button.tsx:4')
    expect(syntaxOnly.callSites.find((s) => s.line === 8 && s.file.endsWith('checkout-page.tsx'))?.eventNames).toEqual([
      { value: 'checkout:started', text: 'CHECKOUT_STARTED', line: 8, column: 31 },
    ])
    expect(syntaxOnly.stats.typedFiles).toBe(0)
  })
})

describe('audit-matchers fixture', async () => {
  const report = await auditFixture('audit-matchers')
  const sitesIn = (file: string) => inventory(report).filter((line) => line.startsWith(`src/${file}:`))
  const findingsIn = (file: string) => findings(report).filter((line) => line.startsWith(`src/${file}:`))

  it('reports a space in the fixed text of a template with a dynamic hole, next to the dynamic name', () => {
    expect(findingsIn('templates.ts')).toEqual([
      'src/templates.ts:6:19 warning no-dynamic-event-name',
      'src/templates.ts:6:19 error valid-event-name',
      'src/templates.ts:8:19 warning no-dynamic-event-name',
      'src/templates.ts:8:19 error valid-event-name',
      'src/templates.ts:9:19 warning no-dynamic-event-name',
    ])
    const messages = report.findings.filter((f) => f.ruleId === 'valid-event-name').map((f) => f.message)
    expect(messages).toContain('The event name "Premium subscription ${…}" contains a space.')
    expect(messages).toContain('The event name "web subscription.${…}" contains a space.')
  })

  it('reads object forms over a variable or a constant, spreads of constants, and the rest keys as properties', () => {
    expect(sitesIn('object-forms.ts')).toEqual([
      // posthog-node's payload variable, and a constant: read where the call names them
      'src/object-forms.ts:13:3 send client.capture report.exported {format:string,email:string} id=userId',
      "src/object-forms.ts:14:3 send client.capture report.exported {format:string} id='system'",
      'src/object-forms.ts:16:3 send client.capture dynamic(other) {} id=userId',
      // `analytics.track(Events.Upgrade)` and `{ ...Events.Upgrade, slug }`, the constant in another file
      'src/object-forms.ts:18:3 send analytics.track workspace_upgraded {channel:string}',
      'src/object-forms.ts:19:3 send analytics.track workspace_upgraded {channel:string,slug:string}',
      'src/object-forms.ts:21:3 send trackAnalytics document.added {document_id:string,path:string}',
      'src/object-forms.ts:22:3 send trackAnalytics document.added {,…}',
    ])
    expect(findingsIn('object-forms.ts')).toEqual([
      'src/object-forms.ts:13:18 error no-forbidden-property report.exported',
      'src/object-forms.ts:13:18 warning no-undeclared-property report.exported',
      'src/object-forms.ts:16:18 warning no-dynamic-event-name',
      'src/object-forms.ts:21:70 warning no-undeclared-property document.added',
    ])
  })

  it('reads a namePath inside a constant argument, in this file or another; never a crash', () => {
    expect(sitesIn('name-path.ts')).toEqual([
      'src/name-path.ts:8:3 signIn trackEvent sign in -',
      'src/name-path.ts:9:3 signIn trackEvent auth.sign_out {channel:string}',
      'src/name-path.ts:10:3 signIn trackEvent subscription.changed -',
      'src/name-path.ts:11:3 signIn trackEvent dynamic(unknown) -',
      // the constant computes its name (a call in its own file): dynamic, and types are never asked about another file's node
      'src/name-path.ts:13:3 signIn trackEvent dynamic(Computed.Opened) -',
    ])
    expect(findingsIn('name-path.ts')).toEqual([
      'src/name-path.ts:8:14 error no-undeclared-event sign in',
      'src/name-path.ts:8:14 error valid-event-name sign in',
      'src/name-path.ts:11:14 warning no-dynamic-event-name',
      'src/name-path.ts:13:14 warning no-dynamic-event-name',
    ])
    expect(report.skippedFiles).toEqual([])
    expect(report.warnings).toEqual([])
  })

  it('scopes matchers to where their function is declared: two capture()s read the other way round, a package’s track', () => {
    const declared = inventory(report).filter((line) => line.startsWith('src/declared/'))
    expect(declared).toEqual([
      // inside each wrapper the name it passes on is checked at its callers (a forward, not a dynamic name)
      'src/declared/a.ts:4:3 capture posthog.capture (none) {,…}',
      'src/declared/b.ts:5:3 capture posthog.capture (none) {,…}',
      'src/declared/b.ts:9:3 exportReport capture report.exported {format:string}',
      'src/declared/callers.ts:6:3 callers capture report.exported {format:string}',
      'src/declared/callers.ts:7:3 callers captureOther Report Exported {format:string}',
      'src/declared/callers.ts:8:3 callers track document.added -',
    ])
    expect(findings(report).filter((line) => line.startsWith('src/declared/'))).toEqual([
      'src/declared/callers.ts:7:35 error no-undeclared-event Report Exported',
      'src/declared/callers.ts:7:35 error valid-event-name Report Exported',
    ])
  })

  it('follows a capture function or client passed as an argument or prop to a function in another file (typed pass)', () => {
    expect(sitesIn('passed/child.tsx').concat(sitesIn('passed/export.ts'))).toEqual([
      'src/passed/child.tsx:2:33 Child props.capture Child Clicked -',
      'src/passed/export.ts:4:3 exportAsJson capture report.exported {format:string,rows:number}',
      'src/passed/export.ts:9:3 trackWith client.capture document.added -',
    ])
    // logWith's parameter is called `capture` too, but nothing passes it a capture function
    expect(findings(report).filter((line) => line.startsWith('src/passed/'))).toEqual([
      'src/passed/child.tsx:2:47 error no-undeclared-event Child Clicked',
      'src/passed/child.tsx:2:47 error valid-event-name Child Clicked',
      'src/passed/export.ts:4:48 warning no-undeclared-property report.exported',
    ])
  })

  it('without types, the callees in other files are not followed', async () => {
    const cwd = fixture('audit-matchers')
    const syntaxOnly = await auditRepo({ cwd, types: false, settings: JSON.parse(readFileSync(`${cwd}settings.json`, 'utf8')) })
    expect(syntaxOnly.callSites.filter((s) => s.file.startsWith('src/passed/'))).toEqual([])
  })

  it('counts as forwards an object-form wrapper passing its whole argument on and a wrapper prefixing a constant', () => {
    expect(sitesIn('forwards.ts').slice(0, 4)).toEqual([
      'src/forwards.ts:8:84 trackAnalytics analytics.track (none) -',
      'src/forwards.ts:11:43 trackWeb posthog.capture (none) -',
      'src/forwards.ts:13:1 (module) trackWeb web.opened -',
      'src/forwards.ts:14:1 (module) trackAnalytics document.added {document_id:string}',
    ])
    expect(findingsIn('forwards.ts').filter((line) => Number(line.split(':')[1]) < 15)).toEqual([])
  })

  it('counts as forwards a wrapper spreading its rest parameter or its properties into the capture; its calls send what it adds', () => {
    expect(sitesIn('forwards.ts').slice(4, 10)).toEqual([
      // inside the wrappers: nothing to check by name, the calls below are checked instead
      'src/forwards.ts:18:3 trackArgs posthog.capture (none) -',
      'src/forwards.ts:22:80 trackApp posthog.capture (none) {app:string,…}',
      'src/forwards.ts:24:1 (module) trackArgs document.added {document_id:string}',
      'src/forwards.ts:25:1 (module) trackArgs Document Added -',
      // `app` is what trackApp adds, placed at the call's properties (or the call)
      'src/forwards.ts:26:1 (module) trackApp document.added {document_id:string,app:string}',
      'src/forwards.ts:27:1 (module) trackApp web.opened {app:string}',
    ])
    expect(findingsIn('forwards.ts').filter((line) => Number(line.split(':')[1]) < 30)).toEqual([
      'src/forwards.ts:25:11 error no-undeclared-event Document Added',
      'src/forwards.ts:25:11 error valid-event-name Document Added',
      'src/forwards.ts:26:28 warning no-undeclared-property document.added',
      'src/forwards.ts:27:1 warning no-undeclared-property web.opened',
    ])
  })

  it('follows a wrapper imported from another file: its calls send the keys it adds there', () => {
    expect([...sitesIn('shared-track.ts'), ...sitesIn('wrapper-callers.ts')]).toEqual([
      'src/shared-track.ts:5:3 trackShared posthog.capture (none) {app:string,…}',
      'src/shared-track.ts:8:88 trackSharedArrow posthog.capture (none) {surface:string,…}',
      // `app` and `surface` are what the imported wrappers add, placed at the call's properties (or the call)
      'src/wrapper-callers.ts:3:1 (module) trackShared document.added {document_id:string,app:string}',
      'src/wrapper-callers.ts:4:1 (module) trackSharedArrow document.added {surface:string}',
    ])
    expect(findingsIn('wrapper-callers.ts')).toEqual([
      'src/wrapper-callers.ts:3:31 warning no-undeclared-property document.added',
      'src/wrapper-callers.ts:4:1 warning no-undeclared-property document.added',
    ])
  })

  it('counts as a forward an object form built by spreading a matched wrapper’s parameter; its calls send the keys it adds', () => {
    expect(sitesIn('forwards.ts').slice(10)).toEqual([
      // `{ ...event, source }`: the name key is the one the wrapper's event forwards
      'src/forwards.ts:35:11 trackMiddleware client.track (none) {source:string,…}',
      'src/forwards.ts:39:1 (module) trackMiddleware auth.sign_out {channel:string,source:string}',
    ])
    expect(findingsIn('forwards.ts').filter((line) => Number(line.split(':')[1]) >= 30)).toEqual([
      'src/forwards.ts:39:17 warning no-undeclared-property auth.sign_out',
    ])
  })
})
