/**
 * `createTelemetry` and the one emit pipeline: consent → validate (dev) → redact → hash → sinks.
 * Emit never throws and never waits: every failure becomes a warning, once per kind.
 */
import { isTelemetryEnabled } from './consent.js'
import type { EventDescriptor, SignalDescriptor, SpanDescriptor, TraitsDescriptor } from './descriptor.js'
import type { ForbiddenKeyMatcher } from './forbidden-keys.js'
import type { KeyedHash, SaltSource, TelemetryHasher } from './hashing.js'
import type { PublicSaltHashing } from './public-salt.js'
import { refusedDistinctId } from './distinct-id.js'
import { denyDeep } from './redaction-helpers.js'
import { beginDelivery, endDelivery } from './serialize.js'
import type { EventLevel, Sink, TelemetryEvent, WarnHandler } from './sink.js'
import { consoleWarn, describeError, OnceWarner } from './warnings.js'

/**
 * Every option also takes `undefined` (meaning absent), so `salt: process.env.HERALD_SALT` compiles under
 * `exactOptionalPropertyTypes`.
 */
export interface TelemetryOptions {
  sinks?: Sink[] | undefined
  /** Consent. Absent: `TELEMETRY_ENABLED` decides. `DO_NOT_TRACK=1` always wins. */
  enabled?: boolean | undefined
  /** 64 hex characters; absent: the env var the catalog names (`privacy.saltEnv`, default `HERALD_SALT`). */
  salt?: string | undefined
  /** `production` skips validation and never hashes with an ephemeral salt. Default: `NODE_ENV`, else development. */
  env?: string | undefined
  /** Per-user and per-org opt-out: return true to send nothing for this event. Gets the properties as passed. */
  optOut?: ((context: { event: string; properties: Readonly<Record<string, unknown>> }) => boolean) | undefined
  /** Where warnings go; default `console.warn`. Each kind is reported once. */
  onWarn?: WarnHandler | undefined
  /**
   * How long `flush()` and `close()` wait for the sinks, in milliseconds (default 5000). A sink still busy
   * then is named in a `sink-timeout` warning and in the result; it may still finish later.
   */
  flushTimeoutMs?: number | undefined
  /**
   * What `transform: hash` means in a browser build, where any salt is public: `drop` (the default) drops
   * such fields with one warning; `publicSaltHashing()` (from `@herald/runtime/public-salt`, which brings
   * the HMAC into the bundle) hashes with the `salt` given, which only pseudonymizes (anyone with the page
   * can hash guesses). Ignored in Node, where the salt is a secret.
   */
  browserHashing?: BrowserHashing | undefined
  /**
   * More keys to deny at any depth, on top of the catalog's list and the built-in one (both already applied
   * by the generated redactors): `compileForbiddenKeys(['iban'])`. Compiled by the caller, so apps that do
   * not extend the list do not bundle the matcher.
   */
  forbiddenKeys?: ForbiddenKeyMatcher | undefined
  /** Environment variables to read (`TELEMETRY_ENABLED`, `DO_NOT_TRACK`, the salt); default `process.env`. */
  envVars?: Record<string, string | undefined> | undefined
}

export type BrowserHashing = 'drop' | PublicSaltHashing

/** What `flush()` and `close()` resolve to: the sinks that had not finished by the deadline. */
export interface FlushResult {
  unfinished: string[]
}

const DEFAULT_FLUSH_TIMEOUT_MS = 5000

/**
 * The hasher the pipeline gives generated redactors: it hashes with the `keyedHash` they pass, so the hashing
 * code is bundled only with the events that hash.
 */
class SaltHasher implements TelemetryHasher {
  constructor(private readonly source: SaltSource) {}

  hash(value: unknown, saltEnv: string, keyed?: KeyedHash): string | undefined {
    return keyed?.(this.source, value, saltEnv)
  }
}

/** A span run's handle: `set` adds or changes properties for its `.stop` or `.exception` event. */
export interface SpanScope<Properties> {
  set(properties: Partial<Properties>): void
}

const ERROR_KIND = /^[A-Za-z_$][\w$.]{0,99}$/

/** The record sinks receive; a class so every event has one shape. */
class EmittedEvent implements TelemetryEvent {
  constructor(
    public event: string,
    public properties: Record<string, unknown>,
    public timestamp: string,
    public distinctId: string | undefined,
    public level: EventLevel,
    public category: string | undefined,
    public spanId: string | undefined,
  ) {}
}

