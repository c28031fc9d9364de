/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. One rule a change id; breaking and privacy changes are
 * errors, the others notes; removals are placed on the new file like the github format's annotations.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif'
import { VERSION } from '../version.js'
import type { DiffReport } from './diff-report.js'
import { annotationLocation } from './format-github.js'

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
const LEVEL = { breaking: 'error', privacy: 'error', additive: 'note', docs: 'note' } as const

export function formatSarif(report: DiffReport): string {
  const ids = [...new Set(report.changes.map((c) => c.id))].sort()
  const rules: ReportingDescriptor[] = ids.map((id) => {
    const kind = report.changes.find((c) => c.id === id)!.kind
    return {
      id,
      name: id,
      shortDescription: { text: `A ${kind} change to the event catalog (${id}).` },
      defaultConfiguration: { level: LEVEL[kind] },
      properties: { tags: ['telemetry', 'catalog', kind] },
    }
  })
  const results: Result[] = report.changes.map((c) => {
    const at = annotationLocation(c)
    return {
      ruleId: c.id,
      ruleIndex: ids.indexOf(c.id),
      level: LEVEL[c.kind],
      message: { text: c.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: at.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
            region: { startLine: at.line, startColumn: at.column },
          },
        },
      ],
      partialFingerprints: { heraldChange: `${c.id}:${c.path.join('/')}` },
      properties: { kind: c.kind },
    }
  })
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'herald diff', informationUri: 'https://herald.dev', version: VERSION, semanticVersion: VERSION, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
