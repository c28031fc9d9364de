// Baseline of `audit`: plain TypeScript `createSourceFile` of every .ts/.tsx file under a folder.
//   node bench/children/parse-all.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { report } from './report.mjs'

const dir = String(process.argv[2])
let files = 0
let statements = 0
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
  const path = join(entry.parentPath, entry.name)
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  )
  statements += source.statements.length
  files++
}
report({ files, statements })
