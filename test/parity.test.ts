/**
 * One checker, two front-ends: the same fixture files through the ESLint plugin and through `herald audit`
 * give identical findings (rule, file, line, column, event, message) and identical call sites. The plugin
 * runs through ESLint's Node API (`ESLint`, and `analyzeFiles`, which runs `Linter` and returns the checker's
 * own findings and call sites); the audit through `auditRepo`.
 *
 * Where the audit knows more than syntax in one file can (constants imported from other files, a name typed
 * as a union, a capture function passed on as a prop typed elsewhere, a value typed boolean), it reports more
 * precisely; those differences are listed exactly below, so that any other difference fails.
 *
 * Calls of generated emitters are the audit's alone: it inventories them (coverage counts them) but never
 * checks them, so on an app that calls them both front-ends still give identical findings, and the call sites
 * differ by exactly those calls.
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type AuditCallSite, auditRepo, discoverFiles } from '@herald/audit'
import { type CallSite, type Finding, type HeraldSettings, loadCatalogOrThrow } from '@herald/core'
import herald, { analyzeFiles } from '@herald/eslint-plugin'
import * as tsParser from '@typescript-eslint/parser'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'
import { appWithEmitters } from './audit-emitters-app.js'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url))

interface Run {
  eslint: { findings: Finding[]; sites: CallSite[] }
  audit: { findings: Finding[]; sites: CallSite[] }
}

async function runBoth(dir: string, settings: HeraldSettings & { catalog: string }): Promise<Run> {
  const { files } = await discoverFiles(['src'], dir)
  const eslint = await analyzeFiles(
    files.map((f) => relative(dir, f)),
    { cwd: dir, settings },
  )
  const audit = await auditRepo({ cwd: dir, paths: ['src'], catalog: loadCatalogOrThrow(`${dir}${settings.catalog}`), settings })
  return { eslint: { findings: eslint.findings, sites: eslint.sites }, audit: { findings: audit.findings, sites: audit.callSites } }
}

const file = (dir: string, path: string) => (isAbsolute(path) ? relative(dir, path) : path)

function findingKeys(dir: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${file(dir, f.file)}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.event ?? '-'} ${f.message}`).sort()
}

/** A call site as both front-ends must build it; value kinds and surfaces are the audit's additions. */
function siteKeys(dir: string, sites: readonly CallSite[]): string[] {
  return sites
    .map((s) =>
      JSON.stringify([
        file(dir, s.file),
        s.line,
        s.column,
        s.callee,
        s.kind ?? null,
        s.eventNames,
        s.groupTypes ?? null,
        propertiesKey(s.properties),
        propertiesKey(s.setOnce),
        s.distinctId ?? null,
        s.alias ?? null,
      ]),
    )
    .sort()
}

function propertiesKey(properties: CallSite['properties']) {
  return (
    properties && {
      open: properties.open,
      line: properties.line,
      column: properties.column,
      keys: properties.keys.map((k) => [k.key, k.parents, k.line, k.column]),
    }
  )
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b]
  return a.filter((x) => {
    const i = rest.indexOf(x)
    if (i < 0) return true
    rest.splice(i, 1)
    return false
  })
}

describe.each([
  ['lint-app', 'herald.settings.json'],
  ['audit-parity', 'herald.settings.json'],
])('parity on %s', async (name, settingsFile) => {
  const dir = fixture(name)
  const settings = JSON.parse(readFileSync(`${dir}${settingsFile}`, 'utf8'))
  const run = await runBoth(dir, settings)

  it('gives identical findings', () => {
    expect(run.audit.findings.length).toBeGreaterThan(20)
    expect(findingKeys(dir, run.audit.findings)).toEqual(findingKeys(dir, run.eslint.findings))
  })

  it('builds identical call sites', () => {
    expect(run.audit.sites.length).toBeGreaterThan(20)
    expect(siteKeys(dir, run.audit.sites)).toEqual(siteKeys(dir, run.eslint.sites))
  })
})

