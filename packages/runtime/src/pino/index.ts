/** `@herald/runtime/pino`: the default logger writing through pino (an optional peer dependency). */
import { pino, type Logger, type LoggerOptions } from 'pino'
import { attachDefaultLogger, type AttachResult, type DefaultLoggerOptions } from '../default-logger.js'
import type { Telemetry } from '../telemetry.js'

export interface PinoLoggerOptions extends Omit<DefaultLoggerOptions, 'logger'> {
  /** An existing pino logger, or options for a new one (default: JSON to stdout, name `herald`). */
  pino?: Logger | LoggerOptions | undefined
}

export function attachPinoLogger(t: Telemetry, options: PinoLoggerOptions = {}): AttachResult {
  const given = options.pino
  const logger = isLogger(given) ? given : pino({ name: 'herald', ...given })
  return attachDefaultLogger(t, { ...options, logger })
}

function isLogger(value: Logger | LoggerOptions | undefined): value is Logger {
  return typeof (value as Logger | undefined)?.child === 'function'
}
