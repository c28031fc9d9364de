/**
 * Extend phase: a catalog's `extends` bases are read, validated and merged under it into one document, whose
 * `locate` answers with the file each part came from. The merge rules (docs/catalog.md, "Catalogs that extend a
 * base") let a child add and tighten, never loosen: what a base forbids or protects stays so.
 */
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import type { Diagnostic, DiagnosticCode } from './diagnostics.js'
import { type PathSegment, type Position, parseSource, type SourceDocument } from './source-document.js'
import { validateAgainstMetaSchema } from './validate-schema.js'

/** Reads a catalog file: its text, or a diagnostic-ready reason it cannot be read. */
export type CatalogFileReader = (path: string) => { text: string } | { code: DiagnosticCode; message: string; hint?: string }

export interface ExtendResult {
  /** The merged document, when every base was read and nothing conflicts. */
  document?: SourceDocument
  diagnostics: Diagnostic[]
  /** Every base file read, at any depth, as resolved (for caches that watch them). */
  bases: string[]
}

type Json = Record<string, unknown>
interface Origin {
  document: SourceDocument
  path: PathSegment[]
}
/** A merged value and, for each part copied into it, the document and path it came from. */
interface Layer {
  value: Json
  origins: Map<string, Origin>
}

/** True when the document names bases; the loader skips this phase otherwise. */
export function hasExtends(document: SourceDocument): boolean {
  const value = document.value as Json | null
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray(value.extends)
}

export function extendCatalog(document: SourceDocument, read: CatalogFileReader): ExtendResult {
  return new Extender(read).run(document)
}

const PII_RANK: Record<string, number> = { none: 0, pseudonymous: 1, personal: 2, sensitive: 3 }
const TRANSFORM_RANK: Record<string, number> = { hash: 1, drop: 2 }
/** Fields of a property a child may restate differently: wording, not shape. */
const REWORDABLE = new Set(['description', 'title', 'examples', 'deprecated'])
/** Sections where each entry is declared by one file only. */
const OWNED_SECTIONS = ['events', 'groups', 'dashboards'] as const
/** Top-level fields that describe the file itself and are never inherited. */
const OWN_FIELDS = new Set(['$schema', 'title', 'description', 'version', 'extends'])

class Extender {
  private readonly diagnostics: Diagnostic[] = []
  private readonly bases: string[] = []
  /** Merged layers of the files read so far, by absolute path: a base two others extend is read once. */
  private readonly layers = new Map<string, Layer | null>()
  /** The files being merged, outermost first: absolute, and as shown in diagnostics. */
  private readonly stack: Array<{ key: string; shown: string }> = []

  constructor(private readonly read: CatalogFileReader) {}

  run(root: SourceDocument): ExtendResult {
    const layer = this.layerOf(root)
    const bases = this.bases
    if (!layer || this.diagnostics.length > 0) return { diagnostics: this.diagnostics, bases }
    return { document: mergedDocument(root, layer), diagnostics: [], bases }
  }

  /** The document merged over its bases; null when a base could not be read. */
  private layerOf(document: SourceDocument): Layer | null {
    const key = resolve(document.file)
    const known = this.layers.get(key)
    if (known !== undefined) return known
    this.stack.push({ key, shown: document.file })
    const value = document.value as Json
    const specs = Array.isArray(value.extends) ? (value.extends as string[]) : []
    const baseLayers: Layer[] = []
    specs.forEach((spec, i) => {
      const base = this.loadBase(document, spec, ['extends', i])
      if (base) baseLayers.push(base)
    })
    this.stack.pop()
    if (baseLayers.length < specs.length) {
      this.layers.set(key, null)
      return null
    }
    const merged: Layer = { value: {}, origins: new Map([[pathKey([]), { document, path: [] }]]) }
    for (const base of baseLayers) this.merge(merged, base, false)
    this.merge(merged, { value, origins: new Map([[pathKey([]), { document, path: [] }]]) }, true)
    this.layers.set(key, merged)
    return merged
  }

