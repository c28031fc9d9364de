/**
 * Parse phase: catalog text → plain value, plus a locator that maps a path in the value back to a
 * line and column. JSON is parsed natively (fast) and scanned once with jsonc-parser for repeated keys;
 * the position tree is built only when a diagnostic needs a location.
 */
import { createRequire } from 'node:module'
import type * as JsoncParser from 'jsonc-parser'
import type { ParseError } from 'jsonc-parser'
import type * as YamlLibrary from 'yaml'
import type { CST, Document as YamlDocument, Node as YamlNode, YAMLError } from 'yaml'
import type { Diagnostic } from './diagnostics.js'
import { JsonLocator } from './json-locator.js'
import type { TextVerdicts } from './verdict-cache.js'

// Loaded on first use: a valid JSON catalog needs neither (yaml alone costs ~40 ms to import), and ESLint pays
// this start-up on every run.
const require = createRequire(import.meta.url)
let jsoncModule: typeof JsoncParser | undefined
let yamlModule: typeof YamlLibrary | undefined
const jsonc = () => (jsoncModule ??= require('jsonc-parser') as typeof JsoncParser)
const yaml = () => (yamlModule ??= require('yaml') as typeof YamlLibrary)

export type PathSegment = string | number
/** `file` is set where a merged catalog's part comes from another file than the one loaded (a base). */
export type Position = { line: number; column: number; file?: string }

export interface SourceDocument {
  file: string
  text: string
  value: unknown
  /** The position of the value at `path`, or of its key when `at` is `key`; the nearest existing ancestor if absent. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Position
  positionAt(offset: number): Position
}

export const MAX_CATALOG_BYTES = 64 * 1024 * 1024
export const TOO_LARGE_HINT = 'split it, or remove generated content'

export function tooLargeMessage(bytes: number): string {
  return `The catalog is ${(bytes / 1048576).toFixed(1)} MiB; Herald reads catalogs up to ${MAX_CATALOG_BYTES / 1048576} MiB.`
}
export const MAX_NESTING_DEPTH = 64

/** `verdicts`: what is known about this text (verdict-cache.ts): a JSON text known to repeat no key is not scanned for repeats. */
export function parseSource(text: string, file: string, verdicts?: TextVerdicts): { document?: SourceDocument; diagnostics: Diagnostic[] } {
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
      diagnostics: [at('file-too-large', 0, tooLargeMessage(text.length), TOO_LARGE_HINT)],
    }
  }
  const parsed = isYamlFile(file) ? parseYaml(text, file, lines, at) : parseJson(text, file, lines, at, verdicts)
  if (parsed.document && parsed.shape!.depth > MAX_NESTING_DEPTH) {
    // Rare: only now pay for a scan that finds where the nesting goes too deep.
    return { diagnostics: [at('nesting-too-deep', findExcessiveNesting(text, MAX_NESTING_DEPTH) ?? 0, NESTING_MESSAGE, NESTING_HINT)] }
  }
  return { ...(parsed.document ? { document: parsed.document } : {}), diagnostics: parsed.diagnostics }
}

type Parsed = { document?: SourceDocument; shape?: ValueShape; diagnostics: Diagnostic[] }

const NESTING_MESSAGE = `The catalog nests objects or arrays more than ${MAX_NESTING_DEPTH} levels deep.`
const NESTING_HINT = 'property schemas this deep are not supported'

export function isYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file)
}

type At = (code: Diagnostic['code'], offset: number, message: string, hint?: string) => Diagnostic

