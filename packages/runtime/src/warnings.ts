/** Warnings go to `onWarn` once per kind (and subject), never per event, and a throwing handler is ignored. */
import type { WarnHandler } from './sink.js'

export const consoleWarn: WarnHandler = ({ kind, message }) => {
  console.warn(`[herald] ${kind}: ${message}`)
}

export class OnceWarner {
  private readonly seen = new Set<string>()

  constructor(private readonly handler: WarnHandler) {}

  /** `key` defaults to `kind`; pass `kind:subject` to warn once per sink or per event instead. */
  warn(kind: string, message: string, error?: unknown, key: string = kind): void {
    if (this.seen.has(key)) return
    this.seen.add(key)
    try {
      this.handler(error === undefined ? { kind, message } : { kind, message, error })
    } catch {
      // The warn hook is the last resort: if it throws, there is nowhere left to report to.
    }
  }
}

/** A thrown value as text, whatever it is: `Object.create(null)` has no `toString`, so `String()` throws on it. */
export function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error)
  } catch {
    return 'a value without toString'
  }
}
