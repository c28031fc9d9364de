/**
 * `@herald/runtime/delivery`: durable delivery for telemetry. `ndjsonSink` buffers events as NDJSON files
 * on the user's machine; `forwarder` sends them in gzip batches to a collector, retrying until a 2xx.
 * With telemetry disabled neither touches a file, a socket or a timer.
 */
export { ndjsonSink, type NdjsonSink, type NdjsonSinkOptions } from './ndjson-sink.js'
export { forwarder, type FlushResult, type Forwarder, type ForwarderOptions } from './forwarder.js'
export { defaultBufferDir, type BufferDirOptions } from './buffer-dir.js'
export { uuidv7, uuidv7Time } from './uuid-v7.js'
export { DEAD_LETTER_FILE } from './dead-letter.js'
export type { DeliveryWarningKind } from './warn.js'
