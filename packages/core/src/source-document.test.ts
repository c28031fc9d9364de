import { describe, expect, it } from 'vitest'
import type { Diagnostic } from './diagnostics.js'
import { isYamlFile, MAX_NESTING_DEPTH, parseSource, type PathSegment } from './source-document.js'

/** The line and column of the `occurrence`-th `needle` in `text`, counted as an editor does (BOM excluded). */
function positionOf(text: string, needle: string, occurrence = 0): { line: number; column: number } {
  let offset = -1
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1)
  if (offset < 0) throw new Error(`${needle} not in text`)
  const before = text.slice(0, offset)
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1
  const bom = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0
  return { line: before.split(/\r\n|\r|\n/).length, column: offset - lineStart + 1 - bom }
}

function parse(text: string, file = 'catalog.json') {
  const parsed = parseSource(text, file)
  expect(parsed.diagnostics).toEqual([])
  return parsed.document!
}

const json = `{
  "events": {
    "auth.login": {
      "properties": {
        "method": { "enum": ["password", "passkey"] }
      },
      "required": ["method"]
    }
  }
}
`
const yaml = `events:
  auth.login:
    properties:
      method: { enum: [password, passkey] }
    required:
      - method
`

describe('locate', () => {
  it.each([
    ['JSON', json, 'catalog.json'],
    ['YAML', yaml, 'catalog.yaml'],
  ])('finds keys, values and list items in %s', (_, text, file) => {
    const document = parse(text, file)
    const quoted = (s: string) => (file.endsWith('.json') ? `"${s}"` : s)
    expect(document.locate(['events', 'auth.login'], 'key')).toEqual(positionOf(text, quoted('auth.login')))
    expect(document.locate(['events', 'auth.login', 'properties', 'method'], 'key')).toEqual(positionOf(text, quoted('method')))
    expect(document.locate(['events', 'auth.login', 'properties', 'method', 'enum', 1])).toEqual(positionOf(text, quoted('passkey')))
    expect(document.locate(['events', 'auth.login', 'required', 0])).toEqual(positionOf(text, quoted('method'), 1))
  })

  it.each([
    ['JSON', json, 'catalog.json'],
    ['YAML', yaml, 'catalog.yaml'],
  ])('falls back to the nearest existing ancestor in %s', (_, text, file) => {
    const document = parse(text, file)
    const missing: PathSegment[] = ['events', 'auth.login', 'properties', 'nope', 'type']
    expect(document.locate(missing)).toEqual(document.locate(['events', 'auth.login', 'properties']))
  })

  it('locates the last of repeated JSON keys, the one JSON.parse keeps', () => {
    const text = '{ "events": {}, "title": "a", "title": "b" }'
    const { document } = parseSource(text, 'c.json')
    expect(document!.locate(['title'])).toEqual(positionOf(text, '"b"'))
  })
})

describe('positions', () => {
  it('counts columns after a byte-order mark as editors do, in JSON and YAML', () => {
    const jsonText = '\ufeff{"events": {"x": 1}}'
    expect(parse(jsonText).locate(['events', 'x'], 'key')).toEqual({ line: 1, column: 13 })
    expect(positionOf(jsonText, '"x"')).toEqual({ line: 1, column: 13 })
    const yamlText = '\ufeffevents: {x: 1}\n'
    expect(parse(yamlText, 'c.yaml').locate(['events', 'x'], 'key')).toEqual({ line: 1, column: 10 })
  })

  it('counts lines with CRLF, LF and lone CR alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['{', '  "events": {', '    "auth.login": {}', '  }', '}'].join(eol)
      expect(parse(text).locate(['events', 'auth.login'], 'key'), JSON.stringify(eol)).toEqual({ line: 3, column: 5 })
    }
  })

  it('counts columns in UTF-16 code units, as ESLint does', () => {
    const text = '{ "title": "😀 naïve", "events": {} }'
    expect(parse(text).locate(['events'], 'key')).toEqual({ line: 1, column: text.indexOf('"events"') + 1 })
  })

  it('maps offsets past the last newline to the last line', () => {
    const document = parse('{ "events": {} }\n')
    expect(document.positionAt(17)).toEqual({ line: 2, column: 1 })
  })
})

describe('repeated keys', () => {
  it('finds a repeat in JSON at any depth, and only a real one', () => {
    const text = `{
  "title": "a \\"key\\": in a string, and \\"title\\": again",
  "events": {
    "a.b": { "properties": { "x": {}, "y": {}, "x": {} } }
  }
}`
    const parsed = parseSource(text, 'c.json')
    expect(parsed.diagnostics.map(({ code, line, column }) => ({ code, line, column }))).toEqual([{ code: 'duplicate-key', ...positionOf(text, '"x"', 1) }])
  })

  it('does not mistake keys inside strings for keys', () => {
    const text = '{ "title": "\\"events\\": {}", "description": "\\"title\\": 1", "events": {} }'
    expect(parseSource(text, 'c.json').diagnostics).toEqual([])
  })

  it('names the repeated YAML key, quoted or not', () => {
    const text = 'events:\n  "a.b": {}\n  a.b: {}\n'
    const parsed = parseSource(text, 'c.yaml')
    expect(parsed.diagnostics).toMatchObject([{ code: 'duplicate-key', line: 3, column: 3, message: expect.stringContaining('"a.b"') }])
  })
})

