/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Each finding is a result
 * with its rule, level and a location relative to the audited root; skipped files are tool notifications.
 */
import { RULE_DOCS, RULE_IDS } from '@herald/core'
import type { Log, ReportingDescriptor, Result } from 'sarif'
import { AUDIT_VERSION } from './package-version.js'
import type { AuditReport } from './report.js'

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
    help: { text: `${RULE_DOCS[id].description}. See ${RULE_DOCS[id].url}`, markdown: `${RULE_DOCS[id].description}. [Rule documentation](${RULE_DOCS[id].url})` },
    defaultConfiguration: { level: id === 'no-deprecated-event' ? 'warning' : 'error' },
    properties: { tags: ['telemetry', 'privacy'] },
  }))
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
            toolExecutionNotifications: report.skippedFiles.map((skipped) => ({
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
