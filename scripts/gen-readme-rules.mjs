#!/usr/bin/env node
// Writes the ESLint plugin README's rule table from the rule registry (core's `ruleTableMarkdown`, from the build:
// run `pnpm build` first). `--check`: exit 1, writing nothing, when the README's table is not the registry's.
import { readFileSync, writeFileSync } from 'node:fs'
import { withRuleTable } from '@herald/core'

const readme = new URL('../packages/eslint-plugin/README.md', import.meta.url)
const text = readFileSync(readme, 'utf8')
const next = withRuleTable(text)
if (process.argv.includes('--check')) {
  if (next !== text) {
    console.error("packages/eslint-plugin/README.md: the rule table is not the registry's; run `pnpm -s gen:readme-rules`.")
    process.exit(1)
  }
} else if (next !== text) {
  writeFileSync(readme, next)
  console.log('packages/eslint-plugin/README.md: rule table written from the registry.')
}
