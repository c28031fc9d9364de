import { createRule } from '../create-rule.js'

/** Properties the catalog does not declare are undocumented and escape redaction. */
export default createRule({
  id: 'no-undeclared-property',
  type: 'problem',
  hasSuggestions: true,
})
