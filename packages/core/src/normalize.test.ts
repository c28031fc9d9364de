import { describe, expect, it } from 'vitest'
import { buildCatalog } from './normalize.js'
import { parseSource } from './source-document.js'

function build(catalog: unknown, file = 'catalog.json') {
  const text = JSON.stringify(catalog, null, 2)
  const { document, diagnostics } = parseSource(text, file)
  expect(diagnostics).toEqual([])
  return { text, ...buildCatalog(document!) }
}

function codes(catalog: unknown): string[] {
  return build(catalog).diagnostics.map((d) => d.code)
}

describe('the Catalog model', () => {
  it('fills the documented defaults', () => {
    const { catalog } = build({ events: { signup: {} } })
    expect(catalog!.naming.style).toBe('dot.snake_case')
    expect(catalog!.privacy.saltEnv).toBe('HERALD_SALT')
    expect(catalog!.privacy.allForbiddenKeys).toContain('password')
    expect(catalog!.events[0]).toMatchObject({ name: 'signup', identifier: 'signup', kind: 'signal', level: 'info', required: [] })
  })

  it('expands a span into start, stop (with duration_ms) and exception (with error_kind)', () => {
    const { catalog } = build({ events: { 'auth.login': { kind: 'span', properties: { method: { enum: ['sso'] } }, required: ['method'] } } })
    const wire = catalog!.wireEvents.map((w) => [w.name, w.phase, Object.keys(w.properties), w.required])
    expect(wire).toEqual([
      ['auth.login.start', 'start', ['method'], ['method']],
      ['auth.login.stop', 'stop', ['method', 'duration_ms'], ['method', 'duration_ms']],
      ['auth.login.exception', 'exception', ['method', 'error_kind'], ['method', 'error_kind']],
    ])
    expect(catalog!.wireEventsByName.has('auth.login')).toBe(false)
  })

  it('resolves $refs at every depth; siblings of a $ref override the shared definition', () => {
    const { catalog } = build({
      properties: {
        user_id: { type: 'string', pii: 'pseudonymous', description: 'Opaque id' },
        team: { type: 'object', properties: { lead: { $ref: '#/properties/user_id' } } },
      },
      events: {
        'org.created': {
          properties: {
            owner: { $ref: '#/properties/user_id', description: 'Who created it' },
            members: { type: 'array', items: { $ref: '#/properties/user_id' } },
            team: { $ref: '#/properties/team' },
          },
        },
      },
    })
    const properties = catalog!.eventsByName.get('org.created')!.properties
    expect(properties.owner).toEqual({ type: 'string', pii: 'pseudonymous', description: 'Who created it', ref: 'user_id' })
    expect(properties.members!.items).toMatchObject({ type: 'string', ref: 'user_id' })
    expect(properties.team!.properties!.lead).toMatchObject({ type: 'string', ref: 'user_id' })
  })

  it('keeps extension fields and deprecations', () => {
    const { catalog } = build({ events: { 'a.new': {}, 'a.old': { 'x-team': 'core', deprecated: { since: '2.0.0', renamedTo: 'a.new' } } } })
    expect(catalog!.eventsByName.get('a.old')).toMatchObject({ extensions: { 'x-team': 'core' }, deprecated: { since: '2.0.0', renamedTo: 'a.new' } })
  })

  it('gives each event the position of its key', () => {
    const { catalog, text } = build({ events: { 'a.b': {}, 'c.d': {} } })
    const lines = text.split('\n')
    for (const event of catalog!.events) {
      expect(lines[event.position.line - 1]!.slice(event.position.column - 1)).toMatch(new RegExp(`^"${event.name}"`))
    }
  })
})

