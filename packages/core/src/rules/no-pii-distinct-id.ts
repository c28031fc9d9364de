import { defineRule } from './define-rule.js'

/** A distinct id is stored on every event; an email there is PII in every row. */
export const noPiiDistinctId = defineRule({
  id: 'no-pii-distinct-id',
  description: 'Disallow emails and forbidden values as the distinct id',
  type: 'problem',
  hasSuggestions: false,
  needsCatalog: false,
  recommended: 'error',
  messages: {
    emailAddress: 'The distinct id `{{expression}}` is an email address; use an opaque id such as {{property}}.',
    emailValue: 'The distinct id `{{expression}}` is an email; use an opaque id such as {{property}}.',
    forbiddenValue: 'The distinct id `{{expression}}` is a forbidden value ("{{forbidden}}"); use an opaque id such as {{property}}.',
  },
})
