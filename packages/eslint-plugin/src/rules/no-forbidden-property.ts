import { createRule } from '../create-rule.js'

/** Secrets and PII sent as properties cannot be recalled once an analytics vendor has them. */
export default createRule({
  id: 'no-forbidden-property',
  description: 'Disallow forbidden keys (secrets, PII) in event properties',
  type: 'problem',
  hasSuggestions: false,
})
