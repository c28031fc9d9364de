// A child that runs one herald command in-process, as bin/herald.js does, and reports how it ended.
//   node bench/children/herald-cli.mjs <command> [args…]
import { isMissingModule, report, reportNotBuilt } from './report.mjs'

const argv = process.argv.slice(2)
let cli
try {
  cli = await import('@herald/cli')
} catch (error) {
  if (!isMissingModule(error)) throw error
  reportNotBuilt('@herald/cli is not built (run pnpm build)')
  process.exit(0)
}
let stderr = ''
let stdoutBytes = 0
/** @type {Parameters<typeof cli.main>[1]} */
const io = {
  cwd: process.cwd(),
  env: process.env,
  // Output is counted, not printed: a pipe to the parent would add a cost that is not herald's.
  stdout: (text) => void (stdoutBytes += text.length),
  stderr: (text) => void (stderr += text),
  stdoutIsTTY: false,
  stderrIsTTY: false,
}
const exitCode = await cli.main(argv, io)
if (exitCode === 2 && /unknown command/.test(stderr)) reportNotBuilt(`no "herald ${argv[0]}" command`)
else if (/not built yet/i.test(stderr)) reportNotBuilt(stderr.trim().split('\n')[0] ?? 'not built yet')
else report({ exitCode, stdoutBytes, stderr: stderr.slice(-2000) })
