// The migrate row's child: `migrate` from @herald/migrate (what `herald migrate` runs, dry run) over a synthetic
// repo whose emitters were generated beside it; writes the plan's summary to a file for the parent to check.
//   node bench/children/migrate-run.mjs <repo> <summary-out.json>
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMissingModule, report, reportNotBuilt } from './report.mjs'

const [repo = '.', out] = process.argv.slice(2)
let tools
let core
try {
  tools = await import('@herald/migrate')
  core = await import('@herald/core')
} catch (error) {
  if (!isMissingModule(error)) throw error
}
if (typeof tools?.migrate !== 'function' || !core) {
  reportNotBuilt('@herald/migrate exports no migrate yet')
  process.exit(0)
}
const settings = JSON.parse(readFileSync(join(repo, 'herald.settings.json'), 'utf8'))
const loaded = core.loadCatalogSync(join(repo, settings.catalog))
if (!loaded.ok) throw new Error(`the synthetic catalog does not load: ${loaded.diagnostics[0]?.message}`)
const result = await tools.migrate({
  catalog: loaded.catalog,
  paths: ['src'],
  cwd: repo,
  settings: { presets: settings.presets, matchers: settings.matchers },
  tsconfig: join(repo, 'tsconfig.json'),
  eventsModule: join(repo, 'generated', 'events.js'),
  client: 'telemetry',
  clientImport: { name: 'telemetry', from: join(repo, 'generated', 'client.ts') },
})
/** @type {Record<string, number>} */
const left = {}
for (const site of result.left) left[site.reason] = (left[site.reason] ?? 0) + 1
if (out)
  writeFileSync(
    out,
    JSON.stringify({
      sites: result.sites,
      migrated: result.migrated.map((m) => ({ file: m.file, line: m.line, event: m.event })),
      left,
      changes: result.changes.length,
    }),
  )
report({ sites: result.sites, migrated: result.migrated.length })
