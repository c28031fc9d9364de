/**
 * The generated identify, group and alias are typed from the catalog: right calls compile under the strictest
 * flags, and each wrong call (a wrong trait type, an undeclared trait, an undeclared group type, a wrong group
 * property type, alias of a catalog that does not enable it) is a compile error on its own line.
 */
import { generate } from '@herald/generator-typescript'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { loadFixture, typeCheck } from './generate-helpers.js'

const STRICTEST: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noUnusedLocals: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
}

const GOOD = [
  "identify(t, 'u_1')",
  "identify(t, 'u_1', { set: { tier: 'team', mfa_enabled: true, last_ip: '203.0.113.7' }, setOnce: { signup_method: 'sso' } })",
  "group(t, 'organization', 'c_9')",
  "group(t, 'organization', 'c_9', { plan: 'business', seats: 12 })",
  "alias(t, 'u_1', 'anon_7')",
]
/** Each wrong call, and what the compiler says about it. */
const BAD: Array<[string, RegExp]> = [
  ["identify(t, 'u_1', { set: { mfa_enabled: 'yes' } })", /'string' is not assignable to type 'boolean( \| undefined)?'/],
  ["identify(t, 'u_1', { set: { tier: 'gold' } })", /"gold"' is not assignable/],
  ["identify(t, 'u_1', { set: { email: 'a@b.c' } })", /'email' does not exist/],
  ["identify(t, 'u_1', { setOnce: { tier: 'team' } })", /'tier' does not exist/],
  ['identify(t, 42, {})', /'number' is not assignable to parameter of type 'string'/],
  ["group(t, 'team', 'c_9')", /"team"' is not assignable to parameter of type '"organization"'/],
  ["group(t, 'organization', 'c_9', { seats: '12' })", /'string' is not assignable to type 'number( \| undefined)?'/],
  ["group(t, 'organization', 'c_9', { name: 'Acme' })", /'name' does not exist/],
  ["alias(t, 'u_1')", /Expected 3 arguments/],
]

function check(lines: string[], catalogPath = 'schema/events.catalog.json', imports = 'alias, group, identify'): string[] {
  const files: Record<string, string> = {}
  for (const file of generate(loadFixture(catalogPath), {})) if (file.path.endsWith('.d.ts')) files[`identity/${file.path}`] = file.content
  const app = [
    "import type { Telemetry } from '@herald/runtime'",
    `import { ${imports} } from './events.js'`,
    'declare const t: Telemetry',
    ...lines.map((line) => `${line}\n`),
  ].join('\n')
  files['identity/app.ts'] = app
  return typeCheck(files, STRICTEST).filter((d) => d.startsWith('identity/'))
}

describe('typed identify, group and alias', () => {
  it('the right calls compile under the strictest flags, and each wrong one is an error on its line', () => {
    const diagnostics = check([...GOOD, ...BAD.map(([line]) => line)])
    // Line numbers: three header lines, then each call and a blank line.
    const lineOf = (index: number) => 4 + index * 2
    const byLine = new Map<number, string[]>()
    for (const d of diagnostics) {
      const line = Number(/^identity\/app\.ts:(\d+):/.exec(d)?.[1])
      byLine.set(line, [...(byLine.get(line) ?? []), d])
    }
    GOOD.forEach((_, i) => expect(byLine.get(lineOf(i)), GOOD[i]).toBeUndefined())
    BAD.forEach(([line, message], i) => expect(byLine.get(lineOf(GOOD.length + i))?.join('\n'), line).toMatch(message))
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual(BAD.map((_, i) => lineOf(GOOD.length + i)))
  }, 60_000)

  it('a catalog without identify, groups or alias exports none of them', () => {
    const diagnostics = check(["identify(t, 'u_1')"], 'test/fixtures/good-catalogs/small-auth.catalog.json')
    for (const name of ['identify', 'group', 'alias']) expect(diagnostics.join('\n')).toContain(`has no exported member '${name}'`)
  }, 60_000)

  it('an event that belongs to groups takes their keys, typed: none missing, none undeclared', () => {
    const lines = [
      "orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 'o_1' })",
      "orgCreated(t, { org_id: 'o_1', user_id: 'u_1' })",
      "orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { org: 'o_1' })",
      "orgCreated(t, { org_id: 'o_1', user_id: 'u_1' }, { organization: 42 })",
      "securityRateLimited(t, { limiter: 'login', limit_key: 'k', count: 1 }, { organization: 'o_1' })",
    ]
    const diagnostics = check(lines, 'schema/events.catalog.json', 'orgCreated, securityRateLimited')
    const at = (i: number) => diagnostics.filter((d) => d.startsWith(`identity/app.ts:${4 + i * 2}:`)).join('\n')
    expect(at(0)).toBe('')
    expect(at(1)).toMatch(/Expected 3 arguments, but got 2/)
    expect(at(2)).toMatch(/'org' does not exist/)
    expect(at(3)).toMatch(/'number' is not assignable to type 'string'/)
    expect(at(4)).toMatch(/Expected 1-2 arguments, but got 3|Expected 2 arguments, but got 3/)
  }, 60_000)
})
