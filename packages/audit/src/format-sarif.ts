/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Each finding is a result
 * with its rule, level and a location relative to the audited root; skipped files are tool notifications.
 */
import { RECOMMENDED_SEVERITY, RULE_DOCS, RULE_IDS } from '@herald/core'
import type { Log, ReportingDescriptor, Result } from 'sarif'
import { AUDIT_VERSION } from './package-version.js'
import type { AuditReport } from './report.js'

/** The audit's own finding (not a checker rule): see `UnresolvedImportFinding`. */
const UNRESOLVED_IMPORT = 'unresolved-import'
const UNRESOLVED_IMPORT_DOCS = 'https://github.com/herald-dev/herald/blob/main/docs/audit.md#unresolved-imports'

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'

export function formatSarif(report: AuditReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`
}

export function sarifLog(report: AuditReport): Log {
  // Descriptions and pages are core's, the ones the ESLint plugin's rules show, so an alert and the editor agree.
  const rules: ReportingDescriptor[] = RULE_IDS.map((id) => ({
    id,
    name: id,
    shortDescription: { text: `${RULE_DOCS[id].description}.` },
    fullDescription: { text: `${RULE_DOCS[id].description}.` },
    helpUri: RULE_DOCS[id].url,
    help: {
      text: `${RULE_DOCS[id].description}. See ${RULE_DOCS[id].url}`,
      markdown: `${RULE_DOCS[id].description}. [Rule documentation](${RULE_DOCS[id].url})`,
    },
    // the severity `herald audit` reports it with by default (and ESLint's recommended config)
    defaultConfiguration: { level: RECOMMENDED_SEVERITY[id] },
    properties: { tags: ['telemetry', 'privacy'] },
  }))
  // Described only when reported, so that a run without one lists the checker's rules alone.
  if (report.unresolvedImports.length > 0)
    rules.push({
      id: UNRESOLVED_IMPORT,
      helpUri: UNRESOLVED_IMPORT_DOCS,
      name: UNRESOLVED_IMPORT,
      shortDescription: { text: 'A name a call site needs is imported from a module that cannot be resolved.' },
      fullDescription: {
        text: 'A name a call site needs (an event name from a constant) is imported from a module that cannot be resolved, so its call sites get no naming check.',
      },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['telemetry'] },
    })
  const results: Result[] = report.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: finding.severity,
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(finding.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: finding.line, startColumn: finding.column },
        },
      },
    ],
    // Stable across unrelated edits above the call, so code scanning tracks an alert instead of reopening it.
    partialFingerprints: { heraldFinding: `${finding.ruleId}:${finding.file}:${finding.event ?? ''}:${finding.message}` },
  }))
  for (const u of report.unresolvedImports) {
    results.push({
      ruleId: UNRESOLVED_IMPORT,
      ruleIndex: rules.length - 1,
      level: 'warning',
      message: { text: u.message },
      locations: [
        { physicalLocation: { artifactLocation: { uri: fileUri(u.file), uriBaseId: '%SRCROOT%' }, region: { startLine: u.line, startColumn: u.column } } },
      ],
      partialFingerprints: { heraldFinding: `${UNRESOLVED_IMPORT}:${u.file}:${u.specifier}` },
    })
  }
  const notices = [...report.warnings, ...report.skippedFiles]
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'herald', informationUri: 'https://herald.dev', version: AUDIT_VERSION, semanticVersion: AUDIT_VERSION, rules } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notices.map((skipped) => ({
              level: 'warning' as const,
              message: { text: skipped.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: fileUri(skipped.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: skipped.line, startColumn: skipped.column },
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  }
}

/** A relative path as a URI reference: `/` kept, spaces, `#`, `%` and other reserved characters escaped. */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}
