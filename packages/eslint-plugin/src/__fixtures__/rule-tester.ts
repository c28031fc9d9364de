/** RuleTester wired to vitest, the TypeScript parser (with JSX) and the rule tests' catalog. */
import { fileURLToPath } from 'node:url'
import { RuleTester } from 'eslint'
import * as tsParser from '@typescript-eslint/parser'
import { afterAll, describe, it } from 'vitest'
import type { HeraldSettings } from '@herald/core'

RuleTester.afterAll = afterAll
RuleTester.describe = describe
RuleTester.it = it
RuleTester.itOnly = it.only

export const CATALOG = fileURLToPath(new URL('./events.catalog.json', import.meta.url))

/** The matchers of the README's example config, plus an object-form matcher on a private method. */
export const USER_MATCHERS: NonNullable<HeraldSettings['matchers']> = [
  { callee: 'capture', from: 'usePostHogClientCapture', nameArg: 0, propsArg: 1 },
  { callee: 'capturePostHogEvent', nameArg: 1, propsArg: 2 },
  { callee: '#capture', objectForm: { nameKey: 'event', propsKey: 'eventProperties', distinctIdKey: 'userId' } },
]

export function ruleTester(herald: HeraldSettings = {}): RuleTester {
  return new RuleTester({
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { herald: { catalog: CATALOG, matchers: USER_MATCHERS, ...herald } },
  })
}
