/** Validate phase: the catalog value against the meta-schema (precompiled ajv), as located diagnostics. */
import type { ErrorObject } from 'ajv'
import type { Diagnostic } from './diagnostics.js'
import { validate as validateMetaSchema } from './generated/meta-schema-validator.js'
import type { PathSegment, SourceDocument } from './source-document.js'
import { closest } from './suggest.js'

type Validator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null }

/** The meta-schema's `$defs/typeName` enum; a test keeps the two equal. */
export const TYPE_NAMES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const

export function validateAgainstMetaSchema(document: SourceDocument): Diagnostic[] {
  const validate = validateMetaSchema as Validator
  if (validate(document.value)) return []
  const errors = pruneErrors(validate.errors ?? [])
  const diagnostics: Diagnostic[] = []
  for (const error of errors) diagnostics.push(toDiagnostic(error, document))
  return diagnostics
}

/**
 * Keeps one error per mistake: a failed `anyOf` stands for its branches, a failed `propertyNames` for its
 * pattern, an unknown field that is a typo of a missing required one (`evnts`) for the missing field, and
 * repeats are dropped.
 */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<number>()
  errors.forEach((error, index) => {
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      // ajv reports a failed anyOf right after its branches' errors, which lie at or below its instance. An
      // object given where one branch is an object (`stampVersions: true | { … }`): that branch's errors stand.
      const objectBranch = objectBranchOf(error)
      for (let j = index - 1; j >= 0 && isAtOrBelow(errors[j]!.instancePath, error.instancePath); j--) {
        if (objectBranch === undefined || !errors[j]!.schemaPath.startsWith(`${error.schemaPath}/${objectBranch}/`)) dropped.add(j)
      }
      if (objectBranch !== undefined) dropped.add(index)
    }
    if (error.schemaPath.includes('/propertyNames/')) dropped.add(index)
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty?: unknown }).missingProperty)
      const typo = errors.some(
        (other) =>
          other.keyword === 'additionalProperties' &&
          other.instancePath === error.instancePath &&
          closest(String((other.params as { additionalProperty?: unknown }).additionalProperty), [missing]) === missing,
      )
      if (typo) dropped.add(index)
    }
  })
  const kept: ErrorObject[] = []
  const seen = new Set<string>()
  errors.forEach((error, index) => {
    if (dropped.has(index)) return
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`
    if (seen.has(key)) return
    seen.add(key)
    kept.push(error)
  })
  return kept
}

/** The index of the `type: object` branch of a failed oneOf/anyOf whose value is an object, if it has one. */
function objectBranchOf(error: ErrorObject): number | undefined {
  if (error.data === null || typeof error.data !== 'object' || Array.isArray(error.data) || !Array.isArray(error.schema)) return undefined
  const index = (error.schema as Array<{ type?: unknown }>).findIndex((branch) => branch.type === 'object')
  return index === -1 ? undefined : index
}

function isAtOrBelow(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`)
}

export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** A JSON pointer as path segments, with array indices as numbers (so `[1]`, not `["1"]`, and located as items). */
function pointerToValuePath(pointer: string, root: unknown): PathSegment[] {
  let value = root
  return pointerToPath(pointer).map((segment) => {
    const isIndex = Array.isArray(value)
    value = (value as Record<string, unknown> | undefined)?.[segment]
    return isIndex ? Number(segment) : segment
  })
}

/** `events["auth.login"].properties.method` — how a place in the catalog is named in messages. */
export function describePath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'the catalog'
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

