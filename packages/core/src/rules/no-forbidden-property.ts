import { defineRule } from './define-rule.js'

/** Secrets and PII sent as properties cannot be recalled once an analytics vendor has them. */
export const noForbiddenProperty = defineRule({
  id: 'no-forbidden-property',
  description: 'Disallow forbidden keys — secrets and personal data — in event properties',
  type: 'problem',
  hasSuggestions: false,
  needsCatalog: false,
  recommended: 'error',
  messages: {
    forbiddenKey: 'The property "{{path}}" is a forbidden key (it matches "{{forbidden}}") and must never be sent.',
  },
})
