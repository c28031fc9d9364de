/** Runs a Node script as a child (the built herald binary, tsc) and resolves to how it ended, never rejecting. */
import { execFile } from 'node:child_process'

export interface Run {
  code: number
  stdout: string
  stderr: string
}

export function runNode(file: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
      },
    )
  })
}
