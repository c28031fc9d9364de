import { createRule } from '../create-rule.js'

/** A distinct id is stored on every event; an email there is PII in every row. */
export default createRule({
  id: 'no-pii-distinct-id',
  type: 'problem',
  hasSuggestions: false,
})