function toDiagnostic(error: ErrorObject, document: SourceDocument): Diagnostic {
  const path = pointerToValuePath(error.instancePath, document.value)
  const where = describePath(path)
  const subject = path.length === 0 ? 'The catalog' : `\`${where}\``
  const base = { severity: 'error' as const, file: document.file }
  const got = (value: unknown) => (value === undefined ? '' : ` (got ${preview(value)})`)
  const params = error.params as Record<string, unknown>
  const parentKeys = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object)

  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty)
      const near = closest(field, parentKeys)
      const hint =
        field === '<<'
          ? 'YAML merge keys (<<) are not supported; write the fields out'
          : near
            ? `did you mean "${near}"?`
            : parentKeys.length > 0
              ? `allowed fields: ${parentKeys.join(', ')}, or an x- extension field`
              : 'remove it'
      return {
        ...base,
        code: 'unknown-field',
        message: `Unknown field "${field}" in ${path.length === 0 ? 'the catalog' : `\`${where}\``}.`,
        ...document.locate([...path, field], 'key'),
        hint,
      }
    }
    case 'required': {
      const missing = String(params.missingProperty)
      const hint = MISSING_FIELD_HINTS[`${where}.${missing}`]
      return {
        ...base,
        code: 'missing-field',
        message: `${subject} is missing the required field "${missing}".`,
        ...document.locate(path, path.length === 0 ? 'value' : 'key'),
        ...(hint ? { hint } : {}),
      }
    }
    case 'anyOf':
    case 'oneOf': {
      // Branches that each name a type (`stampVersions`: a boolean or an object) fail as a type error.
      const branches = Array.isArray(error.schema) ? (error.schema as Array<{ type?: unknown }>) : []
      if (branches.length > 0 && branches.every((branch) => typeof branch.type === 'string')) {
        const types = branches.map((branch) => `${article(String(branch.type))} ${String(branch.type)}`)
        return { ...base, code: 'invalid-type', message: `${subject} must be ${types.join(' or ')}${got(error.data)}.`, ...document.locate(path) }
      }
      // Otherwise it is a property's `type`: a type name or a list of them.
      return typeNameDiagnostic(error.data, subject, document.locate(path), base)
    }
    case 'type': {
      const expected = `${article(String(params.type))} ${String(params.type)}`
      const hint = typeHint(String(params.type), error.data, path)
      return {
        ...base,
        code: 'invalid-type',
        message: `${subject} must be ${expected}${got(error.data)}.`,
        ...document.locate(path),
        ...(hint ? { hint } : {}),
      }
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map(String)
      const suggestion = typeof error.data === 'string' ? suggestOption(error.data, allowed) : undefined
      return {
        ...base,
        code: 'invalid-value',
        message: `${subject} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${got(error.data)}.`,
        ...document.locate(path),
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      }
    }
    case 'pattern':
      return {
        ...base,
        code: 'invalid-value',
        message: `${subject} ${patternMeaning(path, String(params.pattern))}${got(error.data)}.`,
        ...document.locate(path),
      }
    case 'propertyNames':
      return {
        ...base,
        code: 'invalid-value',
        message: `The name "${String(params.propertyName)}" in ${path.length === 0 ? 'the catalog' : `\`${where}\``} must start with a letter and hold only letters, digits, _ and -.`,
        ...document.locate([...path, String(params.propertyName)], 'key'),
      }
    case 'uniqueItems': {
      // ajv scans from the end: `i` is the earlier item, `j` the later one, which is the repeat.
      const [first, repeat] = [Number(params.i), Number(params.j)].sort((a, b) => a - b) as [number, number]
      const items = Array.isArray(error.data) ? error.data : []
      return {
        ...base,
        code: 'invalid-value',
        message: `${subject} lists ${preview(items[repeat])} twice (items ${first} and ${repeat}).`,
        ...document.locate([...path, repeat]),
        hint: 'remove the repeat',
      }
    }
    default:
      return {
        ...base,
        code: BOUND_KEYWORDS.has(error.keyword) ? 'invalid-value' : 'schema-violation',
        message: `${subject} ${boundMeaning(error.keyword, params.limit) ?? error.message ?? 'is not valid'}${got(error.data)}.`,
        ...document.locate(path),
      }
  }
}

const BOUND_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems'])

function boundMeaning(keyword: string, limit: unknown): string | undefined {
  const n = Number(limit)
  switch (keyword) {
    case 'minimum':
      return `must be at least ${n}`
    case 'maximum':
      return `must be at most ${n}`
    case 'exclusiveMinimum':
      return `must be greater than ${n}`
    case 'exclusiveMaximum':
      return `must be less than ${n}`
    case 'minLength':
      return n === 1 ? 'must not be empty' : `must be at least ${n} characters long`
    case 'maxLength':
      return `must be at most ${n} characters long`
    case 'minItems':
      return n === 1 ? 'must list at least one item' : `must list at least ${n} items`
    case 'maxItems':
      return `must list at most ${n} items`
    default:
      return undefined
  }
}

/** What a value of the wrong type was probably meant to be: `"90"` → 90, `"method"` → ["method"]. */
function typeHint(expected: string, data: unknown, path: readonly PathSegment[]): string | undefined {
  if (path.length === 1 && path[0] === 'events' && Array.isArray(data)) {
    return 'events is a map from each event name to its definition: { "auth.login": { … } }'
  }
  if (typeof data !== 'string') return undefined
  if ((expected === 'integer' || expected === 'number') && data.trim() !== '' && Number.isFinite(Number(data))) return `write ${data} without quotes`
  if (expected === 'boolean' && (data === 'true' || data === 'false')) return `write ${data} without quotes`
  if (expected === 'array') return `write a list: [${JSON.stringify(data)}]`
  return undefined
}

/** Keyed by `<describePath of the object>.<missing field>`. */
const MISSING_FIELD_HINTS: Record<string, string> = {
  'the catalog.events': 'add "events", a map from each event name to its definition (it may start empty: {})',
  'privacy.distinctId.property': 'name the property that identifies the user, e.g. "property": "user_id"',
}

function typeNameDiagnostic(data: unknown, subject: string, position: { line: number; column: number }, base: { severity: 'error'; file: string }): Diagnostic {
  const names = TYPE_NAMES.map((t) => JSON.stringify(t)).join(', ')
  const items = Array.isArray(data) ? data : [data]
  const unknown = items.find((item) => !(TYPE_NAMES as readonly unknown[]).includes(item))
  const suggestion = typeof unknown === 'string' ? suggestOption(unknown, TYPE_NAMES) : undefined
  const hint = suggestion ? { hint: `did you mean "${suggestion}"?` } : {}
  if (typeof data === 'string') {
    return { ...base, code: 'invalid-value', message: `${subject} must be one of ${names} (got ${preview(data)}).`, ...position, ...hint }
  }
  if (Array.isArray(data) && data.every((item) => typeof item === 'string')) {
    const problem =
      data.length === 0
        ? 'must list at least one type name'
        : unknown !== undefined
          ? `lists ${preview(unknown)}, which is not a type name (${names})`
          : 'lists a type name twice'
    return { ...base, code: 'invalid-value', message: `${subject} ${problem}.`, ...position, ...hint }
  }
  return { ...base, code: 'invalid-type', message: `${subject} must be a type name (${names}) or a list of them (got ${preview(data)}).`, ...position }
}

/** The allowed value meant by a near miss: a small edit away (`spam` → `span`) or a prefix (`warn` → `warning`). */
function suggestOption(value: string, options: readonly string[]): string | undefined {
  const near = closest(value, options)
  if (near) return near
  const lower = value.toLowerCase()
  const prefixed = lower.length >= 3 ? options.filter((o) => o.toLowerCase().startsWith(lower) || lower.startsWith(o.toLowerCase())) : []
  return prefixed.length === 1 ? prefixed[0] : undefined
}

function patternMeaning(path: readonly PathSegment[], pattern: string): string {
  const last = path[path.length - 1]
  if (last === 'version') return 'must be a semantic version like 1.4.0'
  if (last === '$ref') return 'must point at a shared property, like "#/properties/user_id"'
  if (last === 'saltEnv') return 'must be an environment variable name, like HERALD_SALT'
  return `must match /${pattern}/`
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a'
}
