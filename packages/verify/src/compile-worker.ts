/**
 * Compiles the catalog's validators in a thread of its own and posts the module's source back: the compiler
 * (TypeScript's printer) is loaded only there, and its memory goes when the thread ends, before reading starts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { loadCatalogSync } from '@herald/core'
import { compileValidatorModule } from './compile-validators.js'

const { catalogPath } = workerData as { catalogPath: string }
const result = loadCatalogSync(catalogPath)
if (!result.ok) throw new Error(`the catalog ${catalogPath} no longer loads in the compiling thread`)
parentPort!.postMessage(compileValidatorModule(result.catalog))
