/**
 * Parse phase: catalog text → plain value, plus a locator that maps a path in the value back to a
 * line and column. JSON is parsed natively (fast) and scanned once with jsonc-parser for repeated keys;
 * the position tree is built only when a diagnostic needs a location.
 */
import { type Node as JsonNode, parseTree, printParseErrorCode, visit, type ParseError } from 'jsonc-parser'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml'
import type { Diagnostic } from './diagnostics.js'

export type PathSegment = string | number
export type Position = { line: number; column: number }

export interface SourceDocument {
  file: string
  text: string
  value: unknown
  /** The position of the value at `path`, or of its key when `at` is `key`; the nearest existing ancestor if absent. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position
  positionAt(offset: number): Position
}

export const MAX_CATALOG_BYTES = 64 * 1024 * 1024
export const MAX_NESTING_DEPTH = 64

export function parseSource(
  text: string,
  file: string,
): { document?: SourceDocument; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text)
  const at = (code: Diagnostic['code'], offset: number, message: string, hint?: string): Diagnostic => ({
    code,
    severity: 'error',
    message,
    file,
    ...lines.positionAt(offset),
    ...(hint ? { hint } : {}),
  })

  if (text.length > MAX_CATALOG_BYTES) {
    return {
      diagnostics: [
        at('file-too-large', 0, `The catalog is ${(text.length / 1048576).toFixed(1)} MiB; Herald reads catalogs up to ${MAX_CATALOG_BYTES / 1048576} MiB.`, 'split it, or remove generated content'),
      ],
    }
  }
  const parsed = isYamlFile(file) ? parseYaml(text, file, lines, at) : parseJson(text, file, lines, at)
  if (parsed.document && parsed.shape!.depth > MAX_NESTING_DEPTH) {
    // Rare: only now pay for a scan that finds where the nesting goes too deep.
    return {
      diagnostics: [
        at('nesting-too-deep', findExcessiveNesting(text, MAX_NESTING_DEPTH) ?? 0, `The catalog nests objects or arrays more than ${MAX_NESTING_DEPTH} levels deep.`, 'property schemas this deep are not supported'),
      ],
    }
  }
  return { ...(parsed.document ? { document: parsed.document } : {}), diagnostics: parsed.diagnostics }
}

type Parsed = { document?: SourceDocument; shape?: ValueShape; diagnostics: Diagnostic[] }

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file)
}

type At = (code: Diagnostic['code'], offset: number, message: string, hint?: string) => Diagnostic

function parseJson(text: string, file: string, lines: LineIndex, at: At): Parsed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const shift = text.length - body.length
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    const errors: ParseError[] = []
    parseTree(body, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false })
    const first = errors[0]
    const offset = first ? first.offset + shift : 0
    const what = first ? describeJsonError(printParseErrorCode(first.error)) : (error as Error).message
    return { diagnostics: [at('invalid-json', offset, `The catalog is not valid JSON: ${what}.`)] }
  }

  const diagnostics: Diagnostic[] = []
  const shape = measureValue(value)
  // Repeated keys vanish in JSON.parse, so the parsed value then has fewer keys than the text. Counting both
  // is several times cheaper than a tokenizing pass; only when they differ does jsonc-parser find the repeats.
  if (shape.depth <= MAX_NESTING_DEPTH && countKeysInText(body) !== shape.keys) {
    const seen: Array<Set<string>> = []
    visit(body, {
      onObjectBegin: () => void seen.push(new Set()),
      onObjectEnd: () => void seen.pop(),
      onObjectProperty: (property, offset) => {
        const keys = seen[seen.length - 1]!
        if (keys.has(property)) {
          diagnostics.push(
            at('duplicate-key', offset + shift, `The key "${property}" is repeated in the same object; JSON keeps only the last one.`, 'merge the two entries or rename one'),
          )
        }
        keys.add(property)
      },
    })
  }

  let tree: JsonNode | undefined
  const document: SourceDocument = {
    file,
    text,
    value,
    positionAt: (offset) => lines.positionAt(offset),
    locate(path, target = 'value') {
      tree ??= parseTree(body)
      let node = tree
      let keyOffset = node?.offset ?? 0
      for (const segment of path) {
        const child = node && jsonChild(node, segment)
        if (!child) break
        keyOffset = child.key?.offset ?? child.value.offset
        node = child.value
      }
      const offset = target === 'key' ? keyOffset : (node?.offset ?? 0)
      return lines.positionAt(offset + shift)
    },
  }
  return { document, shape, diagnostics }
}

type JsonMember = { key?: JsonNode; value: JsonNode }
const memberIndex = new WeakMap<JsonNode, Map<string, JsonMember>>()

function jsonChild(node: JsonNode, segment: PathSegment): JsonMember | undefined {
  if (node.type === 'array' && typeof segment === 'number') {
    const value = node.children?.[segment]
    return value ? { value } : undefined
  }
  if (node.type !== 'object' || !node.children) return undefined
  // Indexed once per object, so locating every event of a large catalog stays linear.
  let members = memberIndex.get(node)
  if (!members) {
    members = new Map()
    for (const property of node.children) {
      const [key, value] = property.children ?? []
      // The last of repeated keys wins, as in JSON.parse.
      if (key && value) members.set(String(key.value), { key, value })
    }
    memberIndex.set(node, members)
  }
  return members.get(String(segment))
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"(\s*:)?/g

/** Object keys in JSON text: strings followed by a colon. Outside strings JSON has no quotes, so matches chain. */
function countKeysInText(text: string): number {
  let count = 0
  JSON_STRING.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = JSON_STRING.exec(text)) !== null) if (match[1] !== undefined) count++
  return count
}

