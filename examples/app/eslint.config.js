// The example app is linted with Herald's recommended rules against the repo's example catalog; CI expects
// zero findings (`pnpm lint:example`).
import { fileURLToPath } from 'node:url'
import tsParser from '@typescript-eslint/parser'
import herald from '@herald/eslint-plugin'

export default [
  { ignores: ['**/node_modules/**', '**/docs/**', '**/schemas/**'] },
  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } },
  herald.configs.recommended,
  // Generated files carry `/* eslint-disable */`; ESLint 9+ would report it as unused on clean output.
  { files: ['**/src/telemetry/**'], linterOptions: { reportUnusedDisableDirectives: 'off' } },
  // An absolute path, so the result is the same from the repo root and from this folder.
  { settings: { herald: { catalog: fileURLToPath(new URL('../../schema/events.catalog.json', import.meta.url)) } } },
]
