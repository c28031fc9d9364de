import { createRule } from '../create-rule.js'

/** A name computed at run time cannot be checked against the catalog or found by search. */
export default createRule({
  id: 'no-dynamic-event-name',
  type: 'suggestion',
  hasSuggestions: false,
})