describe('matcher shapes on audit-parity', async () => {
  const dir = fixture('audit-parity')
  const settings = JSON.parse(readFileSync(`${dir}herald.settings.json`, 'utf8'))
  const run = await runBoth(dir, settings)
  // each call site of one fixture file as `line:column callee names`
  const sitesIn = (file: string, sites: readonly CallSite[]) =>
    sites
      .filter((s) => s.file.endsWith(file))
      .map((s) => `${s.line}:${s.column} ${s.callee} ${s.eventNames.map((e) => e.value ?? `dynamic(${e.text})`).join('|')}`)

  // `object: "this"` (a method and `this.#x`), wrappers through useCallback, React.useCallback, useMemo and
  // useRef(…).current, each matched by its own name and forwarding its name; `namePrefix`/`nameSuffix` applied
  it('matches every shape, the same in both front-ends', () => {
    const expected = [
      '8:5 posthog.capture ',
      '11:5 posthog.capture ',
      '14:5 this.captureEvent checkout paid',
      '15:5 this.#track checkout.tracked privately',
      '20:66 posthog.capture ',
      '21:58 posthog.capture ',
      '22:53 posthog.capture ',
      '23:45 posthog.capture ',
      '24:3 trackStep wizard step one',
      '25:3 trackOther wizard other step',
      '26:3 trackMemo wizard memo step',
      '27:3 trackRef.current wizard ref step',
      '33:1 trackWeb web.wizard.finished - [WEB]',
    ]
    expect(sitesIn('matcher-shapes.tsx', run.audit.sites)).toEqual(expected)
    expect(sitesIn('matcher-shapes.tsx', run.eslint.sites)).toEqual(expected)
  })
  // forwarding for every matcher kind: `from` (declared in the hook), `object` (a member of `metrics`), an object
  // form and an alias destructured in the body, a rest parameter spread, a wrapper adding keys; and a wrapper no
  // matcher names (useOther's), whose name stays dynamic
  it('recognises forwarding for every matcher kind, the same in both front-ends', () => {
    const expected = [
      '6:51 posthog.capture ',
      '12:3 track cart.viewed',
      '13:3 track Cart Viewed',
      '19:5 posthog.capture ',
      '22:1 metrics.send checkout.started',
      '23:1 metrics.send checkout.unknown',
      '28:3 posthog.capture ',
      '30:1 report checkout.completed',
      '35:3 posthog.capture ',
      '37:1 trackAlias checkout.payment',
      '41:35 posthog.capture dynamic(name)',
      '47:3 posthog.capture ',
      '49:1 trackArgs cart.viewed',
      '50:1 trackArgs Cart Emptied',
      '53:64 posthog.capture ',
      '54:1 trackPlan cart.viewed',
      '55:1 trackPlan checkout.started',
      '61:3 client.capture ',
      '64:3 client.capture ',
      '66:1 trackOrder checkout.completed',
      '67:1 trackStepWith checkout.shipping',
    ]
    expect(sitesIn('forwarding.ts', run.audit.sites)).toEqual(expected)
    expect(sitesIn('forwarding.ts', run.eslint.sites)).toEqual(expected)
  })
})