type ValueShape = { keys: number; depth: number }

/** Counts object keys and the deepest nesting, without recursion (a hostile file can nest a million levels). */
function measureValue(root: unknown): ValueShape {
  let keys = 0
  let depth = 0
  const values: unknown[] = [root]
  const depths: number[] = [0]
  while (values.length > 0) {
    const value = values.pop()
    const level = depths.pop()!
    if (value === null || typeof value !== 'object') continue
    if (level + 1 > depth) depth = level + 1
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item)
        depths.push(level + 1)
      }
    } else {
      for (const key in value) {
        keys++
        values.push((value as Record<string, unknown>)[key])
        depths.push(level + 1)
      }
    }
  }
  return { keys, depth }
}

function describeJsonError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'an unexpected character',
    InvalidNumberFormat: 'a malformed number',
    PropertyNameExpected: 'a property name (in double quotes) was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing brace } was expected',
    CloseBracketExpected: 'a closing bracket ] was expected',
    EndOfFileExpected: 'the file should end here',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'a comment is not closed',
    UnexpectedEndOfString: 'a string is not closed',
    UnexpectedEndOfNumber: 'a number is cut short',
    InvalidUnicode: 'an invalid \\u escape',
    InvalidEscapeCharacter: 'an invalid escape in a string',
    InvalidCharacter: 'a control character inside a string',
  }
  return words[code] ?? code
}

function parseYaml(text: string, file: string, lines: LineIndex, at: At): Parsed {
  const counter = new LineCounter()
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: counter, strict: true })
  const diagnostics: Diagnostic[] = []
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      diagnostics.push(at('duplicate-key', error.pos[0], 'A key is repeated in the same mapping; only one can be kept.', 'merge the two entries or rename one'))
    } else {
      diagnostics.push(at('invalid-yaml', error.pos[0], `The catalog is not valid YAML: ${firstLine(error.message)}.`))
    }
  }
  if (diagnostics.length > 0) return { diagnostics }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    return { diagnostics: [at('invalid-yaml', 0, `The catalog is not valid YAML: ${firstLine((error as Error).message)}.`)] }
  }
  const document: SourceDocument = {
    file,
    text,
    value,
    positionAt: (offset) => lines.positionAt(offset),
    locate(path, target = 'value') {
      let node: unknown = doc.contents
      let keyOffset = rangeStart(node)
      for (const segment of path) {
        let next: { key?: unknown; value: unknown } | undefined
        if (isMap(node)) {
          const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment))
          if (pair) next = { key: pair.key, value: pair.value }
        } else if (isSeq(node) && typeof segment === 'number') {
          const item = node.items[segment]
          if (item !== undefined) next = { value: item }
        }
        if (!next) break
        keyOffset = rangeStart(next.key ?? next.value)
        node = next.value
      }
      return lines.positionAt(target === 'key' ? keyOffset : rangeStart(node))
    },
  }
  return { document, shape: measureValue(value), diagnostics }
}

function rangeStart(node: unknown): number {
  return (node as YamlNode | undefined)?.range?.[0] ?? 0
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/\.$/, '')
}

/** The offset where bracket nesting first exceeds `limit`, ignoring brackets inside JSON strings. */
function findExcessiveNesting(text: string, limit: number): number | undefined {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > limit) return i
    } else if (c === 125 || c === 93) depth--
  }
  return undefined
}

/** Offsets → 1-based line and column, built on first use. */
class LineIndex {
  private starts: number[] | undefined
  constructor(private readonly text: string) {}
  positionAt(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text))
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - starts[low]! + 1 }
  }
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 10) starts.push(i + 1)
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1)
  }
  return starts
}
