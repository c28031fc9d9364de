/**
 * A deterministic synthetic TypeScript/TSX app of N files of about 100 lines, with about one capture call in
 * five files, in the forms real apps mix (posthog.capture, posthog?.capture, a hook's function, posthog-node's
 * object form; names as literals, local consts and consts exported from other files) and a recorded set of
 * violations. Beside `src/` it writes the catalog, the call-site settings, an ESLint config, a tsconfig and
 * `expected-findings.json` (every finding the checker must report, and every capture call site).
 *
 *   tsx bench/make-repo.ts N [--seed S] [--out DIR]     (default DIR: bench/.out/repo-N-sS)
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { isMainModule } from './is-main-module.js'
import { parseMakerArgs } from './maker-cli.js'
import { type CatalogDocument, makeCatalog } from './make-catalog.js'
import { createRandom, type Random } from './prng.js'
import {
  captureSnippet,
  type CapturePlan,
  type ExpectedCaptureSite,
  type ExpectedFinding,
  expectedFindings,
  nameExpression,
  planCapture,
  wireEvents,
} from './repo-captures.js'
import { entityName, helperBlock, interfaceBlock, lookalikeBlock, pascal, unionBlock } from './repo-filler.js'
import { CATALOG_FILE, configFiles, EXPECTED_FILE, eventsModule, LIB_FILES } from './repo-support-files.js'
import { SourceSnippet } from './source-snippet.js'

export interface ExpectedDocument {
  generator: string
  files: number
  seed: number
  catalog: string
  captureSites: ExpectedCaptureSite[]
  findings: ExpectedFinding[]
}

export interface SyntheticRepo {
  /** Every file to write, path relative to the repo root (posix), in a stable order. */
  files: Array<{ path: string; text: string }>
  catalog: CatalogDocument
  expected: ExpectedDocument
}

/** Share of capture calls that break a rule on purpose. */
const VIOLATION_RATE = 0.15
/** Share of files without a capture that hold a lookalike (`Sentry.captureException`, a local `capture`). */
const LOOKALIKE_RATE = 0.04
export const MIN_FILES = 20

/** Catalog size for a repo of N files: a few hundred events for a large app. */
export const repoEventCount = (files: number) => Math.min(600, Math.max(40, Math.round(files / 10)))

/** A clean call that herald migrate leaves by design: a span's phase, `$set`, a distinct id the event has no property for. */
function leftByDesign(plan: CapturePlan, distinctIdProperty: string): Pick<ExpectedCaptureSite, 'leftByDesign'> {
  if (plan.wire.spanPhase) return { leftByDesign: 'span-phase' }
  if (plan.withSet) return { leftByDesign: 'person-properties' }
  if (plan.form === 'object' && !Object.hasOwn(plan.wire.properties, distinctIdProperty)) return { leftByDesign: 'distinct-id-not-declared' }
  return {}
}

