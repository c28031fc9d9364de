/**
 * The ordinary code around capture calls: types, helpers, classes and components that a real app's files are
 * mostly made of. It never contains a capture call, so it adds parse work and no findings.
 */
import type { Random } from './prng.js'

const NOUNS = [
  'invoice',
  'order',
  'member',
  'project',
  'report',
  'document',
  'comment',
  'task',
  'board',
  'widget',
  'filter',
  'upload',
  'folder',
  'team',
  'plan',
  'page',
]
const ADJECTIVES = ['active', 'pending', 'archived', 'recent', 'shared', 'visible', 'selected', 'draft', 'primary', 'stale']
const VERBS = ['load', 'format', 'normalize', 'validate', 'merge', 'group', 'sort', 'summarize', 'resolve', 'build']

export const pascal = (word: string) => word.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase())
export const camel = (word: string) => word.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** A random name for the file's main entity, e.g. `recentInvoice`. */
export function entityName(random: Random): { noun: string; type: string } {
  const noun = random.pick(NOUNS)
  const type = pascal(`${random.pick(ADJECTIVES)}_${noun}`)
  return { noun, type }
}

export function interfaceBlock(random: Random, name: string): string[] {
  // The helpers read these fields; the optional ones vary from file to file.
  const fields = ['id: string', 'title: string', 'count: number', 'updatedAt: Date', 'archived: boolean', 'position: number', 'ownerId?: string']
  const extra = random.sample(['tags: readonly string[]', 'parentId?: string', 'notes?: string', 'color?: string', 'pinned?: boolean'], random.int(0, 3))
  return [`export interface ${name} {`, ...[...fields, ...extra].map((field) => `  ${field}`), '}']
}

export function unionBlock(random: Random, name: string): string[] {
  const members = random.sample(['idle', 'loading', 'ready', 'failed', 'saving', 'stale', 'offline'], random.int(3, 5))
  return [`export type ${name} = ${members.map((m) => `'${m}'`).join(' | ')}`]
}

/** One helper function or class, 6–16 lines. `index` keeps names unique within a file. */
export function helperBlock(random: Random, type: string, index: number): string[] {
  const verb = random.pick(VERBS)
  const name = `${verb}${type}${index}`
  switch (random.int(0, 6)) {
    case 0:
      return [
        `export function ${name}(values: readonly number[], precision = 2): string {`,
        '  let total = 0',
        '  for (const value of values) {',
        '    if (Number.isFinite(value)) total += value',
        '  }',
        '  return total.toFixed(precision)',
        '}',
      ]
    case 1:
      return [
        `export function ${name}(input: ${type}): string[] {`,
        '  const problems: string[] = []',
        "  if (input.id.trim() === '') problems.push('id is empty')",
        "  if (input.title.length > 200) problems.push('title is too long')",
        "  if (input.count < 0) problems.push('count is negative')",
        '  if (input.updatedAt.getTime() > Date.now()) {',
        "    problems.push('updatedAt is in the future')",
        '  }',
        '  return problems',
        '}',
      ]
    case 2:
      return [
        `export function ${name}(items: readonly ${type}[], query: string): ${type}[] {`,
        '  const needle = query.toLowerCase()',
        '  return items',
        '    .filter((item) => !item.archived)',
        '    .filter((item) => item.title.toLowerCase().includes(needle))',
        '    .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title))',
        '}',
      ]
    case 3:
      return [
        `export async function ${name}(id: string, signal?: AbortSignal): Promise<${type} | undefined> {`,
        `  const response = await fetch(\`/api/${type.toLowerCase()}s/\${encodeURIComponent(id)}\`, { signal })`,
        '  if (response.status === 404) return undefined',
        '  if (!response.ok) {',
        `    throw new Error(\`Could not load ${type} \${id}: \${response.status}\`)`,
        '  }',
        `  const body = (await response.json()) as ${type}`,
        '  return { ...body, updatedAt: new Date(body.updatedAt) }',
        '}',
      ]
    case 4:
      return [
        `export class ${pascal(verb)}${type}Cache${index} {`,
        `  private readonly entries = new Map<string, { value: ${type}; at: number }>()`,
        '',
        '  constructor(private readonly ttlMs = 30_000) {}',
        '',
        `  get(id: string, now = Date.now()): ${type} | undefined {`,
        '    const entry = this.entries.get(id)',
        '    if (!entry || now - entry.at > this.ttlMs) return undefined',
        '    return entry.value',
        '  }',
        '',
        `  set(value: ${type}, now = Date.now()): void {`,
        '    this.entries.set(value.id, { value, at: now })',
        '  }',
        '}',
      ]
    case 5:
      return [
        `export function ${name}(items: readonly ${type}[]): Map<string, ${type}[]> {`,
        `  const groups = new Map<string, ${type}[]>()`,
        '  for (const item of items) {',
        "    const key = item.ownerId ?? 'unowned'",
        '    const group = groups.get(key)',
        '    if (group) group.push(item)',
        '    else groups.set(key, [item])',
        '  }',
        '  return groups',
        '}',
      ]
    default:
      return [
        `export const ${camel(`${verb}_${type.toLowerCase()}`)}Labels${index}: Record<string, string> = {`,
        "  idle: 'Nothing to do',",
        "  loading: 'Loading…',",
        "  ready: 'Ready',",
        "  failed: 'Something went wrong',",
        '}',
      ]
  }
}

/** Calls that look like captures and must not be matched: an error reporter and a local timing helper. */
export function lookalikeBlock(random: Random, type: string, index: number): { imports: string[]; lines: string[] } {
  if (random.chance(0.7)) {
    return {
      imports: ["import * as Sentry from '../../lib/sentry'"],
      lines: [
        `export async function refresh${type}${index}(id: string): Promise<void> {`,
        '  try {',
        `    await fetch(\`/api/refresh/\${id}\`, { method: 'POST' })`,
        '  } catch (error) {',
        '    Sentry.captureException(error)',
        '  }',
        '}',
      ],
    }
  }
  return {
    imports: [],
    lines: [
      'function capture(label: string, run: () => void): number {',
      '  const started = performance.now()',
      '  run()',
      '  return performance.now() - started',
      '}',
      '',
      `export function time${type}${index}(items: readonly unknown[]): number {`,
      "  return capture('render', () => items.forEach((item) => JSON.stringify(item)))",
      '}',
    ],
  }
}
