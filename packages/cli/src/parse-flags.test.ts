import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { UsageError } from './io.js'
import { parseFlags } from './parse-flags.js'

const OPTIONS = { format: { type: 'string', default: 'pretty' }, check: { type: 'boolean', default: false }, 'fail-on': { type: 'string' } } as const

describe('parseFlags', () => {
  it('parses known flags as parseArgs does', () => {
    expect(parseFlags(['a.json', '--format', 'json', '--check'], OPTIONS)).toMatchObject({ values: { format: 'json', check: true }, positionals: ['a.json'] })
  })

  it.each([
    [['--formt', 'json'], 'unknown option --formt. Did you mean --format? Options: --format, --check, --fail-on, --help.'],
    [['--failon', 'x'], 'unknown option --failon. Did you mean --fail-on? Options: --format, --check, --fail-on, --help.'],
    [['-x'], 'unknown option -x. Options: --format, --check, --fail-on, --help.'],
    [['--format'], '--format needs a value: --format <format>.'],
    [['--check=yes'], '--check takes no value; pass it alone to turn it on.'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseFlags(argv, OPTIONS)).toThrow(new UsageError(message))
  })

  it('on any argv, returns or throws a usage mistake, never another error', () => {
    const token = fc.oneof(fc.constantFrom('--format', '--check', '--fail-on', '-h', '--', '-', '--check=1', '--format=x', '-fc'), fc.string({ maxLength: 8 }))
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (argv) => {
        try {
          parseFlags(argv, OPTIONS)
        } catch (error) {
          // parseArgs' own mistakes (an ambiguous "--format --check") keep their ERR_PARSE_ARGS code; main() words them
          const code = (error as { code?: string }).code
          expect(error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })
})
