// The lint row's child: ESLint's Node API with the typescript-eslint parser over a synthetic repo's src/,
// either with herald's recommended config or with one rule that does nothing (the baseline).
//   node bench/children/eslint-run.mjs <repo> herald|noop [--stats]
import { readFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { ESLint } from 'eslint'
import tsParser from '@typescript-eslint/parser'
import { isMissingModule, report, reportNotBuilt } from './report.mjs'

const [repoArg = '.', mode = 'noop', ...flags] = process.argv.slice(2)
const repo = resolve(repoArg)
const stats = flags.includes('--stats')
const parserConfig = { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } }

/** @type {import('eslint').Linter.Config[]} */
let config
if (mode === 'herald') {
  let plugin
  try {
    // Typed loosely: the plugin is being built, and this child must run against whatever its dist holds.
    plugin = /** @type {any} */ (await import('@herald/eslint-plugin')).default
  } catch (error) {
    if (!isMissingModule(error)) throw error
  }
  if (!plugin?.configs?.recommended) {
    reportNotBuilt('@herald/eslint-plugin has no configs.recommended yet')
    process.exit(0)
  }
  const settings = JSON.parse(readFileSync(join(repo, 'herald.settings.json'), 'utf8'))
  config = [parserConfig, plugin.configs.recommended, { settings: { herald: settings } }]
} else {
  // Adding any rule changes ESLint's own work (it then traverses every file), so the baseline has one.
  const noop = { meta: { type: /** @type {const} */ ('problem'), schema: [] }, create: () => ({}) }
  config = [parserConfig, { plugins: { bench: { rules: { noop } } }, rules: { 'bench/noop': 'error' } }]
}

const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: config, stats })
const results = await eslint.lintFiles(['src'])

const messages = results.flatMap((result) =>
  result.messages.map((m) => ({
    ruleId: m.ruleId,
    file: relative(repo, result.filePath).split(sep).join('/'),
    line: m.line,
    column: m.column,
    ...(m.fatal ? { fatal: true, message: m.message } : {}),
  })),
)
let ruleShare
if (stats) {
  let rules = 0
  let total = 0
  for (const result of results) {
    for (const pass of result.stats?.times.passes ?? []) {
      total += pass.total
      for (const time of Object.values(pass.rules ?? {})) rules += time.total
    }
  }
  ruleShare = total > 0 ? rules / total : undefined
}
report({ files: results.length, messages, ...(ruleShare !== undefined ? { ruleShare } : {}) })
