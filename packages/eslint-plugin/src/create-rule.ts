/**
 * Every Herald rule is the same front-end with a different rule id: it reads the shared file analysis and
 * reports the checker's findings for its id. The messages are core's templates, so ESLint shows exactly the
 * text `herald audit` and `herald check` show.
 */
import type { Rule } from 'eslint'
import { CHECKER_MESSAGES, RULE_DOCS, type RuleId } from '@herald/core'
import { listenersFor, ruleBit } from './file-analysis.js'

/** Messages every rule may need besides the checker's: setup problems and suggestion labels. */
const PLUGIN_MESSAGES = {
  invalidSettings: 'Herald cannot check capture calls: {{problems}}',
  catalogUnavailable: 'Herald cannot load the event catalog: {{diagnostic}}',
  analysisFailed: 'Herald could not analyse this call ({{reason}}); the rest of the file was checked.',
  /** core's `unresolvedImportMessage`, the words `herald audit` reports the import with. */
  unresolvedImport: '{{message}}',
  replaceName: 'Replace with "{{name}}".',
  renameKey: 'Rename the key to "{{key}}".',
}

export interface HeraldRuleSpec {
  id: RuleId
  type: 'problem' | 'suggestion'
  hasSuggestions: boolean
}

export function createRule(spec: HeraldRuleSpec): Rule.RuleModule {
  const { id } = spec
  const bit = ruleBit(id)
  return {
    meta: {
      type: spec.type,
      // One description and page per rule, in core: the audit's SARIF rule descriptors read the same.
      docs: { description: RULE_DOCS[id].description, recommended: true, url: RULE_DOCS[id].url },
      ...(spec.hasSuggestions ? { hasSuggestions: true } : {}),
      // Which calls are captures and which catalog applies are `settings.herald`, shared by every rule and by
      // `herald audit`, so a rule has no options of its own that could make the two disagree.
      schema: [],
      defaultOptions: [],
      messages: { ...CHECKER_MESSAGES[id], ...PLUGIN_MESSAGES },
    },
    create: (context) => listenersFor(context, id, bit),
  }
}
