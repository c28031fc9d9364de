import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findHeraldProject, HeraldConfigError, heraldConfigSettings, loadHeraldConfig, loadHeraldConfigSync } from './config-file.js'

const made: string[] = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'herald-config-file-'))
  made.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('findHeraldProject', () => {
  it('finds the nearest config or default catalog upward; a config beats a catalog in the same folder', () => {
    const dir = tree({
      'herald.config.json': '{}',
      'schema/events.catalog.json': '{}',
      'apps/web/schema/events.catalog.json': '{}',
      'apps/web/src/deep/file.ts': '',
      'apps/api/src/file.ts': '',
    })
    expect(findHeraldProject(join(dir, 'apps/web/src/deep'))).toEqual({ dir: join(dir, 'apps/web'), catalog: join(dir, 'apps/web/schema/events.catalog.json') })
    expect(findHeraldProject(join(dir, 'apps/api/src'))).toEqual({ dir, config: join(dir, 'herald.config.json') })
    expect(findHeraldProject(dir)).toEqual({ dir, config: join(dir, 'herald.config.json') })
  })

  it('takes herald.config.ts before .mjs and .json in one folder', () => {
    const dir = tree({ 'herald.config.json': '{}', 'herald.config.mjs': 'export default {}', 'herald.config.ts': 'export default {}' })
    expect(findHeraldProject(dir)?.config).toBe(join(dir, 'herald.config.ts'))
  })
})

describe('loading a config', () => {
  it('loads a .ts config that imports a sibling .ts file, synchronously and asynchronously, with paths from its folder', async () => {
    const dir = tree({
      'shared/paths.ts': "export const catalog: string = 'schema/events.catalog.json'\n",
      'herald.config.ts': "import { catalog } from './shared/paths.ts'\nexport default { catalog, settings: { presets: ['segment'] } }\n",
    })
    const file = join(dir, 'herald.config.ts')
    for (const loaded of [loadHeraldConfigSync(file), await loadHeraldConfig(file)]) {
      expect(loaded.value).toEqual({ catalog: 'schema/events.catalog.json', settings: { presets: ['segment'] } })
      expect(heraldConfigSettings(loaded)).toEqual({ catalog: join(dir, 'schema/events.catalog.json'), presets: ['segment'] })
    }
  })

  it.each([
    ['herald.config.mjs', "throw new Error('boom')", /Loading the config failed: boom/],
    ['herald.config.ts', 'export default 42', /must export an object/],
    ['herald.config.json', '{ "catalog": ', /not valid JSON/],
  ])('%s that cannot be used throws HeraldConfigError naming the file', async (name, text, message) => {
    const file = join(tree({ [name]: text }), name)
    for (const load of [() => loadHeraldConfigSync(file), () => loadHeraldConfig(file)]) {
      const error = await Promise.resolve()
        .then(load)
        .then(
          () => undefined,
          (e: unknown) => e,
        )
      expect(error).toBeInstanceOf(HeraldConfigError)
      expect((error as HeraldConfigError).file).toBe(file)
      expect((error as HeraldConfigError).message).toMatch(message)
    }
  })

  it('refuses settings the ESLint plugin would refuse', async () => {
    const file = join(tree({ 'herald.config.json': '{ "catalog": "c.json", "settings": { "presets": ["posthog"] } }' }), 'herald.config.json')
    expect(() => heraldConfigSettings(loadHeraldConfigSync(file))).toThrow(/"settings" are not valid/)
  })
})
