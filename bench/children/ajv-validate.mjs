// Baseline of `check`: ajv (draft 2020-12) compiles the meta-schema and validates the catalog with it.
//   node bench/children/ajv-validate.mjs <meta-schema> <catalog>
import { readFileSync } from 'node:fs'
import Ajv2020 from 'ajv/dist/2020.js'
import { report } from './report.mjs'

const [schemaPath, catalogPath] = process.argv.slice(2)
// allErrors, as herald's precompiled validator: both report every problem, not the first.
const ajv = new Ajv2020.default({ allErrors: true })
const validate = ajv.compile(JSON.parse(readFileSync(String(schemaPath), 'utf8')))
const valid = validate(JSON.parse(readFileSync(String(catalogPath), 'utf8')))
report({ valid, errors: validate.errors?.length ?? 0 })
