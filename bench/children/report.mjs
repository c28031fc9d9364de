// How a benchmark child hands its result to the parent: one marked JSON line on stdout, with the peak RSS.
// Children are plain ESM run by `node`, so neither side of a row pays tsx's loader.

import { readFileSync } from 'node:fs'

export const RESULT_MARK = 'BENCH_RESULT '

/** @param {Record<string, unknown>} result */
export function report(result) {
  // CPU time tells the parent what the run would take on an idle machine.
  const usage = process.resourceUsage()
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ...result, maxRssKiB: peakRssKiB(usage), cpuMs })}\n`)
}

/**
 * This process's own peak RSS in KiB. On Linux `getrusage`'s `maxRSS` survives `execve`, so a child starts from the
 * peak of the process that forked it (a bench parent that built a large input); `VmHWM` in /proc/self/status
 * belongs to the program that runs now. Elsewhere `maxRSS` (KiB on Linux, where this is not reached).
 * @param {NodeJS.ResourceUsage} usage
 */
function peakRssKiB(usage) {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1])
  } catch {
    // not Linux
  }
  return usage.maxRSS
}

/** @param {string} reason */
export function reportNotBuilt(reason) {
  report({ notBuilt: reason })
}

/** Whether an import failed because the module (or its built dist) does not exist. @param {unknown} error */
export function isMissingModule(error) {
  const code = /** @type {{ code?: string }} */ (error)?.code
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || code === 'ERR_PACKAGE_PATH_NOT_EXPORTED'
}

/** Whether an error says the feature is a placeholder. @param {unknown} error */
export function isNotBuiltYet(error) {
  return /not built yet/i.test(String(/** @type {Error} */ (error)?.message ?? error))
}
