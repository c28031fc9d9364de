// The main job: check the example catalog, generate from it, lint and audit the example app.
// Each step is a root package script; the job stops at the first failure with that step's exit code.
import { spawnSync } from 'node:child_process'

const steps = [
  ['check the catalog', 'check'],
  ['generate emitters, allowlists, schemas and docs', 'generate'],
  ['verify the committed output is current', 'generate:check'],
  ['type-check the example app', 'typecheck:example'],
  ['lint the example app', 'lint:example'],
  ['audit the example app', 'audit:example'],
]

for (const [title, script] of steps) {
  console.log(`\n▶ ${title} (pnpm ${script})`)
  const { status } = spawnSync('pnpm', ['run', '--silent', script], { stdio: 'inherit' })
  if (status !== 0) {
    console.error(`\n✖ ${title} failed (exit ${status}).`)
    process.exit(status ?? 1)
  }
}
console.log('\n✔ main job done')