function parseJson(text: string, file: string, lines: LineIndex, at: At, verdicts?: TextVerdicts): Parsed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const shift = text.length - body.length
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    const { offset, message, hint } = explainJsonSyntaxError(body, error as Error)
    return { diagnostics: [at('invalid-json', offset + shift, message, hint)] }
  }

  const diagnostics: Diagnostic[] = []
  const shape = measureValue(value)
  // Repeated keys vanish in JSON.parse, so the parsed value then has fewer keys than the text. Counting both
  // is several times cheaper than a tokenizing pass; only when they differ does jsonc-parser find the repeats.
  const unique = shape.depth > MAX_NESTING_DEPTH || verdicts?.has('unique-keys') === true || countKeysInText(body) === shape.keys
  if (unique && shape.depth <= MAX_NESTING_DEPTH) verdicts?.add('unique-keys')
  if (!unique) {
    const seen: Array<Set<string>> = []
    jsonc().visit(body, {
      onObjectBegin: () => void seen.push(new Set()),
      onObjectEnd: () => void seen.pop(),
      onObjectProperty: (property, offset) => {
        const keys = seen[seen.length - 1]!
        if (keys.has(property)) {
          diagnostics.push(
            at(
              'duplicate-key',
              offset + shift,
              `The key "${property}" is repeated in the same object; JSON keeps only the last one.`,
              'merge the two entries or rename one',
            ),
          )
        }
        keys.add(property)
      },
    })
  }

  let locator: JsonLocator | undefined
  const document: SourceDocument = {
    file,
    text,
    value,
    positionAt: (offset) => lines.positionAt(offset),
    locate(path, target = 'value') {
      locator ??= new JsonLocator(body)
      let offset = locator.root()
      let keyOffset = offset
      for (const segment of path) {
        const child = locator.child(offset, segment)
        if (!child) break
        keyOffset = child.key ?? child.value
        offset = child.value
      }
      return lines.positionAt((target === 'key' ? keyOffset : offset) + shift)
    },
  }
  return { document, shape, diagnostics }
}

// The loop unrolled (runs of plain characters between escapes): a third faster than one alternation per character.
const JSON_STRING = /"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?/g

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

/** The first syntax error in JSON text, in words, with a hint for the mistakes people make most. */
function explainJsonSyntaxError(body: string, error: Error): { offset: number; message: string; hint?: string } {
  const invalid = (offset: number, what: string, hint?: string) => ({ offset, message: `The catalog is not valid JSON: ${what}.`, ...(hint ? { hint } : {}) })
  if (body.trim() === '') {
    return { offset: 0, message: 'The catalog file is empty.', hint: 'a catalog is a JSON object with at least an events map: { "events": {} }' }
  }
  const errors: ParseError[] = []
  jsonc().parseTree(body, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false })
  const first = errors[0]
  if (!first) {
    // jsonc-parser accepted what JSON.parse refused; V8 names the position in its message.
    const position = /at position (\d+)/.exec(error.message)
    return invalid(position ? Number(position[1]) : 0, firstLine(error.message))
  }
  const code = jsonc().printParseErrorCode(first.error)
  const offset = first.offset
  const char = body[offset]
  const before = previousNonSpace(body, offset)
  const word = /^[A-Za-z_$][\w$-]*/.exec(body.slice(offset, offset + 100))?.[0]

  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && body[before] === ',' && (char === '}' || char === ']')) {
    return invalid(before, `a trailing comma before ${char}`, 'remove the comma: JSON allows none after the last item')
  }
  if (char === "'") return invalid(offset, 'strings and property names take double quotes, not single quotes', 'replace the single quotes with double quotes')
  if (word !== undefined && /^\s*:/.test(body.slice(offset + word.length, offset + word.length + 100))) {
    return invalid(offset, `the property name ${word} is not in double quotes`, `write "${word}"`)
  }
  if (word === 'NaN' || word === 'Infinity' || word === 'undefined')
    return invalid(offset, `${word} is not a JSON value`, 'use a number or null, or leave the field out')
  if (word !== undefined && /^(true|false|null)$/i.test(word))
    return invalid(offset, `${word} is not a JSON value`, `JSON writes ${word.toLowerCase()} in lower case`)
  if (code === 'InvalidCommentToken')
    return invalid(offset, 'comments are not allowed in JSON', 'remove the comment, or write the catalog in YAML, which allows # comments')
  if (code === 'CommaExpected' && /[0-9]/.test(char ?? '') && body[offset - 1] === '0' && !/[0-9.eE+-]/.test(body[offset - 2] ?? '')) {
    return invalid(offset - 1, 'a number starts with 0', 'write the number without its leading zero')
  }
  if (code === 'CommaExpected') return invalid(offset, 'a comma is missing before this item', 'add a comma after the item before it')
  if ((code === 'CloseBraceExpected' || code === 'CloseBracketExpected') && body.slice(offset).trim() === '') {
    return invalid(offset, 'the file ends before every object and list is closed', 'add the missing } or ] (was the file cut short?)')
  }
  if (code === 'UnexpectedEndOfString') return invalid(offset, 'a string that starts here is never closed', 'add the closing double quote')
  if (code === 'EndOfFileExpected')
    return invalid(offset, 'more text follows the catalog object', 'a catalog file holds one JSON object; merge or remove the rest')
  return invalid(offset, JSON_ERROR_WORDS[code] ?? code)
}

