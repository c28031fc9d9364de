// The audit row's child: `auditRepo` from @herald/audit (what `herald audit` runs) over a synthetic repo, with
// its catalog and call-site settings; writes the findings to a file so the parent can check them.
//   node bench/children/audit-run.mjs <repo> <findings-out.json>
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMissingModule, report, reportNotBuilt } from './report.mjs'

const [repo = '.', out] = process.argv.slice(2)
let audit
let core
try {
  audit = await import('@herald/audit')
  core = await import('@herald/core')
} catch (error) {
  if (!isMissingModule(error)) throw error
}
if (typeof audit?.auditRepo !== 'function' || !core) {
  reportNotBuilt('@herald/audit exports no auditRepo yet')
  process.exit(0)
}
const settings = JSON.parse(readFileSync(join(repo, 'herald.settings.json'), 'utf8'))
const loaded = core.loadCatalogSync(join(repo, settings.catalog))
if (!loaded.ok) throw new Error(`the synthetic catalog does not load: ${loaded.diagnostics[0]?.message}`)
const result = await audit.auditRepo({
  cwd: repo,
  paths: ['src'],
  catalog: loaded.catalog,
  catalogFile: settings.catalog,
  settings: { presets: settings.presets, matchers: settings.matchers },
  tsconfig: 'tsconfig.json',
})
if (out) writeFileSync(out, JSON.stringify({ findings: result.findings, callSites: result.callSites.length, stats: result.stats }))
report({ findings: result.findings.length, callSites: result.callSites.length })
