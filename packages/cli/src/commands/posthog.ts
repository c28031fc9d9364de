import { resolve } from 'node:path'
import { formatDiagnostic, loadCatalogSync } from '@herald/core'
import { parseFlags } from '../parse-flags.js'
import { type CommandIO, EXIT_FINDINGS, EXIT_OK, UsageError } from '../io.js'
import { ConfigError, findConfig, loadConfig } from '../load-config.js'

export const help = `Usage: herald posthog push [catalog] --project <id> [options]

Makes a PostHog project show the catalog:
  - event and property definitions get the catalog's descriptions, owners and
    tags (pii, hashed, deprecated), so PostHog's data management shows them;
  - every dashboard under "dashboards" is created, or updated in place, with
    its insights (trends and funnels over declared events).
Dashboards and insights are found again by their herald:<id> tags: a second run
sends no write, and a run that failed half-way resumes without making copies.

The personal API key is read from POSTHOG_PERSONAL_API_KEY, never from a flag
(flags end up in shell history). It needs the scopes dashboard:write,
insight:write, event_definition:write and property_definition:write.

Arguments:
  catalog              The catalog (default: the herald.config's, else
                       schema/events.catalog.json)

Options:
  --project <id>       The PostHog project id (or POSTHOG_PROJECT_ID)
  --host <url>         PostHog's address (or POSTHOG_HOST; default
                       https://us.posthog.com; EU: https://eu.posthog.com)
  --dry-run            Send no write: print each request instead. With an API
                       key the project is read to show only real changes;
                       without one every dashboard is shown as a create
  --no-definitions     Leave event and property definitions alone
  --no-dashboards      Leave dashboards and insights alone
  --format <format>    pretty (default) or json (the summary)
  -h, --help           Show this help

Exit codes: 0 pushed (or planned), 1 PostHog refused or failed (the message
says why; run again to resume), 2 usage error (no key, no project, bad catalog
path, unknown flag).

Examples:
  POSTHOG_PERSONAL_API_KEY=phx_… herald posthog push --project 12345
  herald posthog push --dry-run
`

