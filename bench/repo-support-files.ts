/** The fixed files of the synthetic repo: the SDK clients, the tracking hook, config files, event constants. */
import type { HeraldSettings } from '@herald/core'
import { constantKey, eventsConstName, eventsObjectName } from './repo-captures.js'

export const CATALOG_FILE = 'events.catalog.json'
export const SETTINGS_FILE = 'herald.settings.json'
export const EXPECTED_FILE = 'expected-findings.json'

/** The call-site settings the lint and audit benchmarks use: the posthog presets plus the app's hook. */
export const REPO_SETTINGS: HeraldSettings = {
  catalog: CATALOG_FILE,
  presets: ['posthog-js', 'posthog-node'],
  matchers: [{ callee: 'capture', from: 'useTracking' }],
}

export const LIB_FILES: Record<string, string> = {
  'src/lib/posthog.ts': `/** The browser analytics client, as the app wraps it. */
export interface PostHogLike {
  capture(event: string, properties?: Record<string, unknown>): void
}

const queue: Array<{ event: string; properties?: Record<string, unknown> }> = []

export const posthog: PostHogLike = {
  capture: (event, properties) => {
    queue.push({ event, properties })
  },
}

/** Undefined until the SDK has loaded, so callers write \`posthog?.capture(...)\`. */
export function getPostHog(): PostHogLike | undefined {
  return queue.length < 10_000 ? posthog : undefined
}
`,
  'src/lib/tracking.ts': `/** The app's tracking hook: components call the function it returns. */
export type Capture = (event: string, properties?: Record<string, unknown>) => void

const pending: Array<Parameters<Capture>> = []

export function useTracking(): Capture {
  return (event, properties) => {
    pending.push([event, properties])
  }
}
`,
  'src/lib/server-client.ts': `/** The server-side analytics client (posthog-node's shape). */
export interface CaptureMessage {
  distinctId: string
  event: string
  properties?: Record<string, unknown>
}

const outbox: CaptureMessage[] = []

export const client = {
  capture(message: CaptureMessage): void {
    outbox.push(message)
  },
}
`,
  'src/lib/session.ts': `/** The signed-in user, with the fields that must never reach telemetry. */
export interface CurrentUser {
  id: string
  orgId: string
  email: string
  password: string
  accessToken: string
  apiKey: string
  authorization: string
  cookie: string
}

export function getCurrentUser(): CurrentUser {
  return { id: 'u_1', orgId: 'o_1', email: '', password: '', accessToken: '', apiKey: '', authorization: '', cookie: '' }
}
`,
  'src/lib/sentry.ts': `/** The error reporter: its captureException is not an analytics capture. */
const reported: unknown[] = []

export function captureException(error: unknown): void {
  reported.push(error)
}
`,
  'src/lib/state.ts': `/** A minimal state hook, so components read like React ones without a React dependency. */
export function useState<T>(initial: T): [T, (next: T) => void] {
  let value = initial
  return [value, (next) => void (value = next)]
}
`,
  'src/jsx.d.ts': `// JSX without React's types: every element accepts any props.
declare namespace JSX {
  type Element = unknown
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>
  }
}
`,
}

export function configFiles(): Record<string, string> {
  return {
    'package.json': `${JSON.stringify({ name: 'synthetic-app', private: true, type: 'module' }, null, 2)}\n`,
    'tsconfig.json': `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          jsx: 'preserve',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
    [SETTINGS_FILE]: `${JSON.stringify(REPO_SETTINGS, null, 2)}\n`,
    'eslint.config.js': `// Lint this repo with Herald's recommended rules: pnpm exec eslint -c eslint.config.js src
import herald from '@herald/eslint-plugin'
import tsParser from '@typescript-eslint/parser'

export default [
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } },
  herald.configs.recommended,
  { settings: { herald: ${JSON.stringify(REPO_SETTINGS, null, 2).replace(/\n/g, '\n  ')} } },
]
`,
  }
}

/** `src/events/<category>-events.ts`: an `as const` object of names and one exported const a name. */
export function eventsModule(category: string, members: readonly string[], constants: readonly string[]): string {
  const typeName = `${category.charAt(0).toUpperCase()}${category.slice(1)}EventName`
  const lines = [
    `/** Event names of the ${category} category, for call sites that prefer constants to literals. */`,
    `export const ${eventsObjectName(category)} = {`,
    ...members.map((name) => `  ${constantKey(name)}: '${name}',`),
    '} as const',
    '',
    `export type ${typeName} = (typeof ${eventsObjectName(category)})[keyof typeof ${eventsObjectName(category)}]`,
    '',
    ...constants.map((name) => `export const ${eventsConstName(name)} = '${name}'`),
  ]
  return `${lines.join('\n')}\n`
}
