/** The counts every human-facing format opens or closes with. */
import type { AuditReport } from './report.js'

export interface ReportSummary {
  /** Capture calls (checked), then calls of generated emitters (inventoried only). */
  callSites: number
  emitterCalls: number
  filesWithCallSites: number
  errors: number
  warnings: number
}

export function summarize(report: AuditReport): ReportSummary {
  let errors = 0
  for (const finding of report.findings) if (finding.severity === 'error') errors++
  const emitterCalls = report.callSites.filter((s) => s.emitter !== undefined).length
  return {
    callSites: report.callSites.length - emitterCalls,
    emitterCalls,
    filesWithCallSites: new Set(report.callSites.map((s) => s.file)).size,
    errors,
    warnings: report.findings.length - errors,
  }
}

/** "13 capture call sites in 4 files", naming emitter calls only where there are some. */
export function callSitesPhrase(summary: ReportSummary): string {
  const emitters = summary.emitterCalls > 0 ? ` and ${plural(summary.emitterCalls, 'call')} of generated emitters` : ''
  return `${plural(summary.callSites, 'capture call site')}${emitters} in ${plural(summary.filesWithCallSites, 'file')}`
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}
