import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { auditRepo } from './audit-repo.js'

// The typed pass is handed the syntax pass's parse of a TypeScript file (JSDoc skipped: it carries no types
// there), and parses a JavaScript file again with its JSDoc, which does.
describe('the typed pass', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-typed-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  mkdirSync(join(dir, 'src'))
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { allowJs: true, checkJs: true } }))
  writeFileSync(
    join(dir, 'src/track.js'),
    [
      "import posthog from 'posthog-js'",
      "import { flags } from './flags.js'",
      '',
      "/** @param {'auth.login' | 'auth.logout'} name @param {{ email: boolean }} user */",
      'export function track(name, user) {',
      '  posthog.capture(name, { email: user.email, secret: flags.on })',
      '}',
      '',
    ].join('\n'),
  )
  writeFileSync(join(dir, 'src/flags.js'), '/** @type {{ on: boolean }} */\nexport const flags = { on: true }\n')
  writeFileSync(
    join(dir, 'src/capture.ts'),
    [
      "import posthog from 'posthog-js'",
      '',
      "type Step = 'cart' | 'payment'",
      '/** @param step not a type: JSDoc in a TypeScript file */',
      'export function viewed(step: Step, token: number, password: string) {',
      '  posthog.capture(`checkout.${step}.viewed`, { token, password })',
      '}',
      '',
    ].join('\n'),
  )
  const report = await auditRepo({ cwd: dir, paths: ['src'], settings: { presets: ['posthog-js'] } })

  it('types JavaScript from its JSDoc and TypeScript from its annotations', () => {
    const sites = report.callSites.map((site) => ({
      file: site.file,
      names: site.eventNames.map((name) => name.value),
      keys: site.properties?.keys.map((key) => `${key.key}:${key.valueKind}`),
    }))
    expect(sites).toEqual([
      { file: 'src/capture.ts', names: ['checkout.cart.viewed', 'checkout.payment.viewed'], keys: ['token:number', 'password:string'] },
      { file: 'src/track.js', names: ['auth.login', 'auth.logout'], keys: ['email:boolean', 'secret:boolean'] },
    ])
    expect(report.stats).toMatchObject({ files: 3, parsed: 2, typedFiles: 2, programFiles: 3 })
  })

  it('drops forbidden-key findings for boolean and number values, keeps the others', () => {
    expect(report.findings.filter((f) => f.ruleId === 'no-forbidden-property').map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['src/capture.ts:6:55'])
  })
})
