/**
 * `@herald/eslint-plugin`: the ESTree front-end of Herald's call-site checker.
 *
 *   import herald from '@herald/eslint-plugin'
 *   export default [herald.configs.recommended, { settings: { herald: { catalog: 'schema/events.catalog.json' } } }]
 */
import { plugin } from './plugin.js'

export { analyzeFiles, type AnalyzeFilesOptions, type AnalyzeFilesResult } from './analyze-files.js'
export { DEFAULT_CATALOG } from './file-analysis.js'
/** Rules that mean nothing without a catalog; one of them reports a missing or broken catalog. */
export { CATALOG_RULES } from '@herald/core'
export { ruleDocsUrl as docsUrl } from '@herald/core'
export const { configs, meta, rules } = plugin
export default plugin
