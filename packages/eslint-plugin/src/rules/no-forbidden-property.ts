import { createRule } from '../create-rule.js'

/** Secrets and PII sent as properties cannot be recalled once an analytics vendor has them. */
export default createRule({
  id: 'no-forbidden-property',
  type: 'problem',
  hasSuggestions: false,
})
