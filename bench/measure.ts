/** How the rows take their timings: child processes timed from spawn to exit, and interleaved rounds. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { median, type Measurement } from './results.js'

const RESULT_MARK = 'BENCH_RESULT '

export interface ChildResult {
  /** Wall time from spawn to exit, in ms: what a user waits for, start-up and module loading included. */
  ms: number
  /** Peak resident set size of the child, in MiB. */
  rssMiB: number
  /** CPU time of the child (user + system, all its threads), in ms. */
  cpuMs: number
  /** What the child reported besides its RSS. */
  result: Record<string, unknown>
}

/** CPU time used by every child so far, in ms: with the parent's, what a run costs on an idle machine. */
export const childCpu = { ms: 0 }

export const childScript = (name: string) => fileURLToPath(new URL(`./children/${name}`, import.meta.url))

/** The environment of a child: the parent's, without tsx's loader, which herald's users do not run under. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  if (env.NODE_OPTIONS?.includes('tsx')) delete env.NODE_OPTIONS
  return env
}

/** Runs `node <script> args…`; rejects when it exits non-zero or reports nothing. */
export function runChild(script: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const ms = performance.now() - started
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK))
      if (code !== 0 || line === undefined) {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`
        reject(new Error(`${script.split('/').pop()} ${args.join(' ')}: ${why}${line === undefined ? ', no result' : ''}\n${lastLines(stderr || stdout, 12)}`))
        return
      }
      const { maxRssKiB, cpuMs, ...result } = JSON.parse(line.slice(RESULT_MARK.length)) as { maxRssKiB: number; cpuMs: number } & Record<string, unknown>
      childCpu.ms += cpuMs
      resolvePromise({ ms, rssMiB: maxRssKiB / 1024, cpuMs, result })
    })
  })
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n')
}

/**
 * Runs `rounds` rounds of both sides. Even rounds run herald first, odd rounds the baseline first, so neither
 * side always meets the warmer (or the busier) machine.
 */
export async function interleave<T>(
  rounds: number,
  herald: (round: number) => Promise<T>,
  baseline: (round: number) => Promise<T>,
): Promise<{ herald: T[]; baseline: T[] }> {
  const out = { herald: [] as T[], baseline: [] as T[] }
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      out.herald.push(await herald(round))
      out.baseline.push(await baseline(round))
    } else {
      out.baseline.push(await baseline(round))
      out.herald.push(await herald(round))
    }
  }
  return out
}

/** Untimed batches of both sides before the measured rounds, so the JIT has optimized both. */
export const WARM_UP_BATCHES = 3

/** Somewhere for benchmarked results to go, so the optimizer cannot drop the work that made them. */
export const blackhole = { length: 0 }

/**
 * CPU nanoseconds an operation: `run` is called `ops` times in a tight loop (synchronous work only). CPU time
 * (`process.cpuUsage`), not wall time, so the moments a busy machine gives to other processes are not counted.
 */
export function nsPerOp(ops: number, run: (i: number) => unknown): number {
  let sink = 0
  const started = process.cpuUsage()
  for (let i = 0; i < ops; i++) {
    if (run(i) !== undefined) sink++
  }
  const used = process.cpuUsage(started)
  blackhole.length += sink
  return ((used.user + used.system) * 1000) / ops
}

/** Thrown by a row's herald side when the child reports the feature is not built; the row becomes "not built". */
export class NotBuiltError extends Error {
  override name = 'NotBuiltError'
}

/** The child's result, or a NotBuiltError when it reported that the feature is not built. */
export function built(run: ChildResult): ChildResult {
  if (run.result.notBuilt) throw new NotBuiltError(String(run.result.notBuilt))
  return run
}

/** A row's measurement from its interleaved child runs: wall times, and peak RSS where the row's goal has one. */
export function childMeasurement(
  runs: { herald: readonly ChildResult[]; baseline: readonly ChildResult[] },
  extra: { rss?: boolean; ruleShare?: number; notes: string[] },
): Measurement {
  return {
    kind: 'measured',
    herald: runs.herald.map((r) => r.ms),
    baseline: runs.baseline.map((r) => r.ms),
    ...(extra.rss ? { heraldRssMiB: runs.herald.map((r) => r.rssMiB), baselineRssMiB: runs.baseline.map((r) => r.rssMiB) } : {}),
    ...(extra.ruleShare !== undefined ? { ruleShare: extra.ruleShare } : {}),
    notes: [...extra.notes, `CPU-time ratio ${cpuRatio(runs).toFixed(2)}× (less moved by a busy machine than the wall time)`],
  }
}

function cpuRatio(runs: { herald: readonly ChildResult[]; baseline: readonly ChildResult[] }): number {
  return median(runs.herald.map((r) => r.cpuMs)) / median(runs.baseline.map((r) => r.cpuMs))
}
