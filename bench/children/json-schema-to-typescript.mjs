// Baseline of `generate`: json-schema-to-typescript with its defaults, from a cold start, on one schema that
// holds every event's properties.   node bench/children/json-schema-to-typescript.mjs <schema> <out.d.ts>
import { writeFileSync, readFileSync } from 'node:fs'
import { compile } from 'json-schema-to-typescript'
import { report } from './report.mjs'

const [schemaPath, outPath] = process.argv.slice(2)
const schema = JSON.parse(readFileSync(String(schemaPath), 'utf8'))
const code = await compile(schema, 'CatalogEvents')
writeFileSync(String(outPath), code)
report({ bytes: code.length })
