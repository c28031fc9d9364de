/**
 * The README's catalog example is a catalog Herald accepts (meta-schema and every rule of `herald check`), and it
 * shows what it says it shows: identify, a group, an event that carries it, and a dashboard; its TypeScript
 * snippet compiles against the emitters generated from it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCatalog } from '@herald/core'
import { generate } from '@herald/generator-typescript'
import { expect, it } from 'vitest'
import { ROOT, typeCheck } from './generate-helpers.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const block = (lang: string) => readme.split(`\`\`\`${lang}\n`)[1]!.split('\n```')[0]!

it("the README's catalog is valid and declares identify, a group carried by its event, and a dashboard", () => {
  const result = parseCatalog(block('json'), 'README.md')
  expect(result.ok ? [] : result.diagnostics).toEqual([])
  if (!result.ok) return
  const catalog = result.catalog
  expect(Object.keys(catalog.identify?.set ?? {})).toEqual(['plan'])
  expect(catalog.groups.map((g) => [g.name, g.key, g.keyTransform])).toEqual([['organization', 'org_id', 'hash']])
  expect(catalog.events.map((e) => [e.name, e.groups])).toEqual([['checkout.started', ['organization']]])
  expect(catalog.dashboards.map((d) => d.name)).toEqual(['Checkout'])

  const files: Record<string, string> = {}
  for (const file of generate(catalog, {})) if (file.path === 'events.d.ts') files['readme/telemetry/events.d.ts'] = file.content
  const snippet = block('ts').replace("import posthog from 'posthog-js'", "declare const posthog: import('@herald/runtime/posthog-js').PostHogJsClient")
  files['readme/app.ts'] = `declare const user: { id: string }\ndeclare const org: { id: string }\n${snippet}\n`
  expect(typeCheck(files).filter((d) => d.startsWith('readme/'))).toEqual([])
}, 60_000)