describe('the opt-in presets on audit-presets (openpanel, segment-node)', async () => {
  const dir = fixture('audit-presets')
  const run = await runBoth(dir, JSON.parse(readFileSync(`${dir}herald.settings.json`, 'utf8')))
  const sites = (list: readonly CallSite[]) =>
    list.map((s) => `${s.line}:${s.column} ${s.callee} ${s.eventNames.map((e) => e.value).join('|')} {${s.properties?.keys.map((k) => k.key).join(',') ?? ''}}`)

  it('matches Segment Node object forms and OpenPanel tracks, the same in both front-ends', () => {
    const expected = [
      '8:3 analytics.track Signed Up {plan,email}',
      '9:3 analytics.track cart.viewed {}',
      '14:3 op.track checkout.started {plan}',
      '15:3 op.track Checkout Started {}',
    ]
    expect(sites(run.audit.sites)).toEqual(expected)
    expect(sites(run.eslint.sites)).toEqual(expected)
    expect(findingKeys(dir, run.audit.findings)).toEqual(findingKeys(dir, run.eslint.findings))
    // the object form's properties are checked (a forbidden email, an undeclared plan), and OpenPanel's names
    expect(run.audit.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([
      '8:36 no-undeclared-event',
      '8:36 valid-event-name',
      '8:76 no-forbidden-property',
      '14:34 no-undeclared-property',
      '15:12 no-undeclared-event',
      '15:12 valid-event-name',
    ])
  })
})

describe('people calls (identify, group, alias) on audit-parity', async () => {
  const dir = fixture('audit-parity')
  const settings = JSON.parse(readFileSync(`${dir}herald.settings.json`, 'utf8'))
  const run = await runBoth(dir, settings)
  const people = (findings: readonly Finding[]) => findings.filter((f) => f.file.endsWith('people.ts')).map((f) => `${f.line}:${f.column} ${f.ruleId}`)

  it('are call sites of their kind in both front-ends, and checked alike', () => {
    const kinds = (sites: readonly CallSite[]) => sites.filter((s) => s.kind !== undefined).map((s) => `${s.line} ${s.kind} ${s.callee}`)
    expect(kinds(run.audit.sites).sort()).toEqual(kinds(run.eslint.sites).sort())
    expect(kinds(run.audit.sites)).toHaveLength(16)
    expect(people(run.eslint.findings).sort()).toEqual(people(run.audit.findings).sort())
    // PII ids (identify, both ids of alias), forbidden and undeclared keys, undeclared group types, in each preset
    expect(people(run.audit.findings)).toEqual([
      '19:20 no-pii-distinct-id',
      '19:37 no-undeclared-trait',
      '19:45 no-forbidden-property',
      '19:45 no-undeclared-trait',
      '20:31 no-undeclared-trait',
      '20:57 no-undeclared-trait',
      '21:45 no-undeclared-trait',
      '22:17 no-undeclared-group-type',
      '23:51 no-undeclared-group-type',
      '24:17 no-pii-distinct-id',
      '28:93 no-undeclared-trait',
      '29:33 no-pii-distinct-id',
      '29:59 no-forbidden-property',
      '29:59 no-undeclared-trait',
      '30:92 no-undeclared-trait',
      '30:103 no-forbidden-property',
      '31:37 no-undeclared-group-type',
      '37:46 no-undeclared-trait',
      '38:67 no-undeclared-trait',
      '39:43 no-forbidden-property',
      '39:43 no-undeclared-trait',
      '40:28 no-pii-distinct-id',
    ])
  })
})

describe('parity through the ESLint class, as a user runs ESLint', () => {
  it('reports the audit findings as ESLint messages, rule by rule and position by position', async () => {
    const dir = fixture('audit-parity')
    const settings = JSON.parse(readFileSync(`${dir}herald.settings.json`, 'utf8'))
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.{ts,tsx}'],
          languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
          plugins: { herald },
          settings: { herald: settings },
          rules: herald.configs.strict.rules,
        },
      ],
    })
    const results = await eslint.lintFiles(['src'])
    const messages = results.flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`)).sort()
    const audit = await auditRepo({ cwd: dir, paths: ['src'], catalog: loadCatalogOrThrow(`${dir}events.catalog.json`), settings })
    expect(messages).toEqual(audit.findings.map((f) => `${f.file}:${f.line}:${f.column} herald/${f.ruleId} ${f.message}`).sort())
  })
})

describe('where the audit knows more than the plugin', () => {
  const cases = {
    'audit-app': {
      // `has_email` and `hasEmail` are flags, not forbidden keys, for both front-ends alike, typed or not.
      onlyPlugin: [],
      // Constants imported from other files (through re-exports), which the plugin leaves unchecked, are resolved
      // by the audit: once the name is known, its properties are checked.
      onlyAudit: [
        'src/web/signup-form.tsx:16:7 warning no-undeclared-property auth.signup The event "auth.signup" does not declare the property "hasEmail". Did you mean "has_email"?',
      ],
    },
    'audit-hooks': {
      // `hasEmail` and `requireGuestEmail` are flags: neither front-end reports them, whatever their types.
      onlyPlugin: [],
      // A name typed as a union of literals (through a template literal) is checked member by member.
      onlyAudit: ['src/components/track-button.ts:7:11 error no-undeclared-event button:hovered The event "button:hovered" is not declared in the catalog.'],
    },
  }

  it.each(Object.entries(cases))('on %s, only in the listed ways', async (name, expected) => {
    const dir = fixture(name)
    const settings = { ...JSON.parse(readFileSync(`${dir}settings.json`, 'utf8')), catalog: 'catalog.json' }
    const run = await runBoth(dir, settings)
    const plugin = findingKeys(dir, run.eslint.findings)
    const audit = findingKeys(dir, run.audit.findings)
    expect(difference(plugin, audit)).toEqual([...expected.onlyPlugin].sort())
    expect(difference(audit, plugin)).toEqual([...expected.onlyAudit].sort())
  })
})

describe('calls of generated emitters: inventoried by the audit alone, checked by neither', () => {
  it('gives identical findings; the audit has the emitter calls as call sites besides', async () => {
    const dir = appWithEmitters()
    const settings = { ...JSON.parse(readFileSync(`${dir}/settings.json`, 'utf8')), catalog: 'catalog.json' }
    const run = await runBoth(`${dir}/`, settings)
    expect(findingKeys(dir, run.audit.findings)).toEqual(findingKeys(dir, run.eslint.findings))
    expect(run.audit.findings.length).toBeGreaterThan(0)
    const emitterCalls = (run.audit.sites as AuditCallSite[]).filter((s) => s.emitter !== undefined)
    expect(difference(siteKeys(dir, run.audit.sites), siteKeys(dir, run.eslint.sites))).toEqual(siteKeys(dir, emitterCalls))
    expect(difference(siteKeys(dir, run.eslint.sites), siteKeys(dir, run.audit.sites))).toEqual([])
    expect(emitterCalls.map((s) => `${s.file}:${s.line} ${s.callee}`)).toEqual([
      'src/auth/login.ts:8 authLogin',
      'src/auth/login.ts:15 logout',
      'src/identity/claims.ts:5 identityClaimed',
      'src/security/limits.ts:5 events.securityRateLimited',
      'src/web/lookalikes.ts:22 generatedLogout',
    ])
  })
})