describe('semantic checks', () => {
  it('reports a personal shared property once, at its definition, however many events use it', () => {
    const { diagnostics, text } = build({
      properties: { ip: { type: 'string', pii: 'personal' } },
      events: { 'a.b': { properties: { ip: { $ref: '#/properties/ip' } } }, 'c.d': { properties: { ip: { $ref: '#/properties/ip' } } } },
    })
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['pii-without-transform', text.split('\n').findIndex((l) => l.includes('"ip": {')) + 1]])
  })

  it('reports a $ref that makes a shared property personal again without a transform at the event', () => {
    const { diagnostics } = build({
      properties: { ip: { type: 'string', pii: 'personal', transform: 'hash' } },
      events: {
        'a.b': { properties: { ip: { $ref: '#/properties/ip', pii: 'sensitive', transform: 'hash' } } },
        'c.d': { properties: { ip: { $ref: '#/properties/ip', pii: 'personal' } } },
      },
    })
    // The override keeps the shared transform, so neither is without one.
    expect(diagnostics).toEqual([])
  })

  it('lets boolean and numeric properties named like a forbidden key through, but not strings or untyped ones', () => {
    const event = (schema: object) => ({ events: { 'a.b': { properties: { email: schema } } } })
    expect(codes(event({ type: 'boolean' }))).toEqual([])
    expect(codes(event({ type: ['integer', 'number'] }))).toEqual([])
    expect(codes(event({ type: 'string' }))).toEqual(['forbidden-key'])
    expect(codes(event({}))).toEqual(['forbidden-key'])
    expect(codes(event({ type: ['boolean', 'string'] }))).toEqual(['forbidden-key'])
  })

  it("adds the catalog's forbidden keys to the built-in ones", () => {
    const { catalog } = build({ privacy: { forbiddenKeys: ['ssn'] }, events: {} })
    expect(catalog!.privacy.forbiddenKeys).toEqual(['ssn'])
    expect(catalog!.isForbiddenKey('customerSsn')).toBe(true)
    expect(catalog!.isForbiddenKey('password')).toBe(true)
    expect(codes({ privacy: { forbiddenKeys: ['ssn'] }, properties: { user_ssn: { type: 'string' } }, events: {} })).toEqual(['forbidden-key'])
  })

  it('treats names of Object.prototype members as ordinary names', () => {
    expect(codes({ categories: { auth: {} }, events: { 'a.b': { category: 'constructor' } } })).toEqual(['unknown-category'])
    expect(codes({ events: { 'a.b': { category: 'toString' } } })).toEqual(['unknown-category'])
    expect(codes({ events: { 'a.b': { required: ['hasOwnProperty'] } } })).toEqual(['unknown-required-property'])
    expect(codes({ events: { 'a.b': { properties: { o: { type: 'object', properties: {}, required: ['valueOf'] } } } } })).toEqual([
      'unknown-required-property',
    ])
    expect(codes({ privacy: { distinctId: { property: 'constructor' } }, events: { 'a.b': {} } })).toEqual(['unused-distinct-id'])
    expect(codes({ categories: { id: { requiredProperties: ['toString'] } }, events: { 'a.b': { category: 'id' } } })).toEqual(['missing-category-property'])
    expect(codes({ events: { 'a.b': { properties: { toJSON: { type: 'string' } }, required: ['toJSON'] } } })).toEqual([])
  })

  // TypeScript gives `{}` the members of Object, so an emitter typed `{ constructor?: string }` refuses `{}`
  // (TS2322), and generated code would read the inherited member: check refuses what generate cannot honour.
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__lookupGetter__'])('refuses %s as a property name at any depth, with a hint', (key) => {
    const text = `{ "properties": { "${key}": { "type": "string" } }, "events": { "a.b": { "properties": { "o": { "type": "object", "properties": { "${key}": {} } } } } } }`
    const { document } = parseSource(text, 'c.json')
    const diagnostics = buildCatalog(document!).diagnostics
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['reserved-property', 1, 19],
      ['reserved-property', 1, text.lastIndexOf(`"${key}"`) + 1],
    ])
    expect(diagnostics[0]!.hint).toBe(`rename it, for example "${key}_value"`)
  })

  it('refuses __proto__ as a property name at any depth', () => {
    const text =
      '{ "properties": { "__proto__": { "type": "string" } }, "events": { "a.b": { "properties": { "o": { "type": "object", "properties": { "__proto__": {} } } } } } }'
    const { document } = parseSource(text, 'c.json')
    expect(buildCatalog(document!).diagnostics.map((d) => d.code)).toEqual(['reserved-property', 'reserved-property'])
  })

  it('after a broken naming pattern, reports the pattern and spaces, not every name', () => {
    expect(codes({ naming: { pattern: '[A-Z' }, events: { UserSignedUp: {}, 'user signed in': {} } })).toEqual(['invalid-pattern', 'event-name-has-space'])
  })

  it('reports two names with one identifier, reserved words included', () => {
    expect(codes({ events: { delete: {}, delete_event: {} } })).toEqual(['identifier-collision'])
  })

  it('allows only counts, durations and enumerated values in a countsAndDurationsOnly category', () => {
    const catalog = (schema: object) => ({
      categories: { usage: { countsAndDurationsOnly: true } },
      events: { 'a.b': { category: 'usage', properties: { p: schema } } },
    })
    for (const fine of [
      { type: 'integer' },
      { type: 'boolean' },
      { enum: ['a'] },
      { type: 'string', format: 'uuid' },
      { type: 'string', pattern: '^[a-z]+$' },
      { type: 'string', pii: 'pseudonymous' },
      { type: 'string', transform: 'hash', pii: 'personal' },
    ]) {
      expect(codes(catalog(fine)), JSON.stringify(fine)).toEqual([])
    }
    expect(codes(catalog({ type: 'string' }))).toEqual(['free-text-property'])
    expect(codes(catalog({ type: 'object', properties: { note: { type: ['string', 'null'] } } }))).toEqual(['free-text-property'])
  })

  it('lists diagnostics in file order', () => {
    const { diagnostics } = build({ events: { 'B.x': {}, 'a.b': { category: 'nope' }, 'c d': {} } })
    const positions = diagnostics.map((d) => d.line * 1000 + d.column)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(diagnostics).toHaveLength(3)
  })
})
