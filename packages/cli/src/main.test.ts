/** A missing `typescript` peer is a sentence with the fix, not an internal error (the errors are Node's own). */
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { missingPeerMessage } from './main.js'

/** What Node's `require` throws for `specifier` from a folder where nothing is installed (as the audit loads TypeScript). */
function notFound(specifier: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'herald-no-peer-'))
  try {
    createRequire(join(dir, 'x.js'))(specifier)
  } catch (error) {
    return error
  }
  throw new Error(`${specifier} was found from ${dir}`)
}

describe('missingPeerMessage', () => {
  it('names typescript and how to install it', () => {
    expect(missingPeerMessage(notFound('typescript'))).toBe(
      'needs the typescript package, a peer dependency of @herald/cli, and it is not installed here. Install it: npm i -D typescript',
    )
  })

  it('says nothing of another missing module, or another error', () => {
    expect(missingPeerMessage(notFound('left-pad-not-here'))).toBeUndefined()
    expect(missingPeerMessage(new TypeError('x is not a function'))).toBeUndefined()
  })
})