export function makeRepo(fileCount: number, seed = 1): SyntheticRepo {
  if (!Number.isInteger(fileCount) || fileCount < MIN_FILES) throw new RangeError(`a synthetic repo has at least ${MIN_FILES} files, not ${fileCount}`)
  const random = createRandom(seed)
  const catalog = makeCatalog(repoEventCount(fileCount), seed)
  const wires = wireEvents(catalog)
  const declared = new Set(wires.map((w) => w.name))
  const categories = Object.keys(catalog.categories)

  const eventFiles = categories.length
  const featureCount = fileCount - Object.keys(LIB_FILES).length - eventFiles
  const captureFiles = new Set(random.sample([...Array(featureCount).keys()], Math.round(featureCount / 5)))

  const files: Array<{ path: string; text: string }> = []
  const captureSites: ExpectedCaptureSite[] = []
  const findings: ExpectedFinding[] = []
  const members = new Map<string, Set<string>>(categories.map((c) => [c, new Set()]))
  const constants = new Map<string, Set<string>>(categories.map((c) => [c, new Set()]))

  for (let index = 0; index < featureCount; index++) {
    const kind = random.weighted([
      ['component', 35],
      ['service', 30],
      ['route', 20],
      ['utils', 15],
    ] as const)
    const area = random.pick(categories)
    const entity = entityName(random)
    const path = `src/features/${area}/${entity.type.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`)}-${kind}-${index}.${kind === 'component' ? 'tsx' : 'ts'}`
    const plan = captureFiles.has(index) ? planCapture(random, wires, declared, kind === 'component', VIOLATION_RATE) : undefined
    const snippet = featureFile(random, kind, entity.type, index, plan)
    files.push({ path, text: snippet.text() })
    if (!plan) continue
    if (plan.nameSource === 'imported-member') members.get(plan.wire.category)!.add(plan.wire.name)
    if (plan.nameSource === 'imported-const') constants.get(plan.wire.category)!.add(plan.wire.name)
    const call = snippet.position('call')
    captureSites.push({
      file: path,
      ...call,
      callee: plan.form === 'hook' ? 'capture' : plan.form === 'object' ? 'client.capture' : plan.form === 'posthog' ? 'posthog.capture' : 'posthog?.capture',
      event: plan.writtenName,
      form: plan.form,
      nameSource: plan.nameSource,
      ...(plan.violation ? { violation: plan.violation } : {}),
      ...(plan.violation ? {} : leftByDesign(plan, catalog.privacy.distinctId.property)),
    })
    findings.push(...expectedFindings(plan, path, (mark) => snippet.position(mark)))
  }

  for (const category of categories) {
    const ofCategory = wires.filter((w) => w.category === category).map((w) => w.name)
    const extraMembers = random.sample(ofCategory, Math.min(8, ofCategory.length))
    const extraConstants = random.sample(ofCategory, Math.min(4, ofCategory.length))
    files.push({
      path: `src/events/${category}-events.ts`,
      text: eventsModule(category, sortedUnion(members.get(category)!, extraMembers), sortedUnion(constants.get(category)!, extraConstants)),
    })
  }
  for (const [path, text] of Object.entries(LIB_FILES)) files.push({ path, text })
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

  findings.sort(compareFindings)
  return {
    files,
    catalog,
    expected: { generator: 'bench/make-repo.ts', files: fileCount, seed, catalog: CATALOG_FILE, captureSites, findings },
  }
}

export function compareFindings(a: ExpectedFinding, b: ExpectedFinding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
}

function sortedUnion(used: ReadonlySet<string>, extra: readonly string[]): string[] {
  return [...new Set([...used, ...extra])].sort()
}

type FileKind = 'component' | 'service' | 'route' | 'utils'

/** One feature file: imports, types, helpers around one main function that may hold the capture call. */
function featureFile(random: Random, kind: FileKind, type: string, index: number, plan: CapturePlan | undefined): SourceSnippet {
  const imports: string[] = []
  const name = plan ? nameExpression(plan) : undefined
  if (plan) {
    imports.push("import { getCurrentUser } from '../../lib/session'")
    if (plan.form === 'posthog') imports.push("import { posthog } from '../../lib/posthog'")
    if (plan.form === 'posthog-optional') imports.push("import { getPostHog } from '../../lib/posthog'")
    if (plan.form === 'hook') imports.push("import { useTracking } from '../../lib/tracking'")
    if (plan.form === 'object') imports.push("import { client } from '../../lib/server-client'")
    if (name?.importLine) imports.push(`import { ${name.importLine.name} } from '../../events/${name.importLine.from}'`)
  }
  if (kind === 'component') imports.push("import { useState } from '../../lib/state'")
  const lookalike = !plan && random.chance(LOOKALIKE_RATE) ? lookalikeBlock(random, type, index) : undefined
  if (lookalike) imports.push(...lookalike.imports)

  const file = new SourceSnippet()
  file.addLines(imports.sort()).add('')
  if (name?.localConst) file.add(name.localConst).add('')
  file.addLines(interfaceBlock(random, type)).add('')
  file.addLines(unionBlock(random, `${type}State`)).add('')

  const target = random.int(92, 116)
  const before = random.int(0, 2)
  let helper = 0
  for (; helper < before; helper++) file.addLines(helperBlock(random, type, helper)).add('')
  file.append(mainFunction(kind, type, index, plan)).add('')
  if (lookalike) file.addLines(lookalike.lines).add('')
  while (file.lines.length < target - 6) {
    file.addLines(helperBlock(random, type, helper++)).add('')
  }
  file.lines.pop()
  return file
}

function mainFunction(kind: FileKind, type: string, index: number, plan: CapturePlan | undefined): SourceSnippet {
  const fn = new SourceSnippet()
  const capture = (indent: string) => {
    if (!plan) return
    if (plan.form === 'posthog-optional') fn.add(`${indent}const posthog = getPostHog()`)
    fn.append(captureSnippet(plan, indent))
  }
  const user = plan ? ['  const user = getCurrentUser()'] : []
  switch (kind) {
    case 'component': {
      const component = `${type}Panel${index}`
      fn.add(`export function ${component}(props: { items: readonly ${type}[]; onClose?: () => void }) {`)
      if (plan?.form === 'hook') fn.add('  const capture = useTracking()')
      fn.addLines(user)
      fn.add('  const [selected, setSelected] = useState<string | undefined>(undefined)')
      fn.add('')
      fn.add('  function handleSelect(id: string) {')
      fn.add('    setSelected(id)')
      capture('    ')
      fn.add('  }')
      fn.add('')
      fn.addLines([
        '  return (',
        `    <section className="${type.toLowerCase()}-panel">`,
        `      <h2>{props.items.length} ${type}s</h2>`,
        '      <ul>',
        '        {props.items.map((item) => (',
        '          <li key={item.id} onClick={() => handleSelect(item.id)} aria-selected={item.id === selected}>',
        '            {item.title}',
        '          </li>',
        '        ))}',
        '      </ul>',
        '      {props.onClose ? <button onClick={props.onClose}>Close</button> : null}',
        '    </section>',
        '  )',
        '}',
      ])
      return fn
    }
    case 'service':
      fn.addLines([
        `export class ${type}Service${index} {`,
        '  constructor(private readonly baseUrl: string) {}',
        '',
        '  async archive(id: string): Promise<void> {',
      ])
      fn.addLines(user.map((line) => `  ${line}`))
      fn.addLines([
        "    const response = await fetch(`${this.baseUrl}/${encodeURIComponent(id)}/archive`, { method: 'POST' })",
        '    if (!response.ok) throw new Error(`archive failed: ${response.status}`)',
      ])
      capture('    ')
      fn.addLines(['  }', '}'])
      return fn
    case 'route':
      fn.add(`export async function handle${pascal(type)}${index}(request: Request): Promise<Response> {`)
      fn.addLines(user)
      fn.addLines([`  const body = (await request.json()) as Partial<${type}>`, "  if (!body.id) return new Response('missing id', { status: 400 })"])
      capture('  ')
      fn.addLines(['  return Response.json({ ok: true, id: body.id })', '}'])
      return fn
    case 'utils':
      fn.add(`export function record${type}Batch${index}(items: readonly ${type}[]): number {`)
      fn.addLines(user)
      fn.add('  const visible = items.filter((item) => !item.archived)')
      capture('  ')
      fn.addLines(['  return visible.length', '}'])
      return fn
  }
}

/** Writes the repo under `dir`, replacing an earlier synthetic repo there; refuses any other non-empty dir. */
export function writeRepo(repo: SyntheticRepo, dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, EXPECTED_FILE))) throw new Error(`${dir} is not empty and was not written by make-repo; choose another --out`)
    rmSync(dir, { recursive: true, force: true })
  }
  const write = (path: string, text: string) => {
    const full = join(dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, text)
  }
  for (const { path, text } of repo.files) write(path, text)
  write(CATALOG_FILE, `${JSON.stringify(repo.catalog, null, 2)}\n`)
  for (const [path, text] of Object.entries(configFiles())) write(path, text)
  write(EXPECTED_FILE, `${JSON.stringify(repo.expected, null, 2)}\n`)
}

if (isMainModule(import.meta.url)) {
  const { count, seed, out } = parseMakerArgs(`Usage: tsx bench/make-repo.ts N [--seed S] [--out DIR]   (N: files, at least ${MIN_FILES})`, MIN_FILES)
  const dir = out ?? join('bench', '.out', `repo-${count}-s${seed}`)
  const repo = makeRepo(count, seed)
  writeRepo(repo, dir)
  console.log(`${dir}: ${repo.files.length} files, ${repo.expected.captureSites.length} capture calls, ${repo.expected.findings.length} expected findings`)
}
