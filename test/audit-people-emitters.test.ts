/**
 * Calls of the generated identify, group and alias are people calls of the audit's inventory and coverage, as
 * raw ones are: imported by name, under an alias or through a namespace; a local of the same name is not one.
 * The fixture (test/fixtures/audit-people-emitters) gets its emitters from the generator in a temporary copy.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { auditRepo, formatMarkdown } from '@herald/audit'
import { loadCatalogOrThrow } from '@herald/core'
import { generate } from '@herald/generator-typescript'
import { describe, expect, it } from 'vitest'

const FIXTURE = fileURLToPath(new URL('./fixtures/audit-people-emitters/', import.meta.url))

describe('audit of generated identify, group and alias calls', async () => {
  const catalog = loadCatalogOrThrow(join(FIXTURE, 'catalog.json'))
  const dir = mkdtempSync(join(tmpdir(), 'herald-audit-people-'))
  cpSync(FIXTURE, dir, { recursive: true })
  // Not committed: generated here, as `herald generate` would write it.
  mkdirSync(join(dir, 'src/telemetry'), { recursive: true })
  for (const file of generate(catalog)) writeFileSync(join(dir, 'src/telemetry', file.path), file.content)
  const report = await auditRepo({ cwd: dir, paths: ['src'], catalog, catalogFile: 'catalog.json' })

  it('inventories each as a people call with its kind, group type, properties and ids, and checks none', () => {
    expect(
      report.callSites.map((s) => [
        `${s.file}:${s.line}`,
        s.callee,
        s.kind ?? null,
        s.emitter,
        s.groupTypes?.map((g) => g.value) ?? null,
        s.properties?.keys.map((k) => k.key) ?? null,
        s.setOnce?.keys.map((k) => k.key) ?? null,
        s.distinctId?.text ?? null,
        s.alias?.text ?? null,
      ]),
    ).toEqual([
      ['src/app.ts:8', 'identify', 'identify', '$identify', null, ['plan'], ['signup_source'], 'userId', null],
      ['src/app.ts:9', 'telemetry.alias', 'alias', '$create_alias', null, null, null, 'userId', "'anon_1'"],
      ['src/app.ts:13', 'setGroup', 'group', '$groupidentify', ['organization'], ['seats'], null, null, null],
      ['src/app.ts:14', 'orgCreated', null, 'org.created', null, ['org_id'], null, null, null],
    ])
    expect(report.findings).toEqual([])
  })

  it('counts them in coverage.people: identify and alias calls, group calls by type, the types never set', () => {
    expect(report.coverage.people).toEqual({
      identify: [{ file: 'src/app.ts', line: 8, column: 3 }],
      alias: [{ file: 'src/app.ts', line: 9, column: 3 }],
      groups: [{ groupType: 'organization', callSites: [{ file: 'src/app.ts', line: 13, column: 3 }] }],
      groupTypesNeverSet: ['project'],
    })
    expect(formatMarkdown(report)).toContain('| `createOrg` | *group* `organization` *via* `setGroup` | `seats` | — | src/app.ts:13:3 |')
  })
})
