/**
 * Consent: telemetry is off unless enabled, by the `enabled` option or, when that is absent,
 * by a truthy `TELEMETRY_ENABLED`. `DO_NOT_TRACK=1` (any value but "" and "0") always wins.
 */

const FALSY = new Set(['', '0', 'false', 'no', 'off'])

export function isTruthyEnv(value: string | undefined): boolean {
  return value !== undefined && !FALSY.has(value.trim().toLowerCase())
}

export function isTelemetryEnabled(options: { enabled?: boolean; env?: Record<string, string | undefined> } = {}): boolean {
  const env = options.env ?? (typeof process !== 'undefined' ? process.env : {})
  if (isTruthyEnv(env.DO_NOT_TRACK)) return false
  if (options.enabled !== undefined) return options.enabled
  return isTruthyEnv(env.TELEMETRY_ENABLED)
}
