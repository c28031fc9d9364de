import { createRule } from '../create-rule.js'

/** Names follow the catalog's naming style, so dashboards and generated code agree on them. */
export default createRule({
  id: 'valid-event-name',
  description: 'Require event names that follow the naming style',
  type: 'problem',
  hasSuggestions: true,
})