const JSON_ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name (in double quotes) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CloseBraceExpected: 'a closing brace } was expected',
  CloseBracketExpected: 'a closing bracket ] was expected',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape in a string',
  InvalidCharacter: 'a control character inside a string',
}

function previousNonSpace(text: string, offset: number): number {
  let i = offset - 1
  while (i >= 0 && /\s/.test(text[i]!)) i--
  return i
}

function parseYaml(text: string, file: string, lines: LineIndex, at: At): Parsed {
  // Lexing is iterative, so the token tree can be measured before composing it, which recurses once per level.
  const tokens = Array.from(new (yaml().Parser)().parse(text))
  const deep = findDeepYamlCollection(tokens, MAX_NESTING_DEPTH)
  if (deep !== undefined) return { diagnostics: [at('nesting-too-deep', deep, NESTING_MESSAGE, NESTING_HINT)] }
  const docs = Array.from(new (yaml().Composer)({ uniqueKeys: true, strict: true, prettyErrors: false }).compose(tokens, true, text.length))
  if (docs.length > 1) {
    const second = tokens.filter((token) => token.type === 'document')[1] as CST.Document | undefined
    const offset = second?.start.find((token) => token.type === 'doc-start')?.offset ?? second?.offset ?? 0
    return {
      diagnostics: [
        at(
          'invalid-yaml',
          offset,
          'The catalog is not valid YAML for Herald: the file holds more than one document (a --- line starts another).',
          'keep one catalog per file',
        ),
      ],
    }
  }
  const doc = docs[0]!
  const diagnostics: Diagnostic[] = []
  let syntaxError: YAMLError | undefined
  for (const error of doc.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      const key = yamlScalarSourceAt(tokens, error.pos[0])
      diagnostics.push(
        at(
          'duplicate-key',
          error.pos[0],
          `The key ${key ?? ''}${key ? ' ' : ''}is repeated in the same mapping; YAML keeps only one.`,
          'merge the two entries or rename one',
        ),
      )
    } else syntaxError ??= error
  }
  if (syntaxError) diagnostics.push(explainYamlSyntaxError(syntaxError, tokens, text, at))
  if (diagnostics.length > 0) return { diagnostics }

  if (doc.contents === null || (yaml().isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)) {
    return { diagnostics: [at('missing-field', 0, 'The catalog file is empty; it needs at least an `events` map.', 'start from: events: {}')] }
  }
  const unresolved = findUnresolvedAlias(doc)
  if (unresolved) {
    return {
      diagnostics: [
        at(
          'invalid-yaml',
          unresolved.offset,
          `The catalog is not valid YAML: the alias *${unresolved.name} names no anchor defined before it.`,
          `define &${unresolved.name} on a value above, or write the value out`,
        ),
      ],
    }
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    return {
      diagnostics: [
        at('invalid-yaml', 0, `The catalog is not valid YAML: ${firstLine((error as Error).message)}.`, 'write the values out instead of nesting aliases'),
      ],
    }
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
        if (yaml().isMap(node)) {
          const pair = node.items.find((item) => yaml().isScalar(item.key) && String(item.key.value) === String(segment))
          if (pair) next = { key: pair.key, value: pair.value }
        } else if (yaml().isSeq(node) && typeof segment === 'number') {
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

type CstVisitor = (token: CST.Token, depth: number) => boolean | void

/** Visits the CST without recursion, depth = collections around the token; stops when `visit` returns true. */
function walkCst(tokens: readonly CST.Token[], visit: CstVisitor): void {
  const stack: Array<[CST.Token, number]> = tokens.map((token) => [token, 0])
  stack.reverse()
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!
    if (visit(token, depth) === true) return
    const children: Array<CST.Token | undefined> = []
    if (token.type === 'document') children.push(token.value)
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) children.push('key' in item ? (item.key ?? undefined) : undefined, item.value)
    }
    const inner = isCollectionToken(token) ? depth + 1 : depth
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (child) stack.push([child, inner])
    }
  }
}

