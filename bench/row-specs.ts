/** The benchmark issue's table as data: each row's name, unit and goal. Labels are filled in with the input sizes. */
import type { RowGoal } from './results.js'

export const ROW_NAMES = [
  'check',
  'generate',
  'emit',
  'emit-hash',
  'emit-dev',
  'redact',
  'lint',
  'audit',
  'ndjson',
  'typecheck',
  'bundle',
  'diff',
  'verify',
  'migrate',
] as const

export type RowName = (typeof ROW_NAMES)[number]

const MIB = 1024 * 1024

export const GOALS: Readonly<Record<RowName, RowGoal>> = {
  check: { maxRatio: 3, text: '≤ 3×' },
  generate: { maxRatio: 0.5, text: '≤ 0.5×' },
  emit: { maxRatio: 1, text: '≤ 1.0×' },
  'emit-hash': { maxRatio: 3, text: '≤ 3×' },
  'emit-dev': { maxRatio: 2, text: '≤ 2×' },
  redact: { maxRatio: 0.5, text: '≤ 0.5×' },
  lint: { maxRatio: 1.05, maxRuleShare: 0.01, maxRssMiB: 1024, text: '≤ 1.05×, rules ≤ 1% of ESLint time, RSS < 1 GiB' },
  audit: { maxRatio: 1, maxRssMiB: 400_000_000 / MIB, text: '≤ 1.0×, peak RSS ≤ 400 MB' },
  ndjson: { maxRatio: 1.5, text: '≤ 1.5×' },
  typecheck: { maxRatio: 1.3, maxRssRatio: 1.3, text: '≤ 1.3× time and memory' },
  bundle: { maxRatio: 0.6, text: '≤ 0.6× bytes' },
  diff: { maxRatio: 2.5, text: '≤ 2.5×' },
  verify: { maxRatio: 2, maxRssMiB: 200_000_000 / MIB, text: '≤ 2.0×, peak RSS ≤ 200 MB' },
  migrate: { maxRatio: 3, text: '≤ 3×' },
}

export const UNITS: Readonly<Record<RowName, 'ms' | 'ns/op' | 'B'>> = {
  check: 'ms',
  generate: 'ms',
  emit: 'ns/op',
  'emit-hash': 'ns/op',
  'emit-dev': 'ns/op',
  redact: 'ns/op',
  lint: 'ms',
  audit: 'ms',
  ndjson: 'ms',
  typecheck: 'ms',
  bundle: 'B',
  diff: 'ms',
  verify: 'ms',
  migrate: 'ms',
}
