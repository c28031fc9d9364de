/**
 * `--format sarif` validates against the official SARIF 2.1.0 schema (schema/sarif-2.1.0-rtm.5.json, see its
 * notice) and has what GitHub code scanning requires of an upload: rule ids described in tool.driver.rules
 * with a helpUri, a level, and a location with a relative artifact URI and a 1-based start line and column.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadCatalogOrThrow, RECOMMENDED_SEVERITY, RULE_DOCS, RULE_IDS } from '@herald/core'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { auditRepo } from './audit-repo.js'
import { sarifLog } from './format-sarif.js'
import type { AuditReport } from './report.js'

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../schema/sarif-2.1.0-rtm.5.json', import.meta.url)), 'utf8'))
// The schema's language pattern is not valid in unicode mode (a stray `]`), which SARIF's own validators also run without.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
addFormats(ajv)
const validate = ajv.compile(schema)

const fixture = fileURLToPath(new URL('../../../test/fixtures/audit-app/', import.meta.url))

describe('SARIF output', () => {
  let report: AuditReport
  beforeAll(async () => {
    report = await auditRepo({
      cwd: fixture,
      catalog: loadCatalogOrThrow(`${fixture}catalog.json`),
      catalogFile: 'catalog.json',
      settings: JSON.parse(readFileSync(`${fixture}settings.json`, 'utf8')),
    })
  })

  it('validates against the SARIF 2.1.0 schema', () => {
    const log = sarifLog(report)
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
    expect(log.runs[0]!.results).toHaveLength(report.findings.length)
  })

  it('the schema check can fail: a level SARIF does not know is rejected', () => {
    const log = structuredClone(sarifLog(report)) as unknown as { runs: Array<{ results: Array<{ level: string }> }> }
    log.runs[0]!.results[0]!.level = 'fatal'
    expect(validate(log)).toBe(false)
  })

  it('has what GitHub code scanning reads: described rules with helpUri, levels, relative locations', () => {
    const run = sarifLog(report).runs[0]!
    const rules = run.tool.driver.rules ?? []
    expect(run.tool.driver.name).toBe('herald')
    // The ESLint plugin's docs pages and descriptions, from core's RULE_DOCS, the one place they are kept.
    expect(rules.map((rule) => [rule.id, rule.helpUri, rule.shortDescription?.text])).toEqual(
      RULE_IDS.map((id) => [id, `https://github.com/herald-dev/herald/blob/main/packages/eslint-plugin/docs/rules/${id}.md`, `${RULE_DOCS[id].description}.`]),
    )
    // each rule's default level is the severity the audit reports it with unless settings say otherwise
    expect(rules.map((rule) => rule.defaultConfiguration?.level)).toEqual(RULE_IDS.map((id) => RECOMMENDED_SEVERITY[id]))
    for (const result of run.results ?? []) {
      expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId)
      expect(['error', 'warning']).toContain(result.level)
      const location = result.locations![0]!.physicalLocation!
      expect(location.artifactLocation!.uri).toMatch(/^src\/[^:]+$/)
      expect(location.region!.startLine).toBeGreaterThanOrEqual(1)
      expect(location.region!.startColumn).toBeGreaterThanOrEqual(1)
    }
    const first = report.findings[0]!
    expect(run.results![0]).toMatchObject({
      ruleId: first.ruleId,
      message: { text: first.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: first.file }, region: { startLine: first.line, startColumn: first.column } } }],
    })
  })

  it('reports skipped files as tool notifications, not results', () => {
    const notifications = sarifLog(report).runs[0]!.invocations![0]!.toolExecutionNotifications!
    expect(notifications).toHaveLength(1)
    expect(notifications[0]!.message.text).toContain('Cannot parse the file')
  })

  it('escapes paths into URI references', () => {
    const finding = { ...report.findings[0]!, file: 'src/my app/#1 100%.ts' }
    const log = sarifLog({ ...report, findings: [finding], skippedFiles: [] })
    expect(validate(log)).toBe(true)
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('src/my%20app/%231%20100%25.ts')
  })
})
