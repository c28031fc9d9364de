/**
 * Offsets of keys and values in JSON text that `JSON.parse` has already accepted, found by skipping over
 * values rather than building a syntax tree: each object or array is indexed once, when a path first passes
 * through it, so locating many paths of a large catalog stays linear in the text it walks.
 */
import type { PathSegment } from './source-document.js'

/** Where a member is: its key's offset (objects only) and its value's. */
export type JsonMemberOffsets = { key?: number; value: number }

// Characters that open, close or quote something: everything between them is skipped at once.
const STRUCTURE = /[{}[\]"]/g
const NOT_SPACE = /\S/g
const SCALAR_END = /[\s,}\]]/g

export class JsonLocator {
  private readonly objects = new Map<number, Map<string, JsonMemberOffsets>>()
  private readonly arrays = new Map<number, number[]>()

  constructor(private readonly text: string) {}

  /** The offset of the root value. */
  root(): number {
    return this.skipSpace(0)
  }

  /** The member `segment` of the value at `offset`, or undefined when the value has none. */
  child(offset: number, segment: PathSegment): JsonMemberOffsets | undefined {
    const c = this.text.charCodeAt(offset)
    if (c === 0x5b /* [ */ && typeof segment === 'number') {
      const value = this.elementsOf(offset)[segment]
      return value === undefined ? undefined : { value }
    }
    if (c !== 0x7b /* { */) return undefined
    return this.membersOf(offset).get(String(segment))
  }

  private membersOf(offset: number): Map<string, JsonMemberOffsets> {
    let members = this.objects.get(offset)
    if (members) return members
    members = new Map()
    let at = this.skipSpace(offset + 1)
    while (this.text.charCodeAt(at) === 0x22 /* " */) {
      const keyEnd = this.skipString(at)
      const raw = this.text.slice(at, keyEnd)
      const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1)
      const value = this.skipSpace(this.skipSpace(keyEnd) + 1)
      // The last of repeated keys wins, as in JSON.parse.
      members.set(name, { key: at, value })
      at = this.skipSpace(this.skipValue(value))
      if (this.text.charCodeAt(at) !== 0x2c /* , */) break
      at = this.skipSpace(at + 1)
    }
    this.objects.set(offset, members)
    return members
  }

  private elementsOf(offset: number): number[] {
    let elements = this.arrays.get(offset)
    if (elements) return elements
    elements = []
    let at = this.skipSpace(offset + 1)
    while (at < this.text.length && this.text.charCodeAt(at) !== 0x5d /* ] */) {
      elements.push(at)
      at = this.skipSpace(this.skipValue(at))
      if (this.text.charCodeAt(at) !== 0x2c) break
      at = this.skipSpace(at + 1)
    }
    this.arrays.set(offset, elements)
    return elements
  }

  private skipSpace(offset: number): number {
    NOT_SPACE.lastIndex = offset
    return NOT_SPACE.exec(this.text)?.index ?? this.text.length
  }

  /** The offset just past the string that opens at `offset`. */
  private skipString(offset: number): number {
    let at = offset + 1
    for (;;) {
      const quote = this.text.indexOf('"', at)
      if (quote === -1) return this.text.length
      let backslashes = 0
      while (this.text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++
      if (backslashes % 2 === 0) return quote + 1
      at = quote + 1
    }
  }

  /** The offset just past the value that starts at `offset`. */
  private skipValue(offset: number): number {
    const c = this.text.charCodeAt(offset)
    if (c === 0x22) return this.skipString(offset)
    if (c !== 0x7b && c !== 0x5b) {
      SCALAR_END.lastIndex = offset
      return SCALAR_END.exec(this.text)?.index ?? this.text.length
    }
    let depth = 0
    let at = offset
    for (;;) {
      STRUCTURE.lastIndex = at
      const match = STRUCTURE.exec(this.text)
      if (match === null) return this.text.length
      const found = match.index
      const ch = this.text.charCodeAt(found)
      if (ch === 0x22) {
        at = this.skipString(found)
        continue
      }
      depth += ch === 0x7b || ch === 0x5b ? 1 : -1
      at = found + 1
      if (depth === 0) return at
    }
  }
}
