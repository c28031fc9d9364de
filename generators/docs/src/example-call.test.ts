import { parseCatalog } from '@herald/core'
import { describe, expect, it } from 'vitest'
import { exampleCall } from './example-call.js'
import { generate } from './index.js'

function eventOf(definition: object, name = 'demo.event') {
  const result = parseCatalog(JSON.stringify({ events: { [name]: definition } }), 'demo.catalog.json')
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
  return { catalog: result.catalog, event: result.catalog.events[0]! }
}

describe('exampleCall', () => {
  it('calls a signal with (t, props) and a span with (t, props, fn), passing the required properties', () => {
    const signal = eventOf({ properties: { limiter: { enum: ['login', 'signup'] }, count: { type: 'integer' } }, required: ['limiter'] })
    expect(exampleCall(signal.event)).toBe("demoEvent(t, { limiter: 'login' })")
    const span = eventOf({ kind: 'span', properties: { ok: { type: 'boolean' } }, required: ['ok'] })
    expect(exampleCall(span.event)).toMatch(/^demoEvent\(t, \{ ok: true \}, async \(\) => \{\n {2}\/\/ [^\n]+\n\}\)$/)
    expect(exampleCall(eventOf({}).event)).toBe('demoEvent(t, {})')
  })

  it('prefers the schema’s examples, then const, enum and default, then a value of its type', () => {
    const { event } = eventOf({
      properties: {
        a: { type: 'string', examples: ['from examples'], default: 'no' },
        b: { const: 7 },
        c: { type: 'integer', minimum: 3 },
        d: { type: 'number', exclusiveMinimum: 0.5 },
        e: { type: 'string', format: 'uuid' },
        f: { type: 'array', items: { type: 'boolean' } },
      },
      required: ['a', 'b', 'c', 'd', 'e', 'f'],
    })
    expect(exampleCall(event)).toBe(
      "demoEvent(t, {\n  a: 'from examples',\n  b: 7,\n  c: 3,\n  d: 1,\n  e: '5f0c7e7a-3c1e-4d5b-9a51-1f2b3c4d5e6f',\n  f: [true],\n})",
    )
  })

  it('keeps any string on one line of valid TypeScript, and quotes keys that are not identifiers', () => {
    const { event } = eventOf({
      properties: { 'x-mode': { enum: ["it's\\\n\u2028`${x}`</script>"] } },
      required: ['x-mode'],
    })
    const call = exampleCall(event)
    expect(call).toBe("demoEvent(t, { 'x-mode': 'it\\'s\\\\\\n\\u2028`${x}`</script>' })")
    expect(call.split('\n')).toHaveLength(1)
    // What the string literal holds, read back by a JavaScript parser, is the catalog's value.
    const literal = call.slice(call.indexOf(": '") + 2, call.lastIndexOf(' })'))
    expect(new Function(`return ${literal}`)()).toBe("it's\\\n\u2028`${x}`</script>")
  })

  it('uses a fence longer than any run of backticks in the code', () => {
    const { catalog } = eventOf({ properties: { q: { enum: ['````'] } }, required: ['q'] })
    const page = generate(catalog, {}).find((file) => file.path === 'categories/uncategorized.md')!.content
    expect(page).toContain("`````ts\ndemoEvent(t, { q: '````' })\n`````")
  })
})
