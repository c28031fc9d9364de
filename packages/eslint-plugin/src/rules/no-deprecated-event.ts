import { createRule } from '../create-rule.js'

/** A deprecated event is on its way out; new code should capture its replacement. */
export default createRule({
  id: 'no-deprecated-event',
  type: 'suggestion',
  hasSuggestions: true,
})