let lastMillis = -1
let lastStamp = ''
/** ISO timestamps change once a millisecond; formatting one per event would cost more than the event. */
function timestamp(): string {
  const now = Date.now()
  if (now !== lastMillis) {
    lastMillis = now
    lastStamp = new Date(now).toISOString()
  }
  return lastStamp
}

export class Telemetry {
  /** Whether anything is sent at all (consent). */
  enabled: boolean
  readonly production: boolean
  private readonly sinkList: Sink[]
  private readonly warner: OnceWarner
  /** @internal What the generated redactors hash with; group keys are hashed with it too. */
  readonly hasher: TelemetryHasher
  private readonly optOut: TelemetryOptions['optOut']
  private readonly extraDeny: ForbiddenKeyMatcher | undefined
  private readonly options: TelemetryOptions
  private spanCounter = 0
  /** Attached helpers (the default logger), so attaching twice is refused. */
  readonly attached = new Set<string>()

  constructor(options: TelemetryOptions = {}) {
    const vars = options.envVars ?? (typeof process !== 'undefined' ? process.env : {})
    this.options = options
    this.enabled = isTelemetryEnabled({ ...(options.enabled !== undefined ? { enabled: options.enabled } : {}), env: vars })
    this.production = (options.env ?? vars.NODE_ENV ?? 'development') === 'production'
    this.sinkList = []
    this.warner = new OnceWarner(options.onWarn ?? consoleWarn)
    this.optOut = options.optOut
    this.extraDeny = options.forbiddenKeys
    this.hasher = new SaltHasher({
      salt: options.salt,
      production: this.production,
      vars,
      browserHashing: options.browserHashing ?? 'drop',
      warn: (kind, message) => this.warn(kind, message),
    })
    for (const sink of options.sinks ?? []) this.addSink(sink)
  }

  get sinks(): readonly Sink[] {
    return this.sinkList
  }

  addSink(sink: Sink): void {
    this.sinkList.push(sink)
    try {
      sink.attach?.({ warn: (kind, message, error, key) => this.warn(kind, message, error, key) })
    } catch (error) {
      this.sinkFailed(sink, 'attach', error)
    }
  }

  removeSink(sink: Sink): void {
    const index = this.sinkList.indexOf(sink)
    if (index >= 0) this.sinkList.splice(index, 1)
  }

  /**
   * Turns sending on or off at run time; `DO_NOT_TRACK=1` still wins. Sinks with a `setEnabled` hook are told,
   * so one created before consent starts writing; one that stays disabled is named in a warning.
   */
  setEnabled(enabled: boolean): void {
    this.enabled = isTelemetryEnabled({ enabled, env: this.options.envVars ?? (typeof process !== 'undefined' ? process.env : {}) })
    for (const sink of this.sinkList) {
      try {
        sink.setEnabled?.(this.enabled)
      } catch (error) {
        this.sinkFailed(sink, 'setEnabled', error)
      }
      if (this.enabled && (sink as { enabled?: unknown }).enabled === false) {
        this.warn(
          'sink-disabled',
          `The sink "${sink.name}" was created without consent and stays disabled: it drops every event. Create it after consent.`,
          undefined,
          `sink-disabled:${sink.name}`,
        )
      }
    }
  }

  /** Reports once per `key` (default: the kind). */
  warn(kind: string, message: string, error?: unknown, key?: string): void {
    this.warner.warn(kind, message, error, key)
  }

  /** Flushes every sink, waiting at most `timeoutMs` (default: the `flushTimeoutMs` option). Never rejects. */
  flush(options: { timeoutMs?: number | undefined } = {}): Promise<FlushResult> {
    return this.settleAll('flush', options.timeoutMs)
  }

  /** Closes every sink, waiting at most `timeoutMs` (default: the `flushTimeoutMs` option). Never rejects. */
  close(options: { timeoutMs?: number | undefined } = {}): Promise<FlushResult> {
    return this.settleAll('close', options.timeoutMs)
  }

