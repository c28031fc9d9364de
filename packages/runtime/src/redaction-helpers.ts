/**
 * Helpers that generated redactors call. The per-event work (which keys, which to hash, which the deny list
 * forbids) is decided at generate time; these only handle values whose shape is known at run time alone.
 */
import type { Redactor } from './descriptor.js'
import type { ForbiddenKeyMatcher } from './forbidden-keys.js'
import type { TelemetryHasher } from './hashing.js'

export type ItemRedactor = (value: unknown, hasher: TelemetryHasher) => unknown

/** A plain data object (not null, not an array): the only value whose keys an allowlist can filter. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON scalar: it carries no keys, so no undeclared key can hide in it. */
export function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/** Redacts every item; items the schema does not allow are left out. */
export function redactArray(value: readonly unknown[], item: ItemRedactor, hasher: TelemetryHasher): unknown[] {
  const out: unknown[] = []
  for (let i = 0; i < value.length; i++) {
    const redacted = item(value[i], hasher)
    if (redacted !== undefined) out.push(redacted)
  }
  return out
}

/** Array items without a declared schema: scalars only. */
export const scalarItem: ItemRedactor = (value) => (isScalar(value) ? value : undefined)

/** Sets a key as an own data property, even `__proto__`, which plain assignment would treat as the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * Removes keys an app added to the deny list at run time (`createTelemetry({ forbiddenKeys })`), at any depth.
 * Booleans and numbers are kept, as everywhere: they carry no secret.
 */
export function denyDeep(value: Record<string, unknown> | unknown[], isForbidden: ForbiddenKeyMatcher): void {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) denyDeep(item as Record<string, unknown>, isForbidden)
    return
  }
  for (const key of Object.keys(value)) {
    const item = value[key]
    if (typeof item === 'boolean' || typeof item === 'number') continue
    if (isForbidden(key)) delete value[key]
    else if (typeof item === 'object' && item !== null) denyDeep(item as Record<string, unknown>, isForbidden)
  }
}

/**
 * The redactor of a span's `.stop` or `.exception` event for redaction outside the emitters (the redaction
 * output's `redact`): the span's own redactor, plus `key` (`duration_ms`, `error_kind`) when its value is of
 * the declared kind. The emitters add that key themselves.
 */
export function spanPhaseRedactor(redact: Redactor, key: string, kind: 'number' | 'string'): Redactor {
  return (properties, hasher) => {
    const redacted = redact(properties, hasher)
    const value = properties[key]
    if (typeof value === kind) redacted[key] = value
    return redacted
  }
}
