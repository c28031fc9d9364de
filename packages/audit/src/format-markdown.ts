/**
 * `--format markdown`: the inventory as a surface → event → properties table, then findings and coverage,
 * ready to paste into an issue or a docs page.
 */
import type { AuditCallSite, AuditReport, SiteLocation } from './report.js'
import { callSitesPhrase, plural, summarize } from './report-summary.js'

export function formatMarkdown(report: AuditReport): string {
  const summary = summarize(report)
  const out: string[] = ['# Telemetry audit', '']
  const catalog =
    report.catalog !== undefined
      ? ` against ${code(report.catalog)}`
      : ' (no catalog: naming, forbidden keys and distinct ids only; calls of generated emitters not recognised)'
  out.push(
    `${callSitesPhrase(summary)}, ${plural(report.findings.length, 'finding')} ` +
      `(${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')})${catalog}.`,
    '',
  )

  out.push('## Inventory', '')
  if (report.callSites.length === 0) out.push('No capture call sites found.', '')
  else {
    out.push('| Surface | Event | Properties | Distinct id | Location |', '|---|---|---|---|---|')
    for (const row of inventoryRows(report.callSites)) {
      out.push(`| ${row.surface} | ${row.event} | ${row.properties} | ${row.distinctId} | ${row.location} |`)
    }
    out.push('')
    if (summary.emitterCalls > 0)
      out.push("Rows with *via* are calls of generated emitters; a span's row stands for its `.start`, `.stop` and `.exception`.", '')
  }

  out.push('## Findings', '')
  if (report.findings.length === 0) out.push('None.', '')
  else {
    out.push('| Location | Severity | Rule | Message |', '|---|---|---|---|')
    for (const f of report.findings) out.push(`| ${location(f)} | ${f.severity} | ${code(f.ruleId)} | ${cell(f.message)} |`)
    out.push('')
  }

  const c = report.coverage
  out.push('## Coverage', '')
  if (report.catalog !== undefined) {
    out.push(`### Declared but never captured (${c.declaredNeverCaptured.length})`, '')
    out.push(c.declaredNeverCaptured.length ? c.declaredNeverCaptured.map((name) => `- ${code(name)}`).join('\n') : 'None.', '')
    out.push(`### Captured but not declared (${c.capturedUndeclared.length})`, '')
    out.push(
      c.capturedUndeclared.length ? c.capturedUndeclared.map((u) => `- ${code(u.name)} at ${u.callSites.map(location).join(', ')}`).join('\n') : 'None.',
      '',
    )
  }
  out.push(`### Names that normalize to the same event (${c.sameAfterNormalization.length})`, '')
  out.push(
    c.sameAfterNormalization.length ? c.sameAfterNormalization.map((g) => `- ${code(g.normalized)}: ${g.names.map(code).join(', ')}`).join('\n') : 'None.',
    '',
  )
  if (report.catalog !== undefined) {
    out.push(`### Call sites missing required properties (${c.missingRequiredProperties.length})`, '')
    if (c.missingRequiredProperties.length === 0) out.push('None.', '')
    else {
      out.push('| Location | Event | Category | Missing |', '|---|---|---|---|')
      for (const m of c.missingRequiredProperties) out.push(`| ${location(m)} | ${code(m.event)} | ${code(m.category)} | ${m.missing.map(code).join(', ')} |`)
      out.push('')
    }
  }
  out.push(`### Dynamic event names (${c.dynamicNames.length})`, '')
  out.push(c.dynamicNames.length ? c.dynamicNames.map((d) => `- ${location(d)}`).join('\n') : 'None.', '')
  const people = c.people
  if (people.identify.length + people.alias.length + people.groups.length + people.groupTypesNeverSet.length > 0) {
    out.push('### People calls', '')
    out.push(`- identify: ${people.identify.length ? people.identify.map(location).join(', ') : 'none'}`)
    for (const group of people.groups)
      out.push(`- group ${group.groupType !== undefined ? code(group.groupType) : '*type unknown*'}: ${group.callSites.map(location).join(', ')}`)
    out.push(`- alias: ${people.alias.length ? people.alias.map(location).join(', ') : 'none'}`)
    if (people.groupTypesNeverSet.length) out.push(`- group types never set: ${people.groupTypesNeverSet.map(code).join(', ')}`)
    out.push('')
  }

  if (report.unresolvedImports.length > 0) {
    out.push(`## Unresolved imports (${report.unresolvedImports.length})`, '')
    for (const u of report.unresolvedImports) out.push(`- ${location(u)}: ${code(u.specifier)} (${u.names.map(code).join(', ')}): ${cell(u.message)}`)
    out.push('')
  }
  if (report.warnings.length > 0) {
    out.push('## Warnings', '')
    for (const w of report.warnings) out.push(`- ${location(w)}: ${cell(w.message)}`)
    out.push('')
  }
  if (report.skippedFiles.length > 0) {
    out.push('## Skipped files', '')
    for (const s of report.skippedFiles) out.push(`- ${location(s)}: ${cell(s.message)}`)
    out.push('')
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`
}

interface InventoryRow {
  surface: string
  event: string
  properties: string
  distinctId: string
  location: string
  sortKey: string[]
}

/**
 * One row per call site and event name (a conditional name gives a row per branch), by surface then event;
 * an emitter call is one row for its event, whatever the number of its wire events.
 */
function inventoryRows(sites: readonly AuditCallSite[]): InventoryRow[] {
  const rows: InventoryRow[] = []
  for (const site of sites) {
    const keys = site.properties?.keys.map((k) => [...k.parents, k.key].join('.')) ?? []
    const properties = keys.length || site.properties?.open ? [...keys.map(code), ...(site.properties?.open ? ['…'] : [])].join(', ') : '—'
    if (site.emitter !== undefined) {
      const span = site.eventNames.length > 1 ? ' span' : ''
      const types = site.groupTypes?.map((ref) => (ref.value !== undefined ? code(ref.value) : `*dynamic* (${code(ref.text)})`)) ?? []
      rows.push({
        surface: site.surface !== undefined ? code(site.surface) : '*(module)*',
        // The generated identify, group and alias: the people call's kind, as a raw one's row shows it.
        event:
          site.kind !== undefined
            ? `*${site.kind}*${types.length ? ` ${types.join(' or ')}` : ''} *via* ${code(site.callee)}`
            : `${code(site.emitter)}${span} *via* ${code(site.callee)}`,
        properties,
        distinctId: site.distinctId ? code(site.distinctId.text) : '—',
        location: location(site),
        sortKey: [site.surface ?? '\uffff', site.emitter, site.file, String(site.line).padStart(8, '0')],
      })
      continue
    }
    if (site.kind !== undefined) {
      const types = site.groupTypes?.map((ref) => (ref.value !== undefined ? code(ref.value) : `*dynamic* (${code(ref.text)})`)) ?? []
      rows.push({
        surface: site.surface !== undefined ? code(site.surface) : '*(module)*',
        event: `*${site.kind}*${types.length ? ` ${types.join(' or ')}` : ''}`,
        properties,
        distinctId: site.distinctId ? code(site.distinctId.text) : '—',
        location: location(site),
        sortKey: [site.surface ?? '\uffff', `\uffff${site.kind}`, site.file, String(site.line).padStart(8, '0')],
      })
      continue
    }
    const names = site.eventNames.length > 0 ? site.eventNames : [undefined]
    for (const ref of names) {
      const event = ref === undefined ? '—' : ref.value !== undefined ? code(ref.value) : `*dynamic* (${code(ref.text)})`
      rows.push({
        surface: site.surface !== undefined ? code(site.surface) : '*(module)*',
        event,
        properties,
        distinctId: site.distinctId ? code(site.distinctId.text) : '—',
        location: location(site),
        sortKey: [site.surface ?? '\uffff', ref?.value ?? '\uffff', site.file, String(site.line).padStart(8, '0')],
      })
    }
  }
  return rows.sort((a, b) => {
    for (let i = 0; i < a.sortKey.length; i++) {
      if (a.sortKey[i]! !== b.sortKey[i]!) return a.sortKey[i]! < b.sortKey[i]! ? -1 : 1
    }
    return 0
  })
}

function location(at: SiteLocation): string {
  return cell(`${at.file}:${at.line}:${at.column}`)
}

/** Inline code that survives any text: a backtick fence longer than any run inside, pipes escaped for tables. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text
  return `${fence}${padded.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${fence}`
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