describe('syntax errors', () => {
  function expectOneSyntaxError(parsed: ReturnType<typeof parseSource>, expected: Pick<Diagnostic, 'code' | 'line' | 'column'>, words: string): void {
    expect(parsed.document).toBeUndefined()
    expect(parsed.diagnostics).toHaveLength(1)
    expect(parsed.diagnostics[0]).toMatchObject(expected)
    expect(parsed.diagnostics[0]!.message).toContain(words)
    expect(parsed.diagnostics[0]!.message).toMatch(/\.$/)
  }

  it.each([
    ['an empty file', '', 1, 1, 'empty'],
    ['only whitespace', ' \n\t\n', 1, 1, 'empty'],
    ['a trailing comma', '{ "events": {}, }', 1, 15, 'trailing comma'],
    ['a trailing comma in a list', '{ "privacy": { "forbiddenKeys": ["a",] }, "events": {} }', 1, 37, 'trailing comma'],
    ['single quotes', "{ 'events': {} }", 1, 3, 'double quotes'],
    ['an unquoted key', '{ events: {} }', 1, 3, 'events is not in double quotes'],
    ['Python literals', '{ "events": {}, "x": True }', 1, 22, 'True is not a JSON value'],
    ['a line comment', '{\n  // note\n  "events": {}\n}', 2, 3, 'comments'],
    ['a block comment', '{ /* note */ "events": {} }', 1, 3, 'comments'],
    ['a leading zero', '{ "events": {}, "n": 007 }', 1, 22, 'starts with 0'],
    ['a missing comma', '{ "title": "t" "events": {} }', 1, 16, 'comma'],
    ['an unclosed string', '{ "events": {}, "title": "t }', 1, 26, 'never closed'],
    ['a cut-short file', '{ "events": {', 1, 14, 'ends before'],
    ['two values', '{ "events": {} } {}', 1, 18, 'more text'],
  ] as const)('JSON with %s is located and explained', (_, text, line, column, words) => {
    expectOneSyntaxError(parseSource(text, 'c.json'), { code: 'invalid-json', line, column }, words)
  })

  it.each([
    ['a tab as indentation', 'events:\n\ta.b: {}\n', 2, 1, 'Tabs'],
    ['a key out of line', 'events:\n  a.b:\n    kind: span\n   level: info\n', 4, 4, 'same column'],
    ['an unclosed double quote', 'title: "abc\nevents: {}\n', 1, 8, 'never closed'],
    ['an unclosed single quote', "title: 'abc\nevents: {}\n", 1, 8, 'never closed'],
    ['an unclosed [', 'events:\n  a.b:\n    properties:\n      m: { enum: [x, y }\n', 4, 18, 'never closed'],
    ['an unclosed {', 'events: { a.b: {}\n', 1, 9, 'never closed'],
    ['an alias to no anchor', 'events:\n  a.b: *base\n', 2, 8, '*base'],
    ['two documents', 'events: {}\n---\nevents: {}\n', 2, 1, 'more than one document'],
  ] as const)('YAML with %s is located and explained', (_, text, line, column, words) => {
    expectOneSyntaxError(parseSource(text, 'c.yaml'), { code: 'invalid-yaml', line, column }, words)
  })

  it('reports an empty or comment-only YAML file as empty, not as a type error', () => {
    for (const text of ['', '# nothing yet\n', '\n\n']) {
      expect(parseSource(text, 'c.yaml').diagnostics).toMatchObject([{ code: 'missing-field', line: 1, column: 1, message: expect.stringContaining('empty') }])
    }
  })

  it('stops a YAML alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
      'events: {}',
    ].join('\n')
    expect(parseSource(bomb, 'c.yaml').diagnostics).toMatchObject([{ code: 'invalid-yaml', message: expect.stringContaining('alias') }])
  })
})

describe('nesting', () => {
  const deepJson = (depth: number) => `{ "events": ${'['.repeat(depth)}${']'.repeat(depth)} }`

  it('accepts nesting up to the limit', () => {
    // The root object is one level; the arrays add the rest.
    expect(parseSource(deepJson(MAX_NESTING_DEPTH - 1), 'c.json').diagnostics).toEqual([])
  })

  it('reports the first bracket past the limit', () => {
    const text = deepJson(MAX_NESTING_DEPTH)
    expect(parseSource(text, 'c.json').diagnostics).toMatchObject([{ code: 'nesting-too-deep', line: 1, column: text.indexOf('[') + MAX_NESTING_DEPTH }])
  })

  it('reports hundreds of thousands of levels without a stack overflow', () => {
    expect(parseSource(deepJson(500_000), 'c.json').diagnostics).toMatchObject([{ code: 'nesting-too-deep' }])
    expect(parseSource(`events: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, 'c.yaml').diagnostics).toMatchObject([{ code: 'nesting-too-deep' }])
  })

  it('counts YAML block nesting, and not brackets inside strings or comments', () => {
    let block = 'events:\n'
    for (let i = 0; i < MAX_NESTING_DEPTH; i++) block += `${' '.repeat(2 + 2 * i)}k:\n`
    block += `${' '.repeat(2 + 2 * MAX_NESTING_DEPTH)}v: 1\n`
    expect(parseSource(block, 'c.yaml').diagnostics).toMatchObject([{ code: 'nesting-too-deep', line: MAX_NESTING_DEPTH + 1 }])
    const brackets = `title: '${'['.repeat(100)}' # ${'{'.repeat(100)}\nevents: {}\n`
    expect(parseSource(brackets, 'c.yaml').diagnostics).toEqual([])
  })
})

describe('isYamlFile', () => {
  it('chooses YAML by extension, in any case', () => {
    expect(isYamlFile('a.yaml')).toBe(true)
    expect(isYamlFile('a.YML')).toBe(true)
    expect(isYamlFile('a.json')).toBe(false)
    expect(isYamlFile('yaml.json')).toBe(false)
  })
})
