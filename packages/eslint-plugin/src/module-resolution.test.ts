/**
 * The plugin's module resolution in a project without `typescript` (an optional peer): workspace packages and
 * relative files still resolve, what only tsconfig `paths` could settle is "cannot tell" (no false unresolved
 * import), and one warning says why. With TypeScript, `@/` paths resolve (test/lint-monorepo.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ModuleResolution, NO_TYPESCRIPT_WARNING } from './module-resolution.js'

const MONOREPO = fileURLToPath(new URL('../../../test/fixtures/audit-monorepo/', import.meta.url))
const APP = `${MONOREPO}apps/web/src/app.ts`

afterEach(() => {
  vi.restoreAllMocks()
})

describe('module resolution without typescript', () => {
  it('resolves workspace packages and relative files, cannot tell tsconfig paths, and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const modules = new ModuleResolution(MONOREPO, () => undefined)
    expect(modules.resolve('@acme/shared', APP)).toBe(`${MONOREPO}packages/shared/src/index.ts`)
    expect(modules.exists('@acme/shared/billing', APP)).toBe(true)
    expect(warn).not.toHaveBeenCalled()
    expect(modules.exists('./lib/events', APP)).toBe(true)
    expect(modules.exists('./missing-events', APP)).toBe(false)
    // `@/lib/events` is a tsconfig path: without TypeScript neither found nor known to be missing
    expect(modules.exists('@/lib/events', APP)).toBeUndefined()
    expect(modules.exists('@acme/legacy-events', APP)).toBeUndefined()
    expect(modules.resolve('@/lib/analytics', APP)).toBeUndefined()
    expect(warn.mock.calls).toEqual([[NO_TYPESCRIPT_WARNING]])
  })

  it('with typescript, the same questions are answered by the tsconfig and no warning is given about it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const modules = new ModuleResolution(MONOREPO)
    expect(modules.exists('@/lib/events', APP)).toBe(true)
    expect(modules.exists('@acme/legacy-events', APP)).toBe(false)
    expect(warn.mock.calls.flat()).not.toContain(NO_TYPESCRIPT_WARNING)
  })
})

describe('module resolution across many files', () => {
  it('answers from the disk without loading TypeScript, and looks again for a module it did not find', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-modules-'))
    try {
      mkdirSync(join(dir, 'src', 'events'), { recursive: true })
      writeFileSync(join(dir, 'package.json'), '{}')
      writeFileSync(join(dir, 'src', 'events', 'auth.ts'), 'export const A = "auth.login"\n')
      const file = join(dir, 'src', 'app.ts')
      let loads = 0
      const modules = new ModuleResolution(dir, () => {
        loads++
        return undefined
      })
      for (let i = 0; i < 3; i++) expect(modules.exists('./events/auth', file)).toBe(true)
      expect(loads).toBe(0)
      expect(modules.exists('./events/billing', file)).toBe(false)
      expect(loads).toBe(1)
      // made while an editor's ESLint runs: found at the next question, not remembered as missing
      writeFileSync(join(dir, 'src', 'events', 'billing.ts'), 'export const B = "billing.paid"\n')
      expect(modules.exists('./events/billing', file)).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
