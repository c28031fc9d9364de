import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests run against the sources; the CLI end-to-end tests run the built binary (pnpm build first).
export default defineConfig({
  resolve: {
    // Exact-name aliases (regex) so that subpath imports such as `@herald/runtime/delivery` map to their own entry.
    alias: [
      { find: /^@herald\/runtime$/, replacement: src('./packages/runtime/src/index.ts') },
      { find: /^@herald\/runtime\/(.+)$/, replacement: src('./packages/runtime/src/$1/index.ts') },
      { find: /^@herald\/core$/, replacement: src('./packages/core/src/index.ts') },
      { find: /^@herald\/verify$/, replacement: src('./packages/verify/src/index.ts') },
      { find: /^@herald\/audit$/, replacement: src('./packages/audit/src/index.ts') },
      { find: /^@herald\/migrate$/, replacement: src('./packages/migrate/src/index.ts') },
      { find: /^@herald\/eslint-plugin$/, replacement: src('./packages/eslint-plugin/src/index.ts') },
      { find: /^@herald\/cli$/, replacement: src('./packages/cli/src/index.ts') },
      { find: /^@herald\/generator-([a-z-]+)$/, replacement: src('./generators/$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'generators/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
})