function isCollectionToken(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection'
}

/** The offset of the first collection nested deeper than `limit`. */
function findDeepYamlCollection(tokens: readonly CST.Token[], limit: number): number | undefined {
  let found: number | undefined
  walkCst(tokens, (token, depth) => {
    if (isCollectionToken(token) && depth + 1 > limit) {
      found = token.offset
      return true
    }
  })
  return found
}

function yamlScalarSourceAt(tokens: readonly CST.Token[], offset: number): string | undefined {
  let source: string | undefined
  walkCst(tokens, (token) => {
    if (token.offset === offset && (token.type === 'scalar' || token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar')) {
      source = token.type === 'scalar' ? JSON.stringify(token.source) : token.source
      return true
    }
  })
  return source
}

/** Most YAML errors are reported where the parser gave up; point at their cause instead where it is known. */
function explainYamlSyntaxError(error: YAMLError, tokens: readonly CST.Token[], text: string, at: At): Diagnostic {
  let unclosedQuote: CST.FlowScalar | undefined
  let unclosedFlow: CST.FlowCollection | undefined
  walkCst(tokens, (token) => {
    if (token.type === 'double-quoted-scalar' && !/^"(?:[^"\\]|\\.)*"$/s.test(token.source)) unclosedQuote ??= token
    if (token.type === 'single-quoted-scalar' && !/^'(?:[^']|'')*'$/s.test(token.source)) unclosedQuote ??= token
    if (token.type === 'flow-collection') {
      const close = token.start.source === '[' ? ']' : '}'
      // The innermost unclosed one is the likeliest to miss its bracket.
      if (!token.end.some((end) => end.source === close)) unclosedFlow = token
    }
  })
  if (unclosedQuote) {
    return at(
      'invalid-yaml',
      unclosedQuote.offset,
      'The catalog is not valid YAML: a quoted string that starts here is never closed.',
      `add the closing ${unclosedQuote.source[0]}`,
    )
  }
  if (unclosedFlow) {
    const open = unclosedFlow.start.source
    return at(
      'invalid-yaml',
      unclosedFlow.start.offset,
      `The catalog is not valid YAML: the ${open} opened here is never closed.`,
      `add the matching ${open === '[' ? ']' : '}'}`,
    )
  }
  // Indentation errors point at the start of the line; the item that is out of line is more useful.
  let offset = error.pos[0]
  while (text[offset] === ' ') offset++
  const hint = YAML_ERROR_HINTS[error.code]
  return at('invalid-yaml', offset, `The catalog is not valid YAML: ${firstLine(error.message)}.`, hint)
}

const YAML_ERROR_HINTS: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'indent with spaces',
  BAD_INDENT: 'line it up with the other keys of its mapping',
  MISSING_CHAR: 'add the missing character',
}

function findUnresolvedAlias(doc: YamlDocument): { name: string; offset: number } | undefined {
  let found: { name: string; offset: number } | undefined
  yaml().visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        found = { name: alias.source, offset: alias.range?.[0] ?? 0 }
        return yaml().visit.BREAK
      }
    },
  })
  return found
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
  private readonly bom: boolean
  constructor(private readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff
  }
  positionAt(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text))
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    // A byte-order mark takes no column: editors and ESLint count from the character after it.
    const bom = low === 0 && this.bom && offset > 0 ? 1 : 0
    return { line: low + 1, column: offset - starts[low]! + 1 - bom }
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
