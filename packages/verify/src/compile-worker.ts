/**
 * Compiles the catalog's validators in a thread of its own and posts the module's source back: the compiler
 * (TypeScript's printer) is loaded only there, and its memory goes when the thread ends, before reading starts.
 * It gets the wire events the main thread already loaded, so the catalog is not read again here.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { compileValidatorModule, type ValidatedEvents } from './compile-validators.js'

const { wireEvents } = workerData as { wireEvents: ValidatedEvents }
parentPort!.postMessage(compileValidatorModule({ wireEvents }))
