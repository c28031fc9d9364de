import * as runtime from '@herald/runtime'
import { transformSync } from 'esbuild'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FieldPlan, ObjectPlan, ValueKind } from './redaction-plan.js'
import { compileSerializer } from './serializer-source.js'
import { printModule } from './ts-source.js'

const keep = (key: string, kinds: ValueKind[], strings?: string[]): FieldPlan => ({
  key,
  action: 'keep',
  kinds: new Set(kinds),
  ...(strings ? { strings } : {}),
})

/** Compiles a plan's serializer and loads it, with the runtime's helpers. */
function load(plan: ObjectPlan): (record: Record<string, unknown>) => string {
  const compiled = compileSerializer(plan, 'serialize')
  const js = transformSync(printModule('', [compiled.declaration]), { loader: 'ts' }).code
  const helpers = [...compiled.helpers]
  return new Function(...helpers, `${js}\nreturn serialize`)(...helpers.map((name) => (runtime as Record<string, unknown>)[name]))
}

/** What JSON.stringify writes for the declared keys of `record` (own keys only, in the object's own order). */
function expected(record: Record<string, unknown>, declared: readonly string[]): string {
  const picked: Record<string, unknown> = {}
  for (const key of Object.keys(record)) if (declared.includes(key)) Object.defineProperty(picked, key, { value: record[key], enumerable: true })
  return JSON.stringify(picked)
}

const value = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('free', 'pro', 'a"b', 'é', '\u2028', '\ud800'),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(undefined))),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double())),
)

describe('generated serializers', () => {
  const plan: ObjectPlan = {
    fields: [
      keep('plan', ['string'], ['free', 'pro', 'a"b']),
      keep('10', ['number']),
      { key: 'secret', action: 'drop', kinds: new Set() },
      keep('user id', ['string']),
      keep('2', ['string', 'null']),
      { key: 'ip', action: 'hash', kinds: new Set() },
      keep('meta', ['object', 'array']),
      keep('ok', ['boolean']),
      keep('kind', ['string', 'number'], ['a', 'b\\c']),
      keep('"quoted"\u2028', ['string']),
    ],
  }
  const declared = ['plan', '10', 'user id', '2', 'ip', 'meta', 'ok', 'kind', '"quoted"\u2028']
  const serialize = load(plan)

  // Objects as the redactor builds them: declared keys, in declared order, any of them absent.
  const inDeclaredOrder = fc.array(fc.tuple(fc.boolean(), value), { minLength: declared.length + 2, maxLength: declared.length + 2 }).map((slots) => {
    const record: Record<string, unknown> = {}
    ;[...declared, 'secret', 'other'].forEach((key, i) => {
      if (slots[i]![0]) record[key] = slots[i]![1]
    })
    return record
  })

  it('write exactly what JSON.stringify writes for the kept keys, whatever the values (a sink may have changed them)', () => {
    fc.assert(
      fc.property(inDeclaredOrder, (record) => {
        expect(`{${serialize(record)}}`).toBe(expected(record, declared))
      }),
      { numRuns: 3_000 },
    )
  })

  it('put array-index keys first, ascending, as objects keep them', () => {
    const record: Record<string, unknown> = {}
    for (const key of ['plan', '10', 'user id', '2']) record[key] = key
    expect(Object.keys(record)).toEqual(['2', '10', 'plan', 'user id'])
    expect(`{${serialize(record)}}`).toBe(JSON.stringify(record))
  })

  it('write listed enum strings as they are and escape anything else', () => {
    expect(serialize({ plan: 'pro' })).toBe('"plan":"pro"')
    expect(serialize({ plan: 'a"b' })).toBe('"plan":"a\\"b"')
    expect(serialize({ plan: 'x\n' })).toBe('"plan":"x\\n"')
  })

  it('take the fast path of the declared kind and fall back for anything else', () => {
    expect(serialize({ ok: true, '10': 1.5, 'user id': 'u' })).toBe('"10":1.5,"user id":"u","ok":true')
    expect(serialize({ '10': Number.NaN, ok: 'yes', kind: 2 })).toBe('"10":null,"ok":"yes","kind":2')
    expect(serialize({ ip: 'ab12', kind: 'b\\c' })).toBe('"ip":"ab12","kind":"b\\\\c"')
    expect(serialize({ '10': undefined, plan: 'pro' })).toBe('"plan":"pro"')
    expect(serialize({ '10': () => 1, ok: false })).toBe('"ok":false')
    expect(serialize({ '2': 'first', '10': 1 })).toBe('"2":"first","10":1')
    expect(load({ fields: [keep('only', ['number'])] })({ only: 1 })).toBe('"only":1')
  })

  it('read __proto__ only as an own key', () => {
    const proto = load({ fields: [keep('__proto__', ['string']), keep('a', ['number'])] })
    expect(proto({ a: 1 })).toBe('"a":1')
    const own: Record<string, unknown> = {}
    Object.defineProperty(own, '__proto__', { value: 'p', enumerable: true })
    own.a = 1
    expect(`{${proto(own)}}`).toBe(JSON.stringify(own))
  })

  it('write nothing for an object that keeps no key', () => {
    expect(load({ fields: [{ key: 'x', action: 'drop', kinds: new Set() }] })({ x: 1 })).toBe('')
  })
})
