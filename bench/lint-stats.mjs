// Where herald's rules spend their time in ESLint's `stats`, per group of files: the lint row's ESLint run (the
// same config as children/eslint-run.mjs) in this process, so it also runs under `node --cpu-prof` or
// `--trace-opt`. Plain ESM, run by node after `pnpm build`:
//   node bench/lint-stats.mjs <repo> [files] [--noop]
// <repo> is a make-repo output (`pnpm exec tsx bench/make-repo.ts 5000 --seed 1 --out /tmp/repo`); [files] lints
// only the first that many of its files (sorted by path); --noop puts a do-nothing rule under each herald rule id,
// which gives ESLint's own cost of timing that many rules (the floor).
// Groups: the slowest file (the one that loads the catalog: ESLint reads files concurrently, so it need not be
// the first result), files the prefilter refuses, files it lets through that
// get no message, files with messages. Per group: rule time, its median per file, and the median in each fifth of
// the run (a median that falls over the run is code warming up; a flat one is the steady cost).
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ESLint } from 'eslint'
import tsParser from '@typescript-eslint/parser'

const args = process.argv.slice(2)
const [repoArg = '.', filesArg] = args.filter((a) => !a.startsWith('--'))
const repo = resolve(repoArg)
const plugin = (await import('@herald/eslint-plugin')).default
const core = await import('@herald/core')
const settings = JSON.parse(readFileSync(join(repo, 'herald.settings.json'), 'utf8'))
const parserConfig = { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tsParser } }
let config = [parserConfig, plugin.configs.recommended, { settings: { herald: settings } }]
if (args.includes('--noop')) {
  const noop = { meta: { type: 'problem', schema: [] }, create: () => ({}) }
  const ids = Object.keys(plugin.rules)
  config = [
    parserConfig,
    { plugins: { herald: { rules: Object.fromEntries(ids.map((id) => [id, noop])) } }, rules: Object.fromEntries(ids.map((id) => [`herald/${id}`, 'error'])) },
  ]
}
const { words, calleeOnly } = core.prefilterWordSets(core.resolveMatchers(settings))

const patterns = filesArg
  ? readdirSync(join(repo, 'src'), { recursive: true })
      .filter((f) => /\.tsx?$/.test(f))
      .sort()
      .slice(0, Number(filesArg))
      .map((f) => join('src', f))
  : ['src']
const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: config, stats: true })
const started = performance.now()
const results = await eslint.lintFiles(patterns)
const wall = performance.now() - started

const groups = new Map()
const perRule = {}
let total = 0
let parse = 0
let rules = 0
const ruleTimes = results.map((result) => {
  let fileRules = 0
  for (const pass of result.stats?.times.passes ?? []) {
    total += pass.total
    parse += pass.parse?.total ?? 0
    for (const [id, time] of Object.entries(pass.rules ?? {})) {
      fileRules += time.total
      perRule[id] = (perRule[id] ?? 0) + time.total
    }
  }
  rules += fileRules
  return fileRules
})
const slowest = ruleTimes.indexOf(Math.max(...ruleTimes))
for (const [i, result] of results.entries()) {
  const fileRules = ruleTimes[i]
  const text = readFileSync(result.filePath, 'utf8')
  const kind =
    i === slowest
      ? 'slowest'
      : result.messages.length > 0
        ? 'findings'
        : core.mayContainCapture(text, words, calleeOnly)
          ? 'prefilter passes'
          : 'prefilter refuses'
  if (!groups.has(kind)) groups.set(kind, { times: [], fifths: [[], [], [], [], []] })
  const group = groups.get(kind)
  group.times.push(fileRules)
  group.fifths[Math.floor((5 * i) / results.length)].push(fileRules)
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0
const µs = (ms) => `${(ms * 1000).toFixed(0)} µs`
const sum = (values) => values.reduce((a, b) => a + b, 0)
console.log(
  `${results.length} files, lintFiles ${(wall / 1000).toFixed(2)} s, stats total ${(total / 1000).toFixed(2)} s (parse ${(parse / 1000).toFixed(2)} s), ` +
    `rules ${rules.toFixed(1)} ms = ${((100 * rules) / total).toFixed(2)}%`,
)
for (const [kind, { times, fifths }] of groups) {
  const byFifth = times.length >= 25 ? `, by fifth of the run ${fifths.map((f) => µs(median(f))).join(' ')}` : ''
  console.log(`  ${kind.padEnd(17)} ${String(times.length).padStart(5)} files ${sum(times).toFixed(1).padStart(7)} ms, median ${µs(median(times))}${byFifth}`)
}
for (const [id, time] of Object.entries(perRule).sort((a, b) => b[1] - a[1])) console.log(`  ${id.padEnd(34)} ${time.toFixed(1)} ms`)
