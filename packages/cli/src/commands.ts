/**
 * The command registry. Only the chosen command's module is imported, so `herald --help` and `herald check`
 * never load TypeScript, ts-morph, ESLint or prettier.
 */
import type { CommandIO } from './io.js'

export interface CommandModule {
  /** Full help text for `herald <command> --help`. */
  help: string
  /** Runs the command; resolves to the exit code. Throws `UsageError` for usage mistakes. */
  run(argv: string[], io: CommandIO): Promise<number>
}

export interface CommandEntry {
  summary: string
  load: () => Promise<CommandModule>
}

export const commands: Record<string, CommandEntry> = {
  check: { summary: 'Validate an event catalog and report every problem with its location', load: () => import('./commands/check.js') },
  audit: { summary: 'Inventory every capture call in the code, check it against the catalog, report coverage', load: () => import('./commands/audit.js') },
  verify: {
    summary: 'Check event files that were really sent (delivery buffer, PostHog, Segment, OTLP) against the catalog',
    load: () => import('./commands/verify.js'),
  },
  init: { summary: 'Write a starter catalog, or draft one from the capture calls in the code (--from-code)', load: () => import('./commands/init.js') },
  generate: { summary: 'Generate typed emitters, redaction allowlists, JSON Schemas and docs from the catalog', load: () => import('./commands/generate.js') },
  diff: {
    summary: 'Compare the catalog with an earlier version (a git ref or a file): breaking, privacy, additive and docs changes, and the semver bump',
    load: () => import('./commands/diff.js'),
  },
  migrate: { summary: 'Rewrite raw capture calls into calls of the generated emitters (dry run unless --write)', load: () => import('./commands/migrate.js') },
  posthog: {
    summary: 'Push the catalog to PostHog: event and property definitions, dashboards and insights (push)',
    load: () => import('./commands/posthog.js'),
  },
  docs: { summary: 'Write markdown docs of the catalog (and, with --site, a VitePress site)', load: () => import('./commands/docs.js') },
}