  private async settleAll(method: 'flush' | 'close', timeoutMs = this.options.flushTimeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS): Promise<FlushResult> {
    const pending = new Set(this.sinkList)
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
      // The deadline must not keep a process alive that has nothing else to do.
      ;(timer as { unref?: () => void }).unref?.()
    })
    const settled = this.sinkList.map(async (sink) => {
      try {
        await sink[method]?.()
      } catch (error) {
        this.sinkFailed(sink, method, error)
      }
      pending.delete(sink)
    })
    await Promise.race([Promise.all(settled), deadline])
    clearTimeout(timer)
    const unfinished = [...pending].map((sink) => sink.name)
    for (const name of unfinished)
      this.warn(
        'sink-timeout',
        `The sink "${name}" did not ${method} within ${timeoutMs} ms; its events may be lost.`,
        undefined,
        `sink-timeout:${name}:${method}`,
      )
    return { unfinished }
  }

  private sinkFailed(sink: Sink, what: string, error: unknown): void {
    this.warn(
      'sink-error',
      `The sink "${sink.name}" failed to ${what}: ${describeError(error)}.`,
      error,
      what === 'write' ? `sink-error:${sink.name}` : `sink-error:${sink.name}:${what}`,
    )
  }

  /** @internal The pipeline, after consent. `extraKey` is the span's `duration_ms` or `error_kind`. */
  deliver(
    d: EventDescriptor,
    wire: string,
    properties: Record<string, unknown>,
    extraKey: string | undefined,
    extraValue: unknown,
    spanId: string | undefined,
    groups?: Readonly<Record<string, string>>,
  ): void {
    const redacted = this.prepare(d, wire, properties, extraKey, extraValue)
    if (redacted === undefined) return
    let distinctId: string | undefined
    if (d.distinctId !== undefined) {
      const id = redacted[d.distinctId]
      if (typeof id === 'string') {
        // Refused here, before any sink, so the privacy promise holds for every destination alike.
        const refused = refusedDistinctId(id)
        if (refused !== undefined) return this.refuseDistinctId(wire, refused)
        distinctId = id
      }
    }
    const event: TelemetryEvent = new EmittedEvent(wire, redacted, timestamp(), distinctId, d.level ?? 'info', d.category, spanId)
    // Only on events that belong to groups, after spanId and before any id a sink sets.
    if (groups) event.groups = groups
    beginDelivery(event, d, extraKey)
    try {
      this.toSinks(event)
    } finally {
      endDelivery()
    }
  }

  /**
   * @internal The part of the pipeline that events share with identify and group (`identity.ts`), after
   * consent: opt-out, dev validation, redaction (plus a span's `extraKey`), the extra deny list. Undefined when
   * opted out.
   */
  prepare(
    d: Pick<TraitsDescriptor, 'redact' | 'validate'>,
    wire: string,
    properties: Record<string, unknown>,
    extraKey?: string,
    extraValue?: unknown,
  ): Record<string, unknown> | undefined {
    if (this.optOut !== undefined && this.isOptedOut(wire, properties)) return undefined
    if (!this.production && d.validate !== undefined) {
      const problem = d.validate(properties)
      if (problem !== undefined) {
        this.warn('invalid-properties', `${wire}: ${problem}; the event is sent redacted.`, undefined, `invalid-properties:${wire}`)
      }
    }
    const redacted = d.redact(properties, this.hasher)
    if (extraKey !== undefined) redacted[extraKey] = extraValue
    if (this.extraDeny !== undefined) denyDeep(redacted, this.extraDeny)
    return redacted
  }

  /** @internal Hands a record to every sink; a sink's failure is reported, never thrown. */
  toSinks(event: TelemetryEvent): void {
    const sinks = this.sinkList
    for (let i = 0; i < sinks.length; i++) {
      const sink = sinks[i]!
      try {
        // Typed as returning void, but an async `write` type-checks too: its rejection must not escape.
        const written: unknown = sink.write(event)
        if (written !== undefined && isThenable(written)) written.then(undefined, (error: unknown) => this.sinkFailed(sink, 'write', error))
      } catch (error) {
        this.sinkFailed(sink, 'write', error)
      }
    }
  }

  /** @internal */
  refuseDistinctId(wire: string, reason: 'email' | 'placeholder'): void {
    const kind = reason === 'email' ? 'email-distinct-id' : 'forbidden-distinct-id'
    this.warn(
      kind,
      `Refused ${wire}: its distinct id is ${reason === 'email' ? 'an email address' : 'a placeholder such as "undefined"'}. Use an opaque id (user_id).`,
    )
  }

  private isOptedOut(event: string, properties: Record<string, unknown>): boolean {
    try {
      return this.optOut!({ event, properties }) === true
    } catch (error) {
      // Failing closed: when we cannot tell whether the user opted out, we do not send.
      this.warn('opt-out-error', `The optOut callback threw; events are not sent while it does: ${describeError(error)}.`, error)
      return true
    }
  }

  /** @internal */
  nextSpanId(): string {
    this.spanCounter = (this.spanCounter + 1) % Number.MAX_SAFE_INTEGER
    return this.spanCounter.toString(36)
  }
}

