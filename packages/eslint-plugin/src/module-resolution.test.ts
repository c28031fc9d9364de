/**
 * The plugin's module resolution in a project without `typescript` (an optional peer): workspace packages and
 * relative files still resolve, what only tsconfig `paths` could settle is "cannot tell" (no false unresolved
 * import), and one warning says why. With TypeScript, `@/` paths resolve (test/lint-monorepo.test.ts).
 */
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
