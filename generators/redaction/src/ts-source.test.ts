import fc from 'fast-check'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { type Code, docComment, fixed, identifier, lines, numberLiteral, stringLiteral, template } from './ts-source.js'

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed })
const file = ts.createSourceFile('oracle.ts', '', ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
const printed = (node: ts.Node) => printer.printNode(ts.EmitHint.Unspecified, node, file)

describe('literals are what the TypeScript printer writes', () => {
  it('string literals, for any string (the printer is the oracle)', () => {
    const hostile = [
      '',
      'plain',
      '*/',
      '`${x}`',
      '"quoted"',
      'back\\slash',
      'a\u2028b\u2029c',
      '\u0085',
      '\u00000',
      '\u0000a',
      '\t\v\f\b\r\n',
      '😀',
      '\ud800',
      'é\u007f',
    ]
    for (const text of hostile) expect(stringLiteral(text)).toBe(printed(ts.factory.createStringLiteral(text)))
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\u0000', '0', '"', '\\', '\n', '\u2028', '\u0085', '\u007f'),
            fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          ),
        }),
        (text) => {
          expect(stringLiteral(text)).toBe(printed(ts.factory.createStringLiteral(text)))
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it('string literals hold only printable ASCII, so no catalog text can end them or the line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(stringLiteral(text)).toMatch(/^"[\u0020-\u007e]*"$/)
      }),
    )
  })

  it('string literals write bidirectional overrides and zero-width characters as escapes (Trojan Source, issue 16 item 21)', () => {
    for (const char of ['\u202E', '\u202A', '\u2066', '\u2069', '\u200B', '\u200F', '\uFEFF']) {
      const literal = stringLiteral(`user${char}id`)
      expect(literal).toBe(`"user\\u${char.charCodeAt(0).toString(16).toUpperCase()}id"`)
      expect(literal).not.toContain(char)
    }
  })

  it('number literals, negatives and non-finite numbers included', () => {
    const oracle = (value: number) => {
      if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity'
      const literal = ts.factory.createNumericLiteral(Math.abs(value))
      return printed(value < 0 || Object.is(value, -0) ? ts.factory.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, literal) : literal)
    }
    for (const value of [0, -0, 1e21, -1e-7, 0.1, NaN, Infinity, -Infinity]) expect(numberLiteral(value)).toBe(oracle(value))
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(numberLiteral(value)).toBe(oracle(value))
      }),
    )
  })

  it('identifiers are checked, not escaped: a bad one is a bug in the generator', () => {
    expect(identifier('$redact_a1')).toBe('$redact_a1')
    expect(() => identifier('a-b')).toThrow(/not an identifier/)
    expect(() => identifier('x; pwned()')).toThrow(/not an identifier/)
  })
})

describe('doc comments', () => {
  it('cannot be closed by catalog text, and put each line terminator on its own comment line', () => {
    expect(docComment(['one */ two'])).toBe('/** one *\\/ two */')
    expect(docComment(['a\u2028b', '', 'c\r\nd'])).toBe('/**\n * a\n * b\n *\n * c\n * d\n */')
    expect(docComment(['', ''])).toBe('')
  })
})

describe('templates', () => {
  const block = template((h, ts) =>
    ts.factory.createFunctionDeclaration(undefined, undefined, h.hole(0), undefined, [], undefined, ts.factory.createBlock([h.lines(1)], true)),
  )
  const ifThen = template((h, ts) => ts.factory.createIfStatement(h.hole(0), h.lines(1)))

  it('fill holes, indenting every line of a multi-line value as the printer would', () => {
    const inner = ifThen.fill(fixed('ready'), fixed('go();'))
    expect(block.fill(fixed('f'), lines([fixed('a();'), inner]))).toBe('function f() {\n    a();\n    if (ready)\n        go();\n}')
  })

  it('drop the line of a statement hole filled with nothing', () => {
    expect(block.fill(fixed('f'), '' as Code)).toBe('function f() {\n}')
  })

  it('take exactly as many values as they have holes', () => {
    expect(() => block.fill(fixed('f'))).toThrow(/takes 2 values/)
  })

  it('refuse a statement hole that does not stand on its own line', () => {
    const inline = template((h, ts) => ts.factory.createArrayLiteralExpression([ts.factory.createIdentifier('a'), h.lines(0).expression], false))
    expect(() => inline.fill(fixed('b'))).toThrow(/not where it can be filled/)
  })
})

describe('comments from catalog text', () => {
  it('escapes bidirectional overrides and invisible characters as \\uXXXX (Trojan Source)', () => {
    const hostile = 'a\u202Eb\u2066c\u200Bd\uFEFFe\u200Ff'
    const comment = docComment([hostile])
    expect(comment).toBe('/** a\\u202Eb\\u2066c\\u200Bd\\uFEFFe\\u200Ff */')
    expect(comment).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/)
    expect(docComment(['plain é'])).toBe('/** plain é */')
  })
})
