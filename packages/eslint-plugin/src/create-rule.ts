/**
 * Every Herald rule is the same front-end with a different rule id: it reads the shared file analysis and
 * reports the checker's findings for its id. The messages are core's templates, so ESLint shows exactly the
 * text `herald audit` and `herald check` show.
 */
import type { Rule } from 'eslint'
import { CHECKER_MESSAGES, type RuleId } from '@herald/core'
import { analysisFor } from './file-analysis.js'

const DOCS_BASE = 'https://github.com/herald-dev/herald/blob/main/packages/eslint-plugin/docs/rules/'

/** Messages every rule may need besides the checker's: setup problems and suggestion labels. */
const PLUGIN_MESSAGES = {
  invalidSettings: 'Herald cannot check capture calls: {{problems}}',
  catalogUnavailable: 'Herald cannot load the event catalog: {{diagnostic}}',
  replaceName: 'Replace with "{{name}}".',
  renameKey: 'Rename the key to "{{key}}".',
}

export interface HeraldRuleSpec {
  id: RuleId
  description: string
  type: 'problem' | 'suggestion'
  hasSuggestions: boolean
}

export function docsUrl(id: RuleId): string {
  return `${DOCS_BASE}${id}.md`
}

export function createRule(spec: HeraldRuleSpec): Rule.RuleModule {
  const { id } = spec
  return {
    meta: {
      type: spec.type,
      docs: { description: spec.description, recommended: true, url: docsUrl(id) },
      ...(spec.hasSuggestions ? { hasSuggestions: true } : {}),
      // Which calls are captures and which catalog applies are `settings.herald`, shared by every rule and by
      // `herald audit`, so a rule has no options of its own that could make the two disagree.
      schema: [],
      defaultOptions: [],
      messages: { ...CHECKER_MESSAGES[id], ...PLUGIN_MESSAGES },
    },
    create(context) {
      const analysis = analysisFor(context, id)
      if (!analysis.claimDriver(id)) return {}
      const listeners: Rule.RuleListener = { 'Program:exit': analysis.reportAll }
      if (analysis.mayHoldCaptures()) listeners.CallExpression = analysis.visitCall
      return listeners
    },
  }
}
