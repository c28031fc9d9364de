/** How delivery reports what it could not do: through the caller's `onWarn`, or as a Node process warning. */
import type { WarnHandler } from '../sink.js'

export type DeliveryWarningKind =
  | 'buffer-full'
  | 'buffer-write-failed'
  | 'unserializable-event'
  | 'write-after-close'
  | 'torn-line'
  | 'corrupt-line'
  | 'dead-letter'
  | 'dead-letter-full'
  | 'delivery-failing'
  | 'offsets-unreadable'
  | 'offsets-write-failed'
  | 'buffer-read-failed'
  | 'segment-taken'
  | 'not-a-segment'

export type DeliveryWarn = (kind: DeliveryWarningKind, message: string, error?: unknown) => void

/** Wraps `onWarn` so that a throwing handler can never break a write or an upload. */
export function deliveryWarn(onWarn: WarnHandler | undefined): DeliveryWarn {
  return (kind, message, error) => {
    try {
      if (onWarn) onWarn(error === undefined ? { kind, message } : { kind, message, error })
      // Without a handler a warning still reaches the user: nothing is dropped silently.
      else process.emitWarning(message, { code: `HERALD_${kind.toUpperCase().replace(/-/g, '_')}` })
    } catch {
      // A warn hook must not throw; if it does, the write or upload goes on regardless.
    }
  }
}
