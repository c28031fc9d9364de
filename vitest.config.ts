import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// Tests run against the sources; the CLI end-to-end tests run the built binary (pnpm build first).
export default defineConfig({
  resolve: {
    alias: {
      '@herald/runtime': src('./packages/runtime/src/index.ts'),
      '@herald/core': src('./packages/core/src/index.ts'),
      '@herald/audit': src('./packages/audit/src/index.ts'),
      '@herald/eslint-plugin': src('./packages/eslint-plugin/src/index.ts'),
      '@herald/generator-typescript': src('./generators/typescript/src/index.ts'),
      '@herald/generator-redaction': src('./generators/redaction/src/index.ts'),
      '@herald/generator-docs': src('./generators/docs/src/index.ts'),
      '@herald/generator-json-schema': src('./generators/json-schema/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'generators/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'examples/*/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
  },
})
