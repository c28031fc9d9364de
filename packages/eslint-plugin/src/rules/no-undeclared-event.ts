import { createRule } from '../create-rule.js'

/** An event name the catalog does not declare is a typo or an undocumented event. */
export default createRule({
  id: 'no-undeclared-event',
  type: 'problem',
  hasSuggestions: true,
})
