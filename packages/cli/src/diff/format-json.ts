/** `--format json`: the report itself, documented by `packages/cli/schema/diff-report.schema.json`. */
import type { DiffReport } from './diff-report.js'

export function formatJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
