import { createRequire } from 'node:module'

/** The audit package's version, for the tool descriptions of reports (SARIF's `tool.driver.version`). */
export const AUDIT_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version
