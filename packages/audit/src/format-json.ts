/** `--format json`: the report itself, documented by `schema/audit-report.schema.json`. */
import type { AuditReport } from './report.js'

export function formatJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
