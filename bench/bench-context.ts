/** What every row gets: the mode, where inputs and outputs go, how many rounds, and a progress log. */
import type { Measurement } from './results.js'

export interface BenchContext {
  quick: boolean
  /** The repository root. */
  root: string
  /** `bench/.out`: inputs and outputs made at run time (gitignored). */
  out: string
  /** Rounds of rows that spawn child processes, and of in-process micro-benchmarks. */
  rounds: { child: number; micro: number }
  log(message: string): void
}

/** A row's measurement and the input size its label shows. */
export interface RowRun {
  label: string
  measurement: Measurement
}
