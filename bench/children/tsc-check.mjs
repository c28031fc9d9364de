// One side of `typecheck`: what `tsc --noEmit --strict --skipLibCheck <entry>` does, through the compiler API
// in a fresh process, so its peak RSS is the compiler's.   node bench/children/tsc-check.mjs <entry.ts>
import { createRequire } from 'node:module'
import { report } from './report.mjs'

const ts = createRequire(import.meta.url)('typescript')
const [entry] = process.argv.slice(2)
const options = {
  noEmit: true,
  strict: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
}
const program = ts.createProgram([String(entry)], options)
const diagnostics = ts.getPreEmitDiagnostics(program)
if (diagnostics.length > 0) {
  process.stderr.write(
    ts.formatDiagnostics(diagnostics.slice(0, 5), {
      getCanonicalFileName: (/** @type {string} */ f) => f,
      getCurrentDirectory: () => process.cwd(),
      getNewLine: () => '\n',
    }),
  )
  process.exit(1)
}
report({ files: program.getSourceFiles().length })
