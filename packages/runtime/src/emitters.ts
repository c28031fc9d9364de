/**
 * The emitter factories generated code builds its emitters with: `export const authLogin = spanEmitter({…})`,
 * one shared body instead of a function per event, and the descriptor passed in place, so a production bundle
 * names neither (docs/performance.md, the bundle row). Each emitter carries its descriptor, which the
 * redaction output reads through the generated `$descriptors` (`descriptorOf`).
 */
import type { EventDescriptor, SignalDescriptor, SpanDescriptor } from './descriptor.js'
import { eventGroups } from './groups.js'
import { emitSignal, runSpan, type SpanScope, type Telemetry } from './telemetry.js'

type Described<F> = F & { readonly descriptor: EventDescriptor }

const described = <F>(emit: F, d: EventDescriptor): Described<F> => Object.assign(emit as F & object, { descriptor: d })

/** `(t, props) => emitSignal(t, d, props)`; props may be left out when the event requires none. */
export const signalEmitter = <P extends object>(d: SignalDescriptor): ((t: Telemetry, props?: P) => void) =>
  described((t: Telemetry, props: P | Record<string, never> = {}) => emitSignal(t, d, props), d)

/** `(t, props, groups) => emitSignal(t, d, props, eventGroups(t, d, groups))` */
export const groupedSignalEmitter = <P extends object, G extends object>(d: SignalDescriptor): ((t: Telemetry, props: P, groups: G) => void) =>
  described((t: Telemetry, props: P, groups: G) => emitSignal(t, d, props, eventGroups(t, d, groups)), d)

/** `(t, props, fn) => runSpan(t, d, props, fn)` */
export const spanEmitter = <P extends object>(d: SpanDescriptor): (<R>(t: Telemetry, props: P, fn: (span: SpanScope<P>) => R) => R) =>
  described(<R>(t: Telemetry, props: P, fn: (span: SpanScope<P>) => R) => runSpan(t, d, props, fn), d)

/** `(t, props, groups, fn) => runSpan(t, d, props, fn, eventGroups(t, d, groups))` */
export const groupedSpanEmitter = <P extends object, G extends object>(
  d: SpanDescriptor,
): (<R>(t: Telemetry, props: P, groups: G, fn: (span: SpanScope<P>) => R) => R) =>
  described(<R>(t: Telemetry, props: P, groups: G, fn: (span: SpanScope<P>) => R) => runSpan(t, d, props, fn, eventGroups(t, d, groups)), d)

/** The descriptor an emitter of the factories above was made with. */
export const descriptorOf = (emitter: object): EventDescriptor => (emitter as Described<object>).descriptor
