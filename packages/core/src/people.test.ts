import { describe, expect, it } from 'vitest'
import { validateAgainstMetaSchema } from './validate-schema.js'
import { buildCatalog } from './normalize.js'
import { parseSource } from './source-document.js'

function build(catalog: unknown) {
  const { document, diagnostics } = parseSource(JSON.stringify(catalog, null, 2), 'catalog.json')
  expect(diagnostics).toEqual([])
  expect(validateAgainstMetaSchema(document!)).toEqual([])
  return buildCatalog(document!)
}

const events = { 'auth.login': { properties: { user_id: { type: 'string', pii: 'pseudonymous' } } } }

describe('people and groups in the Catalog model', () => {
  it('keeps identify, groups and alias as declared, with shared properties resolved', () => {
    const { catalog, diagnostics } = build({
      properties: { plan: { enum: ['free', 'pro'], description: 'The billing plan.' } },
      events,
      identify: {
        description: 'A signed-in user.',
        set: { plan: { $ref: '#/properties/plan' }, name: { type: 'string', pii: 'personal', transform: 'hash' } },
        setOnce: { signup_source: { enum: ['ads', 'organic'] } },
      },
      groups: { company: { key: 'org_id', properties: { plan: { $ref: '#/properties/plan' }, seats: { type: 'integer', minimum: 0 } } }, project: {} },
      alias: true,
    })
    expect(diagnostics).toEqual([])
    expect(catalog!.identify).toEqual({
      description: 'A signed-in user.',
      set: { plan: { enum: ['free', 'pro'], description: 'The billing plan.', ref: 'plan' }, name: { type: 'string', pii: 'personal', transform: 'hash' } },
      setOnce: { signup_source: { enum: ['ads', 'organic'] } },
    })
    expect(catalog!.groups.map((g) => [g.name, g.key, Object.keys(g.properties)])).toEqual([
      ['company', 'org_id', ['plan', 'seats']],
      ['project', undefined, []],
    ])
    expect(catalog!.alias).toBe(true)
  })

  it('declares none of them by default', () => {
    const { catalog } = build({ events })
    expect(catalog!.identify).toBeUndefined()
    expect(catalog!.groups).toEqual([])
    expect(catalog!.alias).toBe(false)
  })

  it('applies the privacy rules of event properties to traits and group properties', () => {
    const { diagnostics } = build({
      events,
      identify: { set: { userEmail: { type: 'string' } }, setOnce: { ssn: { type: 'string', pii: 'sensitive' } } },
      groups: { company: { properties: { billing: { type: 'object', properties: { password: { type: 'string' } } } } } },
    })
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['forbidden-key', 14],
      ['pii-without-transform', 19],
      ['forbidden-key', 31],
    ])
  })

  it('lets an event take the name identify when the catalog generates no identify', () => {
    expect(build({ events: { identify: {} } }).diagnostics).toEqual([])
    expect(build({ events: { alias: {} }, alias: false }).diagnostics).toEqual([])
    expect(build({ events: { alias: {} }, alias: true }).diagnostics.map((d) => d.code)).toEqual(['identifier-collision'])
  })
})
