/**
 * The plugin run programmatically over files, returning the checker's own `CallSite`s and `Finding`s (not
 * ESLint's message view of them), so a test can compare this front-end with `herald audit` field by field.
 * ESLint and the TypeScript parser are imported only when this runs.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Linter } from 'eslint'
import type { CallSite, Finding, HeraldSettings } from '@herald/core'
import { recordedAnalysis } from './file-analysis.js'
import { plugin } from './plugin.js'

export interface AnalyzeFilesOptions {
  /** Where relative file and catalog paths resolve (default: the process's working directory). */
  cwd?: string
  /** `settings.herald`: the catalog, presets and matchers. */
  settings?: HeraldSettings
  /** Default: `@typescript-eslint/parser` when it is installed, else ESLint's own parser. */
  parser?: Linter.Parser
}

export interface AnalyzeFilesResult {
  sites: CallSite[]
  findings: Finding[]
  /** Files that could not be parsed, and setup problems (settings, catalog), as ESLint reports them. */
  problems: Array<{ file: string; line: number; column: number; message: string }>
  /** Names imported from modules that cannot be found, at the import (`herald audit`'s `unresolvedImports`). */
  unresolvedImports: Array<{ file: string; line: number; column: number; message: string }>
}

export async function analyzeFiles(files: readonly string[], options: AnalyzeFilesOptions = {}): Promise<AnalyzeFilesResult> {
  const cwd = options.cwd ?? process.cwd()
  const { Linter } = await import('eslint')
  const parser = options.parser ?? (await import('@typescript-eslint/parser').catch(() => undefined))
  const linter = new Linter({ cwd })
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      languageOptions: { sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } }, ...(parser ? { parser } : {}) },
      plugins: { herald: plugin },
      settings: { herald: options.settings ?? {} },
      rules: plugin.configs.strict.rules,
    },
  ]
  const result: AnalyzeFilesResult = { sites: [], findings: [], problems: [], unresolvedImports: [] }
  for (const file of files) {
    const filename = resolve(cwd, file)
    const messages = linter.verify(readFileSync(filename, 'utf8'), config, { filename })
    for (const message of messages) {
      if (message.fatal || message.messageId === 'invalidSettings' || message.messageId === 'catalogUnavailable') {
        result.problems.push({ file: filename, line: message.line, column: message.column, message: message.message })
      } else if (message.messageId === 'unresolvedImport') {
        result.unresolvedImports.push({ file: filename, line: message.line, column: message.column, message: message.message })
      }
    }
    const recorded = recordedAnalysis(linter.getSourceCode())
    if (!recorded || messages.some((m) => m.fatal)) continue
    result.sites.push(...recorded.sites)
    result.findings.push(...recorded.findings)
  }
  return result
}
