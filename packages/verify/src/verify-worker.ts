/** A worker of `verifySources --jobs`: verifies its share of the files (or pieces of them) and posts its report for merging. */
import { parentPort, workerData } from 'node:worker_threads'
import { loadCatalogSync } from '@herald/core'
import type { ValidatorModule } from './compile-validators.js'
import type { InputFormat } from './input-formats.js'
import { type FilePiece, verifyFilesWith } from './verify-files.js'

export interface WorkerInput {
  catalogPath: string
  catalogFile: string
  module: ValidatorModule
  /** Consecutive pieces of the sorted files (see `shareFiles`). */
  files: FilePiece[]
  input: InputFormat | 'auto'
  maxLineBytes: number
}

const data = workerData as WorkerInput
const loaded = loadCatalogSync(data.catalogPath)
if (!loaded.ok) throw new Error(`the catalog ${data.catalogFile} no longer loads in a worker`)
const share = await verifyFilesWith(data.module, data.files, {
  catalog: loaded.catalog,
  catalogFile: data.catalogFile,
  input: data.input,
  maxLineBytes: data.maxLineBytes,
})
parentPort!.postMessage(share)
