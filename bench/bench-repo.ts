/** The synthetic repo the lint and audit rows share, written once a run under bench/.out. */
import { join } from 'node:path'
import type { BenchContext } from './bench-context.js'
import { type ExpectedDocument, makeRepo, writeRepo } from './make-repo.js'

const written = new Map<number, { dir: string; expected: ExpectedDocument }>()

export function benchRepo(ctx: BenchContext, files: number): { dir: string; expected: ExpectedDocument } {
  let repo = written.get(files)
  if (!repo) {
    const dir = join(ctx.out, `repo-${files}`)
    const made = makeRepo(files, 1)
    writeRepo(made, dir)
    repo = { dir, expected: made.expected }
    written.set(files, repo)
  }
  return repo
}
