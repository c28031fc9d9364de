/**
 * The audit's report formats, each a view of the one report: json (validated against its own schema in the
 * repo), markdown (the surface → event → properties table), github workflow commands, pretty.
 * SARIF is validated against the official schema in packages/audit/src/format-sarif.test.ts.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type AuditReport, auditRepo, formatGithub, formatJson, formatMarkdown, formatPretty } from '@herald/audit'
import { loadCatalogOrThrow } from '@herald/core'
import Ajv2020 from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, it } from 'vitest'

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))
const reportSchema = JSON.parse(readFileSync(root('packages/audit/schema/audit-report.schema.json'), 'utf8'))
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(reportSchema)

async function audit(name: string, options: { catalog?: boolean; propertyTypes?: boolean } = {}): Promise<AuditReport> {
  const cwd = root(`test/fixtures/${name}/`)
  return auditRepo({
    cwd,
    settings: JSON.parse(readFileSync(`${cwd}settings.json`, 'utf8')),
    ...(options.catalog !== false ? { catalog: loadCatalogOrThrow(`${cwd}catalog.json`), catalogFile: 'catalog.json' } : {}),
    ...(options.propertyTypes ? { propertyTypes: true } : {}),
  })
}

describe('audit report formats', () => {
  let app: AuditReport
  let hooks: AuditReport
  beforeAll(async () => {
    app = await audit('audit-app')
    hooks = await audit('audit-hooks')
  })

  describe('json', () => {
    it('validates against packages/audit/schema/audit-report.schema.json, with and without a catalog, with property values', async () => {
      const reports = [app, hooks, await audit('audit-app', { catalog: false }), await audit('audit-hooks', { propertyTypes: true })]
      for (const report of reports) {
        const parsed = JSON.parse(formatJson(report))
        expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true)
      }
    })

    it('the schema check can fail: a finding without a rule, or an unknown field, is rejected', () => {
      const parsed = JSON.parse(formatJson(app))
      delete parsed.findings[0].ruleId
      expect(validate(parsed)).toBe(false)
      const extra = JSON.parse(formatJson(app))
      extra.callSites[0].inventedField = true
      expect(validate(extra)).toBe(false)
    })

    it('is { findings, callSites, coverage } plus unresolved imports, warnings, skipped files and stats, stable across runs but for the duration', async () => {
      const again = await audit('audit-app')
      const strip = (r: AuditReport) => ({ ...r, stats: { ...r.stats, durationMs: 0 } })
      expect(formatJson(strip(again))).toBe(formatJson(strip(app)))
      expect(Object.keys(JSON.parse(formatJson(app)))).toEqual([
        'formatVersion',
        'findings',
        'callSites',
        'coverage',
        'unresolvedImports',
        'warnings',
        'skippedFiles',
        'stats',
        'catalog',
      ])
    })
  })

  describe('markdown', () => {
    it('shows the inventory as a surface → event → properties table, then findings and coverage', () => {
      const markdown = formatMarkdown(app)
      expect(markdown).toContain('| Surface | Event | Properties | Distinct id | Location |')
      expect(markdown).toContain('| `POST /v1/orgs` | `org.created` | `org_id`, `plan` | `req.user.id` | src/server/routes/orgs.ts:9:3 |')
      expect(markdown).toContain('| `trackMfa` | `mfa.enroll_failed` | `factor` | — | src/web/signup-form.tsx:24:3 |')
      // The wrapper's own call passes its parameter on (checked at the wrapper's calls): no name of its own.
      expect(markdown).toContain('| `capturePostHogEvent` | — | … | `String(properties.user_id)` | src/server/capture-helper.ts:4:3 |')
      expect(markdown).toContain('| `trackLegacySignup` | *dynamic* (`eventName`) | — | — | src/web/legacy.ts:6:3 |')
      expect(markdown).toContain(
        '| src/web/legacy.ts:5:19 | warning | `no-deprecated-event` | The event "user.signed_up" is deprecated since 1.1.0. Use "auth.signup". |',
      )
      expect(markdown).toContain('- `email_change_completed`: `email change completed`, `email_change_completed`')
      expect(markdown).toContain('| src/server/routes/orgs.ts:23:3 | `identity.registered` | `identity` | `identity_handle`, `did` |')
      expect(markdown).toContain('## Skipped files\n\n- src/web/broken.ts:4:10: Cannot parse the file')
      // Rows sort by surface, then event.
      const surfaces = markdown
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) => l.split(' | ')[0])
      expect(surfaces.slice(0, 3)).toEqual(['| `AccountService.changeEmail`', '| `AccountService.confirmEmailChange`', '| `POST /v1/identities`'])
    })

    it('keeps a table intact whatever a name holds: pipes and backticks are escaped', () => {
      const site = { ...app.callSites[1]!, eventNames: [{ value: 'a|b`c', text: "'a|b`c'", line: 1, column: 1 }], surface: 'x|y' }
      const markdown = formatMarkdown({ ...app, callSites: [site] })
      expect(markdown).toContain('| `x\\|y` | ``a\\|b`c`` |')
    })
  })

  describe('github', () => {
    it('writes one workflow command per finding and per skipped file', () => {
      const lines = formatGithub(app).trimEnd().split('\n')
      expect(lines).toHaveLength(app.findings.length + 1)
      expect(lines).toContain(
        '::error file=src/web/legacy.ts,line=4,col=47,title=herald/no-forbidden-property::The property "$set.email" is a forbidden key (it matches "email") and must never be sent.',
      )
      expect(lines).toContain(
        '::warning file=src/web/legacy.ts,line=5,col=19,title=herald/no-deprecated-event::The event "user.signed_up" is deprecated since 1.1.0. Use "auth.signup".',
      )
      expect(lines.at(-1)).toBe("::warning file=src/web/broken.ts,line=4,col=10,title=herald audit::Cannot parse the file: ',' expected. The file was skipped.")
    })

    it('escapes what would end a command early: newlines, percent signs, and commas or colons in properties', () => {
      const finding = {
        ruleId: 'no-dynamic-event-name' as const,
        severity: 'error' as const,
        file: 'src/a,b:c.ts',
        line: 4,
        column: 60,
        message: '100% wrong\nreally',
      }
      expect(formatGithub({ ...app, findings: [finding], skippedFiles: [] })).toBe(
        '::error file=src/a%2Cb%3Ac.ts,line=4,col=60,title=herald/no-dynamic-event-name::100%25 wrong%0Areally\n',
      )
    })
  })

  describe('pretty', () => {
    it('groups findings by file and sums up coverage, without colour unless asked', () => {
      const text = formatPretty(app)
      expect(text).not.toMatch(/\x1b\[/)
      expect(text).toContain(
        'src/web/legacy.ts\n  4:19   error    The event "user signed up" is not declared in the catalog. Did you mean "user.signed_up"?  no-undeclared-event',
      )
      expect(text).toContain('✖ 15 problems (9 errors, 6 warnings) in 13 capture call sites in 4 files (11 files scanned).')
      expect(text).toContain(
        'Coverage: 3 declared events never captured, 3 captured names not declared, 1 group of names that normalize to the same event, 1 call site missing required properties, 1 dynamic name.',
      )
      expect(text).toContain("skipped src/web/broken.ts:4:10  Cannot parse the file: ',' expected.")
    })

    it('colours for a terminal', () => {
      expect(formatPretty(app, { color: true })).toMatch(/\x1b\[31merror/)
    })

    it('says when no catalog was given', async () => {
      expect(formatPretty(await audit('audit-app', { catalog: false }))).toContain(
        'No catalog: only naming, forbidden keys and distinct ids were checked, and calls of generated emitters were not recognised.',
      )
    })
  })
})

describe('people calls (identify, group, alias) in the report', () => {
  let report: AuditReport
  beforeAll(async () => {
    const cwd = root('test/fixtures/audit-parity/')
    const settings = JSON.parse(readFileSync(`${cwd}herald.settings.json`, 'utf8'))
    report = await auditRepo({
      cwd,
      paths: ['src/people.ts'],
      settings,
      catalog: loadCatalogOrThrow(`${cwd}events.catalog.json`),
      catalogFile: 'events.catalog.json',
    })
  })

  it('are inventoried with their kind and counted in coverage, by group type', () => {
    expect(report.callSites.map((s) => s.kind)).toEqual([
      'identify',
      'identify',
      'identify',
      'group',
      'group',
      'group',
      'alias',
      'identify',
      'identify',
      'group',
      'group',
      'alias',
      'identify',
      'group',
      'group',
      'alias',
    ])
    const lines = (list: readonly { line: number }[]) => list.map((l) => l.line)
    const people = report.coverage.people
    expect(lines(people.identify)).toEqual([18, 19, 20, 28, 29, 37])
    expect(lines(people.alias)).toEqual([24, 32, 40])
    expect(people.groups.map((g) => [g.groupType ?? null, lines(g.callSites)])).toEqual([
      ['organisation', [22]],
      ['organization', [21, 30, 38]],
      ['project', [23]],
      ['team', [23, 31]],
      [null, [39]],
    ])
    expect(people.groupTypesNeverSet).toEqual([])
    // people calls are no events: the event coverage is untouched by them
    expect(report.coverage.capturedUndeclared).toEqual([])
    expect(report.coverage.dynamicNames).toEqual([])
  })

  it('validate against the report schema, and show in markdown and pretty', () => {
    const parsed = JSON.parse(formatJson(report))
    expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true)
    parsed.callSites[0].kind = 'capture'
    expect(validate(parsed)).toBe(false)
    const markdown = formatMarkdown(report)
    expect(markdown).toContain('### People calls')
    expect(markdown).toContain('- group `organization`: src/people.ts:21:3, src/people.ts:30:3, src/people.ts:38:3')
    expect(markdown).toContain('*group* `organisation`')
    expect(formatPretty(report, { color: false })).toContain('People: 6 identify calls, 7 group calls, 3 alias calls.')
  })
})