  private loadBase(child: SourceDocument, spec: string, at: PathSegment[]): Layer | null {
    const report = (code: DiagnosticCode, message: string, hint?: string) => {
      this.diagnostics.push({ code, severity: 'error', message, file: child.file, ...child.locate(at), ...(hint ? { hint } : {}) })
      return null
    }
    const located = locateBase(child.file, spec)
    if ('problem' in located) return report('base-not-found', located.problem, located.hint)
    const path = located.path
    const key = resolve(path)
    const open = this.stack.findIndex((entry) => entry.key === key)
    if (open !== -1) {
      const cycle = [...this.stack.slice(open).map((entry) => entry.shown), path].map((file) => fromFolderOf(child.file, file))
      return report('extends-cycle', `The catalog extends itself: ${cycle.join(' → ')}.`, 'remove one of the extends entries that close the circle')
    }
    if (this.layers.has(key)) return this.layers.get(key)!
    if (!/\.(json|ya?ml)$/i.test(path)) {
      return report(
        'base-not-a-catalog',
        `The base "${spec}" resolves to ${path}, which is not a catalog file (.json, .yaml or .yml).`,
        'point the package\'s "main" or "exports" at its catalog, or name the file: "package/base.catalog.yaml"',
      )
    }
    this.bases.push(path)
    const text = this.read(path)
    if (!('text' in text)) {
      return report(
        text.code === 'file-not-found' ? 'base-not-found' : text.code,
        text.code === 'file-not-found' ? `The base "${spec}" does not exist: no file at ${path}.` : text.message,
        text.code === 'file-not-found' ? 'check the path; it is relative to the folder of the catalog that extends it' : text.hint,
      )
    }
    const parsed = parseSource(text.text, path)
    if (!parsed.document) {
      this.diagnostics.push(...parsed.diagnostics)
      this.layers.set(key, null)
      return null
    }
    const value = parsed.document.value
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !('events' in value)) {
      this.layers.set(key, null)
      return report(
        'base-not-a-catalog',
        `The base "${spec}" (${path}) is not a Herald catalog: it has no "events" map.`,
        'a base is a catalog like any other; one that only shares conventions declares "events": {}',
      )
    }
    const structural = [...parsed.diagnostics, ...validateAgainstMetaSchema(parsed.document)]
    if (structural.length > 0) {
      this.diagnostics.push(...structural)
      this.layers.set(key, null)
      return null
    }
    return this.layerOf(parsed.document)
  }

  /** Merges `source` into `target`; `own` is the catalog itself (the last layer), whose own fields are kept. */
  private merge(target: Layer, source: Layer, own: boolean): void {
    const into = target.value
    const from = source.value
    const take = (path: PathSegment[], value: unknown) => {
      setAt(into, path, structuredClone(value))
      target.origins.set(pathKey(path), originOf(source, path))
    }
    for (const key of Object.keys(from)) {
      if (OWN_FIELDS.has(key) || key.startsWith('x-')) {
        if (own && key !== 'extends') take([key], from[key])
      }
    }
    if (from.naming !== undefined) this.agree(target, source, ['naming'], 'the naming style')
    if (from.stampVersions !== undefined) this.agree(target, source, ['stampVersions'], 'the version stamps')
    if (isObject(from.privacy)) {
      const privacy = from.privacy
      if (!isObject(into.privacy)) into.privacy = {}
      const merged = into.privacy as Json
      const keys = Array.isArray(privacy.forbiddenKeys) ? (privacy.forbiddenKeys as string[]) : []
      if (keys.length > 0 || own) {
        const list = Array.isArray(merged.forbiddenKeys) ? (merged.forbiddenKeys as string[]) : (merged.forbiddenKeys = [] as string[])
        keys.forEach((entry, i) => {
          if (list.includes(entry)) return
          target.origins.set(pathKey(['privacy', 'forbiddenKeys', list.length]), originOf(source, ['privacy', 'forbiddenKeys', i]))
          list.push(entry)
        })
      }
      if (privacy.distinctId !== undefined) this.agree(target, source, ['privacy', 'distinctId'], 'the distinct-id property')
      if (privacy.saltEnv !== undefined) this.agree(target, source, ['privacy', 'saltEnv'], 'the salt variable')
      if (typeof privacy.retentionDays === 'number') {
        const existing = merged.retentionDays
        if (typeof existing === 'number' && privacy.retentionDays > existing) {
          this.conflict(
            target,
            source,
            ['privacy', 'retentionDays'],
            `keeps events ${privacy.retentionDays} days, longer than the ${existing} days of`,
            'keep events as long or shorter',
          )
        } else take(['privacy', 'retentionDays'], privacy.retentionDays)
      }
    }
    for (const [name, category] of entries(from.categories)) this.mergeCategory(target, source, name, category)
    for (const [name] of entries(from.properties)) this.mergeProperty(target, source, ['properties', name])
    if (isObject(from.identify)) {
      if (!isObject(into.identify)) into.identify = {}
      if (from.identify.description !== undefined) take(['identify', 'description'], from.identify.description)
      for (const part of ['set', 'setOnce'] as const) {
        for (const [name] of entries(from.identify[part])) this.mergeProperty(target, source, ['identify', part, name])
      }
    }
    for (const section of OWNED_SECTIONS) {
      if (from[section] === undefined) continue
      if (!isObject(into[section])) into[section] = {}
      for (const [name, entry] of entries(from[section])) {
        const path = [section, name]
        if (!Object.hasOwn(into[section] as Json, name)) take(path, entry)
        else if (!sameOrigin(target, source, path)) {
          const what = section === 'events' ? 'event' : section === 'groups' ? 'group type' : 'dashboard'
          this.conflict(
            target,
            source,
            path,
            `declares the ${what} "${name}", which is declared already by`,
            `an ${what} is declared in one file: rename this one, or change it in the base`,
          )
        }
      }
    }
    if (from.alias !== undefined) take(['alias'], from.alias)
  }

  /** A setting every layer must agree on once one sets it. */
  private agree(target: Layer, source: Layer, path: PathSegment[], what: string): void {
    const existing = getAt(target.value, path)
    const incoming = getAt(source.value, path)
    if (existing === undefined) {
      setAt(target.value, path, structuredClone(incoming))
      target.origins.set(pathKey(path), originOf(source, path))
    } else if (!sameOrigin(target, source, path) && !deepEqual(existing, incoming)) {
      this.conflict(
        target,
        source,
        path,
        `sets ${what} to ${JSON.stringify(incoming)}, not ${JSON.stringify(existing)} as set by`,
        `a catalog cannot change ${what} it extends; remove it here`,
      )
    }
  }

  private mergeCategory(target: Layer, source: Layer, name: string, incoming: Json): void {
    const path = ['categories', name]
    if (!isObject(target.value.categories)) target.value.categories = {}
    const categories = target.value.categories as Json
    if (!Object.hasOwn(categories, name)) {
      setAt(target.value, path, structuredClone(incoming))
      target.origins.set(pathKey(path), originOf(source, path))
      return
    }
    if (sameOrigin(target, source, path)) return
    const existing = categories[name] as Json
    for (const [key, value] of Object.entries(incoming)) {
      const at = [...path, key]
      if (key === 'requiredProperties') {
        const list = Array.isArray(existing.requiredProperties) ? (existing.requiredProperties as string[]) : (existing.requiredProperties = [] as string[])
        ;(value as string[]).forEach((property, i) => {
          if (list.includes(property)) return
          target.origins.set(pathKey([...at, list.length]), originOf(source, [...at, i]))
          list.push(property)
        })
      } else if (key === 'countsAndDurationsOnly' && value === false && existing.countsAndDurationsOnly === true) {
        this.conflict(
          target,
          source,
          at,
          `turns off countsAndDurationsOnly of the category "${name}", which is on in`,
          'a category can only be made stricter; remove this line',
        )
      } else {
        existing[key] = structuredClone(value)
        target.origins.set(pathKey(at), originOf(source, at))
      }
    }
  }

  /** A shared, person or group property: a later layer may raise its pii, strengthen its transform, reword it. */
  private mergeProperty(target: Layer, source: Layer, path: PathSegment[]): void {
    const incoming = getAt(source.value, path) as Json
    const existing = getAt(target.value, path) as Json | undefined
    if (existing === undefined) {
      setAt(target.value, path, structuredClone(incoming))
      target.origins.set(pathKey(path), originOf(source, path))
      return
    }
    if (sameOrigin(target, source, path)) return
    const name = String(path[path.length - 1])
    for (const [key, value] of Object.entries(incoming)) {
      const at = [...path, key]
      if (key === 'pii' && PII_RANK[value as string]! < PII_RANK[(existing.pii as string) ?? 'none']!) {
        this.conflict(target, source, at, `lowers the pii of "${name}" to ${String(value)} from ${String(existing.pii)} in`, 'a pii level can only be raised')
      } else if (key === 'transform' && (TRANSFORM_RANK[value as string] ?? 0) < (TRANSFORM_RANK[existing.transform as string] ?? 0)) {
        this.conflict(
          target,
          source,
          at,
          `weakens the transform of "${name}" to ${String(value)} from ${String(existing.transform)} in`,
          'a transform can only be strengthened (hash → drop)',
        )
      } else if (key === 'pii' || key === 'transform' || REWORDABLE.has(key) || key.startsWith('x-')) {
        existing[key] = structuredClone(value)
        target.origins.set(pathKey(at), originOf(source, at))
      } else if (!deepEqual(existing[key], value)) {
        this.conflict(
          target,
          source,
          at,
          `changes "${key}" of the property "${name}", declared by`,
          "a catalog may raise a base property's pii, strengthen its transform or reword it; declare a property of another name for a different shape",
        )
      }
    }
  }

  private conflict(target: Layer, source: Layer, path: PathSegment[], doing: string, hint: string): void {
    const here = originOf(source, path)
    const there = originOf(target, path)
    const position = here.document.locate(here.path, 'key')
    const other = there.document.locate(there.path, 'key')
    this.diagnostics.push({
      code: 'extends-conflict',
      severity: 'error',
      message: `This catalog ${doing} ${fromFolderOf(here.document.file, there.document.file)}:${other.line}:${other.column}.`,
      file: here.document.file,
      ...position,
      hint,
    })
  }
}

