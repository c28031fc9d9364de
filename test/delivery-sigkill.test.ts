/**
 * Real processes: a child emits in a loop into the NDJSON buffer (its forwarder uploading at the same
 * time) and is killed with SIGKILL, five times. After a restart every event that was behind the child's
 * last fsync boundary must reach the collector, and no corrupt line may ever be sent.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Collector, startCollector } from './fixtures/delivery/collector.js'

const CHILD = fileURLToPath(new URL('./fixtures/delivery/emit-until-killed.ts', import.meta.url))
const REPO = fileURLToPath(new URL('..', import.meta.url))

interface ChildRun {
  /** The largest `synced <n>` the child printed. */
  synced: number
  lines: string[]
}

/** Starts the child; `killAfterMs` after its first fsync it gets SIGKILL (none: it is left to exit). */
function runChild(args: string[], killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] })
    const result: ChildRun = { synced: 0, lines: [] }
    let stderr = ''
    let buffered = ''
    let killTimer: NodeJS.Timeout | undefined
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000)
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        result.lines.push(line)
        const synced = /^synced (\d+)$/.exec(line)
        if (synced) {
          result.synced = Math.max(result.synced, Number(synced[1]))
          if (killAfterMs !== undefined && killTimer === undefined) killTimer = setTimeout(() => child.kill('SIGKILL'), killAfterMs)
        }
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(guard)
      clearTimeout(killTimer)
      const expected = killAfterMs === undefined ? code === 0 : signal === 'SIGKILL'
      if (!expected) reject(new Error(`child ended with ${signal ?? code}:\n${stderr}`))
      else resolve(result)
    })
  })
}

describe('SIGKILL during writes', () => {
  let collector: Collector
  let dir: string
  beforeEach(async () => {
    collector = await startCollector()
    dir = mkdtempSync(join(tmpdir(), 'herald-sigkill-'))
  })
  afterEach(async () => {
    await collector.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('delivers every event before the last fsync of each killed run, and never a corrupt line', { timeout: 60_000 }, async () => {
    const runs: ChildRun[] = []
    const killDelays = [30, 170, 90, 260, 5]
    for (const [run, delay] of killDelays.entries()) runs.push(await runChild([dir, collector.url, String(run), 'emit'], delay))
    const drain = await runChild([dir, collector.url, 'drain', 'drain'])
    const drained = drain.lines.find((line) => line.startsWith('drained '))
    expect(JSON.parse(drained!.slice('drained '.length))).toMatchObject({ remaining: 0 })

    expect(collector.corruptLines).toBe(0)
    const seen = new Map<string, Set<string>>()
    for (const event of collector.events) {
      const key = `${event.properties.run}/${event.properties.seq}`
      seen.set(key, (seen.get(key) ?? new Set()).add(event.id))
    }
    for (const [run, { synced }] of runs.entries()) {
      expect(synced, `run ${run} reached an fsync before its kill`).toBeGreaterThan(0)
      const missing: number[] = []
      for (let seq = 0; seq < synced; seq++) if (!seen.has(`${run}/${seq}`)) missing.push(seq)
      expect(missing, `run ${run}: events before its last fsync boundary (${synced})`).toEqual([])
    }
    // Dedupe by id leaves exactly one delivery per event.
    for (const ids of seen.values()) expect(ids.size).toBe(1)
    // The only warnings allowed are the torn lines a kill leaves (skipped, never sent).
    const warnings = [...runs, drain].flatMap((r) => r.lines.filter((line) => line.startsWith('warn ')))
    expect(warnings.filter((line) => !line.startsWith('warn torn-line '))).toEqual([])
  })

  it('writes and fsyncs what is still in memory when the process exits without closing', { timeout: 30_000 }, async () => {
    const exited = await runChild([dir, collector.url, '7', 'exit', '1234'])
    expect(exited.synced).toBe(1234)
    await runChild([dir, collector.url, 'drain', 'drain'])
    const seqs = new Set(collector.events.filter((e) => e.properties.run === 7).map((e) => e.properties.seq))
    expect(seqs.size).toBe(1234)
  })
})
