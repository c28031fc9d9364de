// The repo's own lint: typescript-eslint's recommended rules over its TypeScript. Kept light on purpose; the
// type checker (`pnpm typecheck`) does the heavy lifting. The example app has its own config (`pnpm lint:example`).
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      '**/.vitepress/cache/**',
      'bench/.out/**',
      // today's generated output kept as the bundle row's baseline, and PostHog's vendored schemas
      'bench/fixtures/**',
      'test/support/posthog-api-schemas.mjs',
      'test/fixtures/**',
      'test/artifacts/**',
      'test/generate-goldens/**',
      'packages/*/src/__fixtures__/**',
      'examples/**',
      'coverage/**',
    ],
  },
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], extends: [tseslint.configs.recommended] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, an unused callback parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
)