/** Where `spec` points, from the folder of the catalog that names it: a path, or a package by Node's resolution. */
function locateBase(from: string, spec: string): { path: string } | { problem: string; hint: string } {
  if (spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec)) return { path: isAbsolute(spec) ? spec : join(dirname(from), spec) }
  try {
    return { path: createRequire(resolve(dirname(from), 'package.json')).resolve(spec) }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      return { problem: `The base "${spec}" is not exported by its package.`, hint: 'add the catalog file to the package\'s "exports"' }
    }
    return {
      problem: `The base "${spec}" is neither a path nor a package installed where ${from} can see it.`,
      hint: 'write a path as "./base.catalog.yaml", or install the package',
    }
  }
}

/** `file` as an `extends` entry in `from` would name it: relative to its folder. */
function fromFolderOf(from: string, file: string): string {
  const path = relative(dirname(resolve(from)), resolve(file))
  return path.startsWith('.') ? path : `./${path}`
}

function mergedDocument(root: SourceDocument, layer: Layer): SourceDocument {
  return {
    file: root.file,
    text: root.text,
    value: layer.value,
    positionAt: root.positionAt,
    locate(path, at = 'value'): Position {
      const origin = originOf(layer, path)
      return { ...origin.document.locate(origin.path, at), file: origin.document.file }
    },
  }
}