export function createTelemetry(options: TelemetryOptions = {}): Telemetry {
  return new Telemetry(options)
}

/**
 * Emits a signal. Called by generated emitters; those of an event that belongs to groups pass its groups as
 * `eventGroups` resolved them (keys checked and hashed).
 */
export function emitSignal(t: Telemetry, d: SignalDescriptor, properties: object, groups?: Readonly<Record<string, string>>): void {
  if (!t.enabled) return
  try {
    t.deliver(d, d.name, properties as Record<string, unknown>, undefined, undefined, undefined, groups)
  } catch (error) {
    t.warn('emit-failed', `Emitting ${d.name} failed: ${describeError(error)}.`, error, `emit-failed:${d.name}`)
  }
}

const NOOP_SCOPE: SpanScope<never> = { set() {} }

class Scope<Properties extends object> implements SpanScope<Properties> {
  constructor(public properties: Properties) {}
  set(properties: Partial<Properties>): void {
    this.properties = { ...this.properties, ...properties }
  }
}

/**
 * Runs `fn` as a span: emits `.start`, then `.stop` with `duration_ms`, or `.exception` with `error_kind`
 * (the error's class name, never its message). Returns fn's result or rethrows fn's own error, sync or async.
 * `groups` (as `eventGroups` resolved them) go with each of the three events.
 */
export function runSpan<Properties extends object, R>(
  t: Telemetry,
  d: SpanDescriptor,
  properties: Properties,
  fn: (span: SpanScope<Properties>) => R,
  groups?: Readonly<Record<string, string>>,
): R {
  if (!t.enabled) return fn(NOOP_SCOPE as SpanScope<Properties>)
  const scope = new Scope(properties)
  const spanId = t.nextSpanId()
  const g = groups
  spanPhase(t, d, 0, scope.properties, undefined, undefined, spanId, g)
  const started = performance.now()
  let result: R
  try {
    result = fn(scope)
  } catch (error) {
    spanPhase(t, d, 2, scope.properties, 'error_kind', errorKind(error), spanId, g)
    throw error
  }
  if (isThenable(result)) {
    return result.then(
      (value) => {
        spanPhase(t, d, 1, scope.properties, 'duration_ms', elapsed(started), spanId, g)
        return value
      },
      (error: unknown) => {
        spanPhase(t, d, 2, scope.properties, 'error_kind', errorKind(error), spanId, g)
        throw error
      },
    ) as R
  }
  spanPhase(t, d, 1, scope.properties, 'duration_ms', elapsed(started), spanId, g)
  return result
}

const PHASES = ['start', 'stop', 'exception'] as const

function spanPhase(
  t: Telemetry,
  d: SpanDescriptor,
  phase: 0 | 1 | 2,
  properties: object,
  extraKey: string | undefined,
  extraValue: unknown,
  spanId: string,
  groups: Readonly<Record<string, string>> | undefined,
): void {
  if (!t.enabled) return
  const wire = `${d.name}.${PHASES[phase]}`
  try {
    t.deliver(d, wire, properties as Record<string, unknown>, extraKey, extraValue, spanId, groups)
  } catch (error) {
    t.warn('emit-failed', `Emitting ${wire} failed: ${describeError(error)}.`, error, `emit-failed:${wire}`)
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as PromiseLike<unknown>).then === 'function'
}

/** The error's class name; never its message, which can carry personal data. */
export function errorKind(error: unknown): string {
  if (error instanceof Error) {
    const name = error.constructor?.name || error.name
    return ERROR_KIND.test(name) ? name : 'Error'
  }
  return error === null ? 'null' : typeof error
}
