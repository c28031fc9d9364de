import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkCallSite } from './check-call-site.js'
import { formatDiagnostic } from './diagnostics.js'
import { INVISIBLE_CHARACTERS, visibleText } from './visible-text.js'

const RLO = '\u202E'

describe('visible text (Trojan Source, issue 16 item 21)', () => {
  it('writes direction overrides and zero-width characters as escapes', () => {
    expect(visibleText(`a${RLO}b\u200Bc\u2066d\uFEFF`)).toBe('a\\u202Eb\\u200Bc\\u2066d\\uFEFF')
    expect(visibleText('plain é text')).toBe('plain é text')
  })

  it('leaves no invisible character in any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(visibleText(text).match(INVISIBLE_CHARACTERS)).toBeNull()
      }),
    )
  })

  it('shows them in checker messages and catalog diagnostics', () => {
    const [finding] = checkCallSite(undefined, {
      file: 'a.ts',
      line: 1,
      column: 1,
      callee: 'posthog.capture',
      eventNames: [{ value: `user ${RLO}nimda`, text: `'user ${RLO}nimda'`, line: 1, column: 17 }],
    })
    expect(finding!.message).toContain('user \\u202Enimda')
    expect(finding!.message).not.toContain(RLO)
    // the finding's data stays raw: suggestions and fixes work on the real text
    expect(finding!.data?.name).toBe(`user ${RLO}nimda`)
    const line = formatDiagnostic({
      file: 'c.json',
      line: 2,
      column: 3,
      severity: 'error',
      code: 'invalid-name',
      message: `name "a${RLO}b"`,
      hint: `use "a\u200Bb"`,
    })
    expect(line).toBe('c.json:2:3: error invalid-name name "a\\u202Eb" (use "a\\u200Bb")')
  })
})
