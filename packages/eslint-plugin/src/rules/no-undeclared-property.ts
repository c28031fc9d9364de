import { createRule } from '../create-rule.js'

/** Properties the catalog does not declare are undocumented and escape redaction. */
export default createRule({
  id: 'no-undeclared-property',
  description: 'Disallow properties the event does not declare',
  type: 'problem',
  hasSuggestions: true,
})
