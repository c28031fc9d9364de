import fc from 'fast-check'
import * as jsonc from 'jsonc-parser'
import { describe, expect, it } from 'vitest'
import { JsonLocator } from './json-locator.js'

/** Every path into `value`, each with the offsets jsonc-parser's tree gives its key and value. */
function treePaths(text: string): Array<{ path: Array<string | number>; key?: number; value: number }> {
  const out: Array<{ path: Array<string | number>; key?: number; value: number }> = []
  const walk = (node: jsonc.Node, path: Array<string | number>) => {
    if (node.type === 'object') {
      const seen = new Map<string, jsonc.Node>()
      for (const property of node.children ?? []) seen.set(String(property.children![0]!.value), property)
      for (const [name, property] of seen) {
        const [key, value] = property.children!
        out.push({ path: [...path, name], key: key!.offset, value: value!.offset })
        walk(value!, [...path, name])
      }
    } else if (node.type === 'array') {
      node.children!.forEach((child, i) => {
        out.push({ path: [...path, i], value: child.offset })
        walk(child, [...path, i])
      })
    }
  }
  walk(jsonc.parseTree(text)!, [])
  return out
}

function locate(locator: JsonLocator, path: ReadonlyArray<string | number>) {
  let offset = locator.root()
  let key: number | undefined
  for (const segment of path) {
    const child = locator.child(offset, segment)
    if (!child) return undefined
    key = child.key
    offset = child.value
  }
  return { key, value: offset }
}

const spaced = (text: string, spaces: string[]) =>
  text.replace(/[,:[\]{}]/g, (c) => `${spaces[c.charCodeAt(0) % spaces.length]}${c}${spaces[(c.charCodeAt(0) + 1) % spaces.length]}`)

describe('JsonLocator', () => {
  it('finds every key and value where jsonc-parser does, whatever the spacing and escapes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.constantFrom('', ' ', '\n  ', '\t', '\r\n'), { minLength: 1, maxLength: 4 }), (value, spaces) => {
        // Spacing is added around the structural characters only outside strings: JSON.stringify escapes none of them.
        const plain = JSON.stringify(value)
        const text = /"/.test(plain) ? JSON.stringify(value, null, spaces[0]!.includes('\n') ? 2 : 0) : spaced(plain, spaces)
        expect(JSON.parse(text)).toEqual(JSON.parse(plain))
        const locator = new JsonLocator(text)
        for (const expected of treePaths(text)) {
          expect(locate(locator, expected.path), JSON.stringify(expected.path)).toEqual({ key: expected.key, value: expected.value })
        }
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the last of repeated keys, as JSON.parse does, and reads escaped keys', () => {
    const text = '{ "a": 1, "b\\u0041": [10, {"c": true}], "a": { "d": "x\\"}" } }'
    const locator = new JsonLocator(text)
    expect(locate(locator, ['a', 'd'])).toEqual({ key: text.indexOf('"d"'), value: text.indexOf('"x') })
    expect(locate(locator, ['bA', 1, 'c'])).toEqual({ key: text.indexOf('"c"'), value: text.indexOf('true') })
    expect(locate(locator, ['bA', 2])).toBeUndefined()
    expect(locate(locator, ['missing'])).toBeUndefined()
  })
})
