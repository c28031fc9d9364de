/**
 * Every test run gets its own temporary directory, removed when the run ends: tests (and the CLIs they spawn)
 * create scratch repos and catalogs with `mkdtempSync(join(tmpdir(), …))`, and `tmpdir()` reads TMPDIR.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'herald-test-run-'))
  const previous = process.env.TMPDIR
  process.env.TMPDIR = dir
  return () => {
    if (previous === undefined) delete process.env.TMPDIR
    else process.env.TMPDIR = previous
    rmSync(dir, { recursive: true, force: true })
  }
}
