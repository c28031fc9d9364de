/**
 * Real processes for the multi-process delivery tests: a writer or a forwarder
 * (test/fixtures/delivery/delivery-process.ts), each under `unshare -pf --mount-proc` when the test runs as
 * root, so that every one is PID 1 of its own PID namespace and none can see another's PID.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const CHILD = fileURLToPath(new URL('../fixtures/delivery/delivery-process.ts', import.meta.url))
const REPO = fileURLToPath(new URL('../..', import.meta.url))

export const isRoot = process.getuid?.() === 0

export interface DeliveryProcess {
  readonly child: ChildProcess
  /** Every line printed, in order. */
  readonly lines: string[]
  /** For each of `lines`, when it reached this process (Date.now()). */
  readonly lineAt: number[]
  /** The largest `synced <n>`: this writer's first n events are on stable storage. */
  synced: number
  /** Every `synced` report, with the time (Date.now()) the writer made it. */
  readonly syncs: { events: number; at: number }[]
  /** The last `cpu` report: CPU time used (µs) and time alive (ms). */
  cpu: { micros: number; ms: number }
  /** Resolves when the process (and its namespace) ended. */
  readonly ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
  /** The Node process's PID as this process sees it (not 1, its PID inside its namespace). */
  nodePid(): number | undefined
  /** SIGKILL to the Node process itself. */
  kill(): void
}

export interface Placement {
  /** In a PID namespace of its own (root only). */
  namespace: boolean
  /**
   * Node's PID in the namespace, as in a container where the app runs under an init: a shell stays PID 1 and
   * sets the namespace's next PID. Without it Node is PID 1 (and tsx's esbuild service PID 2).
   */
  pid?: number
}

export function startDeliveryProcess(mode: 'write' | 'forward', options: Record<string, unknown>, { namespace, pid }: Placement): DeliveryProcess {
  const node = [process.execPath, '--import', 'tsx', CHILD, mode, JSON.stringify(options)]
  // The command after node keeps the shell from exec'ing it: the shell stays PID 1.
  const program = pid !== undefined ? ['sh', '-c', `echo ${pid - 1} > /proc/sys/kernel/ns_last_pid && "$@"; exit $?`, 'sh', ...node] : node
  // --kill-child: when the test kills unshare, or ends, the namespace's PID 1 goes too.
  const child = namespace
    ? spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child', ...program], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] })
    : spawn(program[0]!, program.slice(1), { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  let buffered = ''
  const proc: DeliveryProcess = {
    child,
    lines: [],
    lineAt: [],
    synced: 0,
    syncs: [],
    cpu: { micros: 0, ms: 0 },
    ended: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr }))),
    nodePid() {
      return child.pid === undefined ? undefined : findNode(child.pid)
    },
    kill() {
      const pid = proc.nodePid()
      try {
        if (pid !== undefined) process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
      child.kill('SIGKILL')
    },
  }
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) {
      proc.lines.push(line)
      proc.lineAt.push(Date.now())
      const synced = /^synced (\d+) (\d+)$/.exec(line)
      if (synced) {
        proc.synced = Math.max(proc.synced, Number(synced[1]))
        proc.syncs.push({ events: Number(synced[1]), at: Number(synced[2]) })
      }
      const cpu = /^cpu (\d+) (\d+)$/.exec(line)
      if (cpu) proc.cpu = { micros: Number(cpu[1]), ms: Number(cpu[2]) }
    }
  })
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  return proc
}

/** The process running delivery-process.ts: `pid` itself or its first such descendant. */
function findNode(pid: number): number | undefined {
  try {
    // Node itself, not `unshare` or the shell whose command lines name the script too.
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    if (argv[0] === process.execPath && argv.includes(CHILD)) return pid
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()
    for (const next of children === '' ? [] : children.split(' ')) {
      const found = findNode(Number(next))
      if (found !== undefined) return found
    }
  } catch {
    // Ended meanwhile.
  }
  return undefined
}

/** Ends a forwarder process: it closes (within its deadline) when its stdin ends. */
export async function closeForwarder(proc: DeliveryProcess): Promise<{ remaining: number } | undefined> {
  proc.child.stdin!.end()
  await proc.ended
  const closed = proc.lines.find((line) => line.startsWith('closed '))
  return closed === undefined ? undefined : (JSON.parse(closed.slice('closed '.length)) as { remaining: number })
}

/** The warnings a process printed, as `kind message`. */
export function warningsOf(proc: DeliveryProcess): string[] {
  return proc.lines.filter((line) => line.startsWith('warn ')).map((line) => line.slice('warn '.length))
}
