import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Project, ts } from 'ts-morph'
import { afterAll, describe, expect, it } from 'vitest'
import { introducedErrors, regionCheckable, TypeCheck } from './type-check.js'

const dir = mkdtempSync(join(tmpdir(), 'herald-type-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BEFORE = `declare function capture(event: string, properties: object): void
declare function emit(properties: { count: number }): void
const broken: number = 'already wrong'
export function send(): void {
  capture('thing.done', { count: 'two' })
}
`
const CALL = "capture('thing.done', { count: 'two' })"
const AFTER = BEFORE.replace(CALL, "emit({ count: 'two' })")

function setUp() {
  const path = join(dir, 'a.ts')
  writeFileSync(path, BEFORE)
  const project = new Project({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts'] },
    skipAddingFilesFromTsConfig: true,
  })
  project.addSourceFileAtPath(path)
  return { path, check: new TypeCheck(project) }
}
const codes = (list: readonly ts.Diagnostic[]) => list.map((d) => d.code).sort()

describe('TypeCheck', () => {
  it("checks the edited text in a program of its own and leaves the file's own text as it was", () => {
    const { path, check } = setUp()
    expect(codes(check.errorsBefore(path))).toEqual([2322])
    check.set(path, AFTER)
    expect(codes(check.errors(path))).toEqual([2322, 2322])
    expect(codes(check.errorsBefore(path))).toEqual([2322])
    check.set(path, undefined)
    expect(codes(check.errors(path))).toEqual([2322])
  })

  it("by region reads only the calls' statements (and imports), and finds the same new error as the whole file", () => {
    const { path, check } = setUp()
    const before = check.errorsBefore(path, [BEFORE.indexOf(CALL)])
    expect(before).toEqual([])
    check.set(path, AFTER)
    const after = check.errors(path, [AFTER.indexOf('emit({')])
    expect(codes(after)).toEqual([2322])
    const byRegion = introducedErrors(before, after, AFTER)
    const whole = introducedErrors(check.errorsBefore(path), check.errors(path), AFTER)
    expect(byRegion.map((e) => [e.start, e.message])).toEqual(whole.map((e) => [e.start, e.message]))
    expect(byRegion[0]!.start).toBeGreaterThan(AFTER.indexOf('emit({'))
  })

  it('is not used where a compiler option is about the whole file', () => {
    expect(regionCheckable({ strict: true })).toBe(true)
    expect(regionCheckable({ noUnusedLocals: true })).toBe(false)
    expect(regionCheckable({ noUnusedParameters: true })).toBe(false)
    expect(regionCheckable({ declaration: true })).toBe(false)
  })
})
