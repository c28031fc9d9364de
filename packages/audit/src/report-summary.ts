/** The counts every human-facing format opens or closes with. */
import type { AuditReport } from './report.js'

export interface ReportSummary {
  callSites: number
  filesWithCallSites: number
  errors: number
  warnings: number
}

export function summarize(report: AuditReport): ReportSummary {
  let errors = 0
  for (const finding of report.findings) if (finding.severity === 'error') errors++
  return {
    callSites: report.callSites.length,
    filesWithCallSites: new Set(report.callSites.map((s) => s.file)).size,
    errors,
    warnings: report.findings.length - errors,
  }
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
