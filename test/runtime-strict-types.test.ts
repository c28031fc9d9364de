/**
 * The runtime's public options under the strictest settings an app uses (exactOptionalPropertyTypes and
 * friends): a usage file passing `process.env` values and the real SDK clients compiles with the real tsc
 * against the built `.d.ts`, as an installed package would be type-checked.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc')

function tsc(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [TSC, '-p', `test/fixtures/runtime-strict/${project}`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('the runtime under strict TypeScript settings', () => {
  it('compiles createTelemetry({ salt: process.env.HERALD_SALT, … }) and the sinks with the real SDK clients', () => {
    const { status, output } = tsc('tsconfig.json')
    expect(output).toBe('')
    expect(status).toBe(0)
  }, 120_000)

  it('really has exactOptionalPropertyTypes on (a control file without `| undefined` fails)', () => {
    const { status, output } = tsc('tsconfig.control.json')
    expect(output).toContain('error TS2375')
    expect(status).toBe(2)
  }, 120_000)
})
