import { dirname, join, relative, resolve } from 'node:path'
import { compareDiagnostics, eventHistory, formatDiagnostic, loadCatalogSync } from '@herald/core'
import { catalogHistory } from '../diff/catalog-history.js'
import { BaseError } from '../diff/read-base.js'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io.js'
import { OutputError, planOutputs, shownDiagnostic, shownPath, writeOutputs } from '../output-files.js'
import { parseFlags } from '../parse-flags.js'
import { discoverCatalog, NO_CATALOG_HINT } from '../project.js'

export const help = `Usage: herald docs [options]

Writes the catalog's documentation as markdown, for people who read about the
telemetry rather than the code: an index with every category, a page per
category (each event, its wire events, properties and an example call) and a
privacy page (forbidden keys, distinct id, hashing, salt rotation, retention,
opt-out). Catalog text is escaped: it renders as written, never as markup.

With --base <ref> each event's section also has its history: the version and
commit it was added in (or that it was declared at the base), each version
that changed it, with what changed as herald diff words it, and the one that
deprecated it. It is read from git, with git show (no checkout): the catalog
at the ref, at each commit of git rev-list --first-parent <ref>..HEAD, and the
file as it is now when it differs from HEAD's.

With --site it also writes .vitepress/config.mts (sidebar by category, local
search), so that \`vitepress build <dir>\` builds a static site and
\`vitepress dev <dir>\` serves it.

Pages this command generated earlier that the catalog no longer produces (a
renamed category) are removed, as herald generate removes the files it no
longer generates; --check lists them. Other files in the directory are left
alone. A symbolic link where a page goes is replaced by the page, never
written through; a linked folder that leads out of --out is refused.

Options:
  --catalog <file>  The catalog (default: the nearest herald.config's catalog,
                    else the nearest schema/events.catalog.json, looking in the
                    current folder and the folders above it)
  --out <dir>       The output directory (default: docs/telemetry beside the
                    catalog's schema/ folder, or the config's folder)
  --base <ref>      Add each event's history since this git ref (a branch,
                    tag or commit: origin/main, v1.0.0, HEAD~20)
  --site            Also write the VitePress site config
  --check           Write nothing; exit 1 if the directory is not up to date
  -h, --help        Show this help

Exit codes: 0 written or up to date, 1 catalog errors, an output that cannot
be written or (with --check) stale files, 2 usage error (missing catalog,
unknown flag, a --base that is not a git ref of the catalog's repository).

Examples:
  herald docs --out docs/telemetry
  herald docs --catalog schema/events.catalog.json --out examples/app/docs --site
  herald docs --out examples/app/docs --site --check
  herald docs --base v1.0.0 --out docs/telemetry
`

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    catalog: { type: 'string' },
    out: { type: 'string' },
    site: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    base: { type: 'string' },
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}: pass the catalog with --catalog.`)
  if (values.out === '') throw new UsageError('--out needs a directory.')
  if (values.base === '') throw new UsageError('--base needs a git ref (origin/main, v1.0.0, HEAD~20).')

  let catalogPath: string
  let projectDir = io.cwd
  if (values.catalog !== undefined) catalogPath = resolve(io.cwd, values.catalog)
  else {
    const found = await discoverCatalog(io)
    if (found.file === undefined) throw new UsageError(NO_CATALOG_HINT)
    catalogPath = found.file
    projectDir = found.config?.dir ?? dirname(dirname(found.file))
  }
  const catalogShown = values.catalog ?? shownPath(io.cwd, catalogPath)
  const result = loadCatalogSync(catalogPath)
  if (result.diagnostics.some((d) => d.code === 'file-not-found')) throw new UsageError(`no catalog at ${catalogShown}.`)
  if (!result.ok) {
    const diagnostics = result.diagnostics.map((d) => shownDiagnostic(d, catalogPath, catalogShown, io.cwd)).sort(compareDiagnostics)
    io.stdout(`${diagnostics.map(formatDiagnostic).join('\n')}\n`)
    io.stderr(`herald docs: ${catalogShown} has errors; no docs were written. Run herald check ${catalogShown} for details.\n`)
    return EXIT_FINDINGS
  }

  // The generator is imported here, not at the top, so `herald --help` never loads it.
  const { generate } = await import('@herald/generator-docs')
  let history: ReturnType<typeof eventHistory> | undefined
  if (values.base !== undefined) {
    let versions
    try {
      versions = catalogHistory(values.base, result.catalog, catalogPath, catalogShown, io.cwd)
    } catch (error) {
      if (error instanceof BaseError) throw new UsageError(error.message)
      throw error
    }
    history = eventHistory(versions)
  }
  const files = generate(result.catalog, { site: values.site, ...(history !== undefined ? { history } : {}) })
  const outDir = values.out !== undefined ? resolve(io.cwd, values.out) : join(projectDir, 'docs/telemetry')
  const outShown = values.out ?? shownPath(io.cwd, outDir)
  const outputs = [{ dir: outDir, files }]
  const plan = planOutputs(outputs)
  const changed = plan.files.filter((f) => f.state !== 'unchanged')
  const inOut = (path: string) => relative(outDir, path).split('\\').join('/')

  if (values.check) {
    const stale = [...changed.map((f) => inOut(f.target)), ...plan.orphans.map(inOut)]
    if (stale.length === 0) {
      io.stdout(`${outShown}: up to date (${files.length} files)\n`)
      return EXIT_OK
    }
    io.stdout(`${stale.map((path) => `${join(outShown, path)}: stale`).join('\n')}\n`)
    io.stderr(
      `herald docs: ${stale.length} file${stale.length === 1 ? '' : 's'} in ${outShown} ${stale.length === 1 ? 'is' : 'are'} not up to date. Run herald docs without --check to regenerate.\n`,
    )
    return EXIT_FINDINGS
  }

  let written
  try {
    written = writeOutputs(outputs, plan)
  } catch (error) {
    if (!(error instanceof OutputError)) throw error
    io.stderr(`herald docs: cannot write ${shownPath(io.cwd, error.path)}: ${error.reason}. Check that ${outShown} is a writable directory.\n`)
    return EXIT_FINDINGS
  }
  for (const { link, pointedTo } of written.replacedLinks)
    io.stderr(
      `herald docs: replaced the symbolic link ${shownPath(io.cwd, link)} (it pointed to ${pointedTo}) with the generated page; nothing was written through it.\n`,
    )
  const summary = [
    `${written.written} written`,
    `${files.length - written.written} unchanged`,
    ...(written.removed > 0 ? [`${written.removed} stale removed`] : []),
  ]
  io.stdout(`${outShown}: ${summary.join(', ')}\n`)
  if (values.site) io.stdout(`Build the site with: npx vitepress build ${outShown}   (serve it while editing: npx vitepress dev ${outShown})\n`)
  return EXIT_OK
}
