import { createRule } from '../create-rule.js'

/** Names follow the catalog's naming style, so dashboards and generated code agree on them. */
export default createRule({
  id: 'valid-event-name',
  type: 'problem',
  hasSuggestions: true,
})