/** The document and path a part of a layer came from: its nearest recorded ancestor, with the rest of the path. */
function originOf(layer: Layer, path: readonly PathSegment[]): Origin {
  for (let length = path.length; length >= 0; length--) {
    const origin = layer.origins.get(pathKey(path.slice(0, length)))
    if (origin) return { document: origin.document, path: [...origin.path, ...path.slice(length)] }
  }
  throw new Error('a layer without a root origin')
}

function sameOrigin(target: Layer, source: Layer, path: PathSegment[]): boolean {
  const a = originOf(target, path)
  const b = originOf(source, path)
  return a.document === b.document && pathKey(a.path) === pathKey(b.path)
}

function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path)
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function entries(value: unknown): Array<[string, Json]> {
  return isObject(value) ? (Object.entries(value) as Array<[string, Json]>) : []
}

function getAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined
    node = (node as Json)[segment as string]
  }
  return node
}

function setAt(value: Json, path: readonly PathSegment[], leaf: unknown): void {
  let node = value
  for (const segment of path.slice(0, -1)) {
    if (!isObject(node[segment as string])) node[segment as string] = {}
    node = node[segment as string] as Json
  }
  const last = path[path.length - 1] as string
  Object.defineProperty(node, last, { value: leaf, enumerable: true, writable: true, configurable: true })
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false
  const keysA = Object.keys(a)
  const keysB = Object.keys(b)
  return keysA.length === keysB.length && keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Json)[key], (b as Json)[key]))
}
