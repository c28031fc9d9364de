import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type CallSite,
  type Catalog,
  checkCallSite,
  findMatcher,
  type Matcher,
  parseCatalog,
  type PropertyKeyRef,
  type PropertyValueKind,
  resolveMatchers,
} from '@herald/core'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compareFindings, type ExpectedDocument, makeRepo, type SyntheticRepo, writeRepo } from './make-repo.js'
import type { ExpectedFinding } from './repo-captures.js'
import { REPO_SETTINGS } from './repo-support-files.js'

const serialize = (repo: SyntheticRepo) => JSON.stringify(repo)

describe('makeRepo', () => {
  let repo: SyntheticRepo
  let catalog: Catalog
  beforeAll(() => {
    repo = makeRepo(500, 11)
    const loaded = parseCatalog(JSON.stringify(repo.catalog), 'events.catalog.json')
    expect(loaded.diagnostics).toEqual([])
    catalog = loaded.catalog!
  })

  it('gives the same bytes for the same seed and different bytes for another seed', () => {
    expect(serialize(makeRepo(60, 3))).toBe(serialize(makeRepo(60, 3)))
    expect(serialize(makeRepo(60, 3))).not.toBe(serialize(makeRepo(60, 4)))
  })

  it("passes every required property of the event in each call without a planted violation (migrate's emitters need them)", () => {
    const text = new Map(repo.files.map((f) => [f.path, f.text.split('\n')]))
    // A span's phases are left to be written as a span by hand, whatever they pass.
    const clean = repo.expected.captureSites.filter((site) => site.violation === undefined && site.leftByDesign !== 'span-phase')
    expect(clean.length).toBeGreaterThan(50)
    for (const site of clean) {
      const wire = catalog.wireEventsByName.get(site.event)!
      // The call's object ends at the first line that closes it, at most a dozen lines down.
      const call = text
        .get(site.file)!
        .slice(site.line - 1, site.line + 12)
        .join('\n')
      for (const key of wire.required) expect(call, `${site.file}:${site.line} ${site.event}`).toMatch(new RegExp(`\\b${key}:`))
    }
  })

  it('has N files of about 100 lines and about one capture call in five files', () => {
    expect(repo.files).toHaveLength(500)
    const features = repo.files.filter((f) => f.path.startsWith('src/features/'))
    const lines = features.map((f) => f.text.split('\n').length)
    const mean = lines.reduce((a, b) => a + b, 0) / lines.length
    expect(mean).toBeGreaterThan(90)
    expect(mean).toBeLessThan(115)
    const sites = repo.expected.captureSites
    expect(sites.length / repo.files.length).toBeGreaterThan(0.15)
    expect(sites.length / repo.files.length).toBeLessThan(0.25)
    expect(new Set(sites.map((s) => s.form))).toEqual(new Set(['posthog', 'posthog-optional', 'hook', 'object']))
    expect(new Set(sites.map((s) => s.nameSource))).toEqual(new Set(['literal', 'local-const', 'imported-member', 'imported-const']))
    expect(new Set(sites.flatMap((s) => (s.violation ? [s.violation] : [])))).toEqual(
      new Set(['undeclared-name', 'spaced-name', 'forbidden-key', 'pii-distinct-id']),
    )
  })

  it('records exactly what checkCallSite reports for every capture call, and no other matched call', () => {
    const found = referenceFrontEnd(repo, catalog)
    expect(found.calls).toEqual(repo.expected.captureSites.map(({ file, line, column }) => ({ file, line, column })).sort(comparePositions))
    expect(found.findings).toEqual(repo.expected.findings)
    expect(repo.expected.findings.length).toBeGreaterThan(10)
  })

  describe('writeRepo', () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-make-repo-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('writes the files, the catalog, the settings, an ESLint config and the expected findings', () => {
      const small = makeRepo(40, 2)
      writeRepo(small, join(dir, 'repo'))
      const expected = JSON.parse(readFileSync(join(dir, 'repo', 'expected-findings.json'), 'utf8')) as ExpectedDocument
      expect(expected).toEqual(small.expected)
      expect(JSON.parse(readFileSync(join(dir, 'repo', 'herald.settings.json'), 'utf8'))).toEqual(REPO_SETTINGS)
      expect(parseCatalog(readFileSync(join(dir, 'repo', 'events.catalog.json'), 'utf8')).ok).toBe(true)
      expect(readFileSync(join(dir, 'repo', 'eslint.config.js'), 'utf8')).toContain('"from": "useTracking"')
      for (const file of small.files) expect(readFileSync(join(dir, 'repo', file.path), 'utf8')).toBe(file.text)
    })

    it('replaces an earlier synthetic repo and refuses to overwrite any other directory', () => {
      writeRepo(makeRepo(40, 5), join(dir, 'repo'))
      expect(existsSync(join(dir, 'repo', 'expected-findings.json'))).toBe(true)
      writeFileSync(join(dir, 'notes.txt'), 'mine')
      expect(() => writeRepo(makeRepo(40, 5), dir)).toThrow(/not empty/)
    })
  })
})

interface Located {
  file: string
  line: number
  column: number
}

function comparePositions(a: Located, b: Located): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
}

/**
 * A deliberately small front-end for the shapes make-repo writes: it finds calls with the core matchers,
 * resolves names through the events modules, and hands `CallSite`s to the one checker.
 */
