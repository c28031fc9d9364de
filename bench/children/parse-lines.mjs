// Baseline of `verify`: read an NDJSON file as a stream, split it into lines and JSON.parse every one.
//   node bench/children/parse-lines.mjs <file>
import { createReadStream } from 'node:fs'
import { report } from './report.mjs'

let rest = ''
let parsed = 0
let bad = 0
/** @param {string} line */
const parse = (line) => {
  if (line.length === 0) return
  try {
    if (JSON.parse(line) !== undefined) parsed++
  } catch {
    bad++
  }
}
for await (const chunk of createReadStream(String(process.argv[2]), { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
  const lines = (rest + chunk).split('\n')
  rest = lines.pop() ?? ''
  for (const line of lines) parse(line)
}
parse(rest)
report({ parsed, bad })
