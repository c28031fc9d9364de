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

describe('group keys', () => {
  const hashed = { org_id: { type: 'string', pii: 'pseudonymous', transform: 'hash' } }

  it('hashes a key whose shared property is hashed, and one whose own property is', () => {
    const { catalog, diagnostics } = build({
      properties: hashed,
      events: { 'org.created': { properties: { org_id: { $ref: '#/properties/org_id' } } } },
      groups: {
        company: { key: 'org_id' },
        team: { key: 'team_id', properties: { team_id: { type: 'string', transform: 'hash' } } },
        project: { key: 'project_id' },
      },
    })
    expect(diagnostics).toEqual([])
    expect(catalog!.groups.map((g) => [g.name, g.keyTransform])).toEqual([
      ['company', 'hash'],
      ['team', 'hash'],
      ['project', undefined],
    ])
  })

  it('refuses an event property that keys a group with another transform, at the event, with a hint', () => {
    const { diagnostics } = build({
      properties: hashed,
      events: {
        'org.created': { properties: { org_id: { type: 'string', pii: 'pseudonymous' } } },
        'org.deleted': { properties: { org_id: { $ref: '#/properties/org_id' } } },
        'project.created': { properties: { project_id: { type: 'string', transform: 'hash' } } },
      },
      groups: { company: { key: 'org_id', properties: { org_id: { type: 'string' } } }, project: { key: 'project_id' } },
    })
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['group-key-transform-mismatch', 12, 9],
      ['group-key-transform-mismatch', 27, 9],
      ['group-key-transform-mismatch', 38, 9],
    ])
    const [event, project, own] = diagnostics
    expect(event!.message).toBe(
      'The property "org_id" of the event "org.created" is sent as it is, but it keys the group type "company", whose key is hashed (properties.org_id): the two would never be the same value.',
    )
    expect(event!.hint).toBe('give it transform: hash, as properties.org_id has, or write { "$ref": "#/properties/org_id" }')
    expect(project!.message).toContain('"project.created" is hashed, but it keys the group type "project", whose key is sent as it is')
    expect(project!.hint).toBe('declare "project_id" once under "properties" with the transform it needs, and $ref it from the events')
    expect(own!.message).toContain('of the group type "company" is sent as it is')
  })

  it("refuses a dropped key, at the group type's key", () => {
    const { catalog, diagnostics } = build({
      properties: { org_id: { type: 'string', pii: 'personal', transform: 'drop' } },
      events,
      groups: { company: { key: 'org_id' } },
    })
    expect(catalog).toBeUndefined()
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['dropped-group-key', 21, 14]])
    expect(diagnostics[0]!.message).toContain('keyed by "org_id", whose property has transform: drop (properties.org_id)')
    expect(diagnostics[0]!.hint).toContain('give "org_id" transform: hash')
  })

  it('keeps the groups an event belongs to, and refuses an undeclared one with a hint', () => {
    const { catalog } = build({
      events: { 'org.created': { groups: ['company'] }, 'auth.login': {} },
      groups: { company: { key: 'org_id' } },
    })
    expect(catalog!.events.map((e) => [e.name, e.groups])).toEqual([
      ['org.created', ['company']],
      ['auth.login', []],
    ])
    const { diagnostics } = build({ events: { 'org.created': { groups: ['compnay'] } }, groups: { company: {} } })
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([['unknown-event-group', 5, 9, 'did you mean "company"?']])
    expect(diagnostics[0]!.message).toBe('The event "org.created" belongs to the group type "compnay", which is not declared.')
  })
})