export async function run(argv: string[], io: CommandIO): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'push')
    throw new UsageError(sub === undefined ? 'say what to do: herald posthog push.' : `unknown subcommand "${sub}"; herald posthog has one: push.`)
  const { values, positionals } = parseFlags(rest, {
    project: { type: 'string' },
    host: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    'no-definitions': { type: 'boolean', default: false },
    'no-dashboards': { type: 'boolean', default: false },
    format: { type: 'string', default: 'pretty' },
  })
  if (values.format !== 'pretty' && values.format !== 'json') throw new UsageError(`--format must be "pretty" or "json", not "${values.format}".`)
  if (positionals.length > 1) throw new UsageError(`expected one catalog file, got ${positionals.length}: ${positionals.join(', ')}.`)
  const dryRun = values['dry-run']
  const apiKey = io.env.POSTHOG_PERSONAL_API_KEY
  const projectId = values.project ?? io.env.POSTHOG_PROJECT_ID
  const host = values.host ?? io.env.POSTHOG_HOST ?? 'https://us.posthog.com'
  if (!dryRun && !apiKey)
    throw new UsageError(
      'POSTHOG_PERSONAL_API_KEY is not set. Create a personal API key in PostHog (Settings → Personal API keys) and export it; use --dry-run to see the requests without one.',
    )
  if (!dryRun && projectId === undefined) throw new UsageError('which project? Pass --project <id> or set POSTHOG_PROJECT_ID.')
  if (projectId !== undefined && !/^[0-9]+$/.test(projectId)) throw new UsageError(`--project must be a numeric project id, not ${JSON.stringify(projectId)}.`)

  let url: URL | undefined
  try {
    url = new URL(host)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new UsageError(`--host must be an http(s) URL such as https://us.posthog.com, not ${JSON.stringify(host)}.`)

  const file = await catalogFile(positionals[0], io)
  const result = loadCatalogSync(file)
  if (result.diagnostics.some((d) => d.code === 'file-not-found')) throw new UsageError(`no catalog at ${file}.`)
  if (!result.ok) {
    io.stderr(`${result.diagnostics.map(formatDiagnostic).join('\n')}\nThe catalog has errors; fix them (herald check) before pushing.\n`)
    return EXIT_FINDINGS
  }

  const [{ PostHogApi, PostHogApiError }, { pushCatalog }] = await Promise.all([import('../posthog/api.js'), import('../posthog/push.js')])
  const api = apiKey !== undefined && projectId !== undefined ? new PostHogApi({ host, projectId, apiKey, ...testTimings(io.env) }) : undefined
  if (dryRun)
    io.stderr(
      api
        ? `Dry run: reading project ${projectId} at ${host}; no write is sent.\n`
        : 'Dry run without POSTHOG_PERSONAL_API_KEY: the project is taken for empty; no request is sent.\n',
    )
  try {
    const summary = await pushCatalog(result.catalog, api, projectId ?? '<project>', {
      dryRun,
      definitions: !values['no-definitions'],
      dashboards: !values['no-dashboards'],
      onWrite: (w) => {
        if (dryRun) io.stdout(`${w.method} ${w.path}  # ${w.what}\n${JSON.stringify(w.body, null, 2)}\n\n`)
        else if (values.format === 'pretty') io.stderr(`${w.what}\n`)
      },
    })
    if (values.format === 'json') io.stdout(`${JSON.stringify(summary, null, 2)}\n`)
    else {
      const line = (label: string, c: { created: number; updated: number; unchanged: number }) =>
        `${label}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`
      const out = dryRun ? io.stderr : io.stdout
      const verb = dryRun ? 'Would push' : 'Pushed'
      out(`${verb} to project ${projectId ?? '<project>'}:\n`)
      if (!values['no-dashboards']) out(`  ${line('dashboards', summary.dashboards)}\n  ${line('insights', summary.insights)}\n`)
      if (!values['no-definitions']) {
        for (const [label, c] of [
          ['event definitions', summary.eventDefinitions],
          ['property definitions', summary.propertyDefinitions],
        ] as const) {
          const waiting =
            api && c.notInPostHog.length > 0 ? `; ${c.notInPostHog.length} not in PostHog yet (it makes a definition when it first receives one)` : ''
          out(`  ${label}: ${c.updated} updated, ${c.unchanged} unchanged${waiting}\n`)
        }
      }
    }
    return EXIT_OK
  } catch (error) {
    if (error instanceof PostHogApiError) {
      io.stderr(`herald posthog push: ${error.message}\n`)
      return EXIT_FINDINGS
    }
    throw error
  }
}

async function catalogFile(given: string | undefined, io: CommandIO): Promise<string> {
  if (given !== undefined) return resolve(io.cwd, given)
  const config = findConfig(io.cwd)
  if (config !== undefined) {
    try {
      const loaded = await loadConfig(config)
      return resolve(loaded.dir, loaded.config.catalog)
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`${error.file}: ${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}`)
      throw error
    }
  }
  return resolve(io.cwd, 'schema/events.catalog.json')
}

/** Tests shorten the waits (HERALD_POSTHOG_BACKOFF_MS, HERALD_POSTHOG_MAX_RETRY_AFTER_MS); users never need to. */
function testTimings(env: NodeJS.ProcessEnv): { backoffMs?: number; maxRetryAfterMs?: number } {
  const backoff = Number(env.HERALD_POSTHOG_BACKOFF_MS)
  const maxRetry = Number(env.HERALD_POSTHOG_MAX_RETRY_AFTER_MS)
  return {
    ...(Number.isFinite(backoff) && backoff >= 0 ? { backoffMs: backoff } : {}),
    ...(Number.isFinite(maxRetry) && maxRetry >= 0 ? { maxRetryAfterMs: maxRetry } : {}),
  }
}
