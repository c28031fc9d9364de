/** Validate phase: the catalog value against the meta-schema (precompiled ajv), as located diagnostics. */
import type { ErrorObject } from 'ajv'
import type { Diagnostic } from './diagnostics.js'
import { validate as validateMetaSchema } from './generated/meta-schema-validator.js'
import type { PathSegment, SourceDocument } from './source-document.js'
import { closest } from './suggest.js'

type Validator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null }

export function validateAgainstMetaSchema(document: SourceDocument): Diagnostic[] {
  const validate = validateMetaSchema as Validator
  if (validate(document.value)) return []
  const errors = pruneErrors(validate.errors ?? [])
  const diagnostics: Diagnostic[] = []
  for (const error of errors) diagnostics.push(toDiagnostic(error, document))
  return diagnostics
}

/** Keeps one error per place: an `anyOf` failure stands for its branches, and repeats are dropped. */
function pruneErrors(errors: ErrorObject[]): ErrorObject[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
  const kept: ErrorObject[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const inBranch = anyOfPaths.some(
      (a) => a !== error && error.schemaPath.startsWith(`${a.schemaPath}/`) && error.instancePath.startsWith(a.instancePath),
    )
    if (inBranch) continue
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(error)
  }
  return kept
}

export function pointerToPath(pointer: string): string[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
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
  const path = pointerToPath(error.instancePath)
  const where = describePath(path)
  const subject = path.length === 0 ? 'The catalog' : `\`${where}\``
  const base = { severity: 'error' as const, file: document.file }
  const got = (value: unknown) => (value === undefined ? '' : ` (got ${preview(value)})`)
  const params = error.params as Record<string, unknown>
  const parentKeys = Object.keys(((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object)

  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty)
      const hint = closest(field, parentKeys)
      return {
        ...base,
        code: 'unknown-field',
        message: `Unknown field "${field}" in ${path.length === 0 ? 'the catalog' : `\`${where}\``}.`,
        ...document.locate([...path, field], 'key'),
        hint: hint ? `did you mean "${hint}"?` : parentKeys.length > 0 ? `allowed fields: ${parentKeys.join(', ')}` : 'remove it',
      }
    }
    case 'required':
      return {
        ...base,
        code: 'missing-field',
        message: `${subject} is missing the required field "${String(params.missingProperty)}".`,
        ...document.locate(path, path.length === 0 ? 'value' : 'key'),
      }
    case 'type':
    case 'anyOf':
    case 'oneOf': {
      const expected = error.keyword === 'type' ? `${article(String(params.type))} ${String(params.type)}` : 'a type name or a list of type names'
      return {
        ...base,
        code: 'invalid-type',
        message: `${subject} must be ${expected}${got(error.data)}.`,
        ...document.locate(path),
      }
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? []
      const suggestion = typeof error.data === 'string' ? closest(error.data, allowed.map(String)) : undefined
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
    case 'uniqueItems':
      return {
        ...base,
        code: 'invalid-value',
        message: `${subject} repeats an item (items ${String(params.j)} and ${String(params.i)} are the same).`,
        ...document.locate([...path, Number(params.i)]),
      }
    default:
      return {
        ...base,
        code: error.keyword.startsWith('min') || error.keyword.startsWith('max') || error.keyword.startsWith('exclusive') ? 'invalid-value' : 'schema-violation',
        message: `${subject} ${error.message ?? 'is not valid'}${got(error.data)}.`,
        ...document.locate(path),
      }
  }
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