function referenceFrontEnd(repo: SyntheticRepo, catalog: Catalog): { calls: Located[]; findings: ExpectedFinding[] } {
  const matchers = resolveMatchers(REPO_SETTINGS)
  const sources = repo.files.map((f) => ({
    path: f.path,
    source: ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, f.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS),
  }))
  const exported = new Map<string, string>()
  for (const { path, source } of sources) {
    if (!path.startsWith('src/events/')) continue
    for (const [name, value] of constStrings(source)) exported.set(name, value)
  }

  const calls: Located[] = []
  const findings: ExpectedFinding[] = []
  for (const { path, source } of sources) {
    const local = constStrings(source)
    const fromHook = new Map<string, string>()
    const at = (node: ts.Node) => {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source))
      return { line: line + 1, column: character + 1 }
    }
    const resolve = (node: ts.Expression): string | undefined => {
      if (ts.isStringLiteral(node)) return node.text
      if (ts.isIdentifier(node)) return local.get(node.text) ?? exported.get(node.text)
      if (ts.isPropertyAccessExpression(node)) return exported.get(`${node.expression.getText(source)}.${node.name.text}`)
      return undefined
    }
    const keysOf = (object: ts.ObjectLiteralExpression, parents: string[]): PropertyKeyRef[] =>
      object.properties.flatMap((property) => {
        if (!ts.isPropertyAssignment(property)) throw new Error(`unexpected ${ts.SyntaxKind[property.kind]} in ${path}`)
        const key = ts.isStringLiteral(property.name) ? property.name.text : property.name.getText(source)
        const value = property.initializer
        const own: PropertyKeyRef = { key, parents, valueKind: kindOf(value), ...at(property.name) }
        return [own, ...(ts.isObjectLiteralExpression(value) ? keysOf(value, [...parents, key]) : [])]
      })

    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(node.initializer) && ts.isIdentifier(node.name)) {
        fromHook.set(node.name.text, node.initializer.expression.getText(source))
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression
        const object = ts.isPropertyAccessExpression(callee) ? callee.expression.getText(source) : undefined
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText(source)
        const matcher = findMatcher(matchers, {
          callee: name,
          ...(object !== undefined ? { object } : {}),
          ...(object === undefined && fromHook.has(name) ? { from: fromHook.get(name)! } : {}),
          argumentObjectKeys: node.arguments.map((arg) => (ts.isObjectLiteralExpression(arg) ? arg.properties.map((p) => p.name!.getText(source)) : undefined)),
        })
        if (matcher) {
          calls.push({ file: path, ...at(node) })
          for (const finding of checkCallSite(catalog, callSite(node, matcher))) {
            findings.push({ ruleId: finding.ruleId, file: finding.file, line: finding.line, column: finding.column, event: finding.event! })
          }
        }
      }
      ts.forEachChild(node, visit)
    }

    const callSite = (call: ts.CallExpression, matcher: Matcher): CallSite => {
      let nameNode: ts.Expression
      let props: ts.Expression | undefined
      let distinct: ts.Expression | undefined
      if (matcher.objectForm) {
        const argument = call.arguments[0] as ts.ObjectLiteralExpression
        const get = (key: string | undefined) =>
          argument.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === key)?.initializer
        nameNode = get(matcher.objectForm.nameKey)!
        props = get(matcher.objectForm.propsKey)
        distinct = get(matcher.objectForm.distinctIdKey)
      } else {
        nameNode = call.arguments[matcher.nameArg ?? 0]!
        props = call.arguments[matcher.propsArg ?? (matcher.nameArg ?? 0) + 1]
      }
      const value = resolve(nameNode)
      return {
        file: path,
        ...at(call),
        callee: call.expression.getText(source),
        eventNames: [{ ...(value !== undefined ? { value } : {}), text: nameNode.getText(source), ...at(nameNode) }],
        ...(props && ts.isObjectLiteralExpression(props) ? { properties: { keys: keysOf(props, []), open: false, ...at(props) } } : {}),
        ...(distinct
          ? {
              distinctId: { text: distinct.getText(source), ...(ts.isPropertyAccessExpression(distinct) ? { name: distinct.name.text } : {}), ...at(distinct) },
            }
          : {}),
      }
    }
    visit(source)
  }
  return { calls: calls.sort(comparePositions), findings: findings.sort(compareFindings) }
}

/** `const A = 'x'` and the members of `const B = { K: 'x' } as const`, keyed `A` and `B.K`. */
function constStrings(source: ts.SourceFile): Map<string, string> {
  const found = new Map<string, string>()
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue
      let init = declaration.initializer
      if (ts.isAsExpression(init)) init = init.expression
      if (ts.isStringLiteral(init)) found.set(declaration.name.text, init.text)
      if (ts.isObjectLiteralExpression(init)) {
        for (const member of init.properties) {
          if (ts.isPropertyAssignment(member) && ts.isStringLiteral(member.initializer))
            found.set(`${declaration.name.text}.${member.name.getText(source)}`, member.initializer.text)
        }
      }
    }
  }
  return found
}

function kindOf(node: ts.Expression): PropertyValueKind {
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return 'boolean'
  if (ts.isNumericLiteral(node)) return 'number'
  if (ts.isStringLiteral(node)) return 'string'
  if (ts.isObjectLiteralExpression(node)) return 'object'
  if (ts.isArrayLiteralExpression(node)) return 'array'
  return 'unknown'
}
