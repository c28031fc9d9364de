/** What the emit pipeline hands to sinks, after consent, validation, redaction and hashing. */

export type EventLevel = 'debug' | 'info' | 'warning' | 'error'

export interface TelemetryEvent {
  /** The wire event name, e.g. `auth.login.stop`. */
  event: string
  /** Redacted and hashed properties: safe to send. */
  properties: Record<string, unknown>
  /** ISO 8601. */
  timestamp: string
  /** The value of the catalog's distinct-id property, when the event carries it. */
  distinctId?: string | undefined
  /** A unique id (UUIDv7) so receivers can dedupe; set by sinks that need one when absent. */
  id?: string | undefined
  level?: EventLevel | undefined
  category?: string | undefined
  /** Shared by the `.start`, `.stop` and `.exception` events of one span run, so sinks can pair them. */
  spanId?: string | undefined
  /**
   * The groups the event belongs to, by group type (`{ organization: key }`), each key as its group call sends
   * it (hashed when the catalog hashes it): PostHog's `$groups`.
   */
  groups?: Readonly<Record<string, string>> | undefined
  /**
   * Set on the records of `identify`, `group` and `alias` (absent on events). Their `event` and `properties`
   * are PostHog's own: `$identify` with `$set`/`$set_once`, `$groupidentify` with `$group_type`, `$group_key`
   * and `$group_set`, `$create_alias` with `alias`; a sink that knows the call maps them to it, any other
   * records them as events.
   */
  kind?: IdentityKind | undefined
}

export type IdentityKind = 'identify' | 'group' | 'alias'

/**
 * A destination for events. `write` must not throw and must not block: the pipeline catches what it does
 * throw and reports it through `onWarn`, once per kind of failure.
 */
export interface Sink {
  readonly name: string
  write(event: TelemetryEvent): void
  /** Called when the sink is added to a telemetry instance, with a way to warn through its `onWarn`. */
  attach?(context: SinkContext): void
  /**
   * Called by `Telemetry.setEnabled` with the new consent (after `DO_NOT_TRACK`), so a sink created before
   * consent can start (or stop) writing. A sink with `enabled: false` and no hook is named in a warning.
   */
  setEnabled?(enabled: boolean): void
  /** Sends or persists what is buffered. */
  flush?(): Promise<void>
  /** Flushes and releases files, sockets and timers. */
  close?(): Promise<void>
}

/** Where warnings go (a sink failure, a missing salt, a validation failure in dev). Never throws. */
export type WarnHandler = (warning: { kind: string; message: string; error?: unknown }) => void

/** What a telemetry instance gives the sinks added to it. */
export interface SinkContext {
  /** Reports once per `key` (default: the kind) through the instance's `onWarn`. */
  warn(kind: string, message: string, error?: unknown, key?: string): void
}
