import { defineRule } from './define-rule.js'

/** A name computed at run time cannot be checked against the catalog or found by search. */
export const noDynamicEventName = defineRule({
  id: 'no-dynamic-event-name',
  description: 'Disallow event names that cannot be resolved to constants',
  type: 'suggestion',
  hasSuggestions: false,
  needsCatalog: false,
  recommended: 'warning',
  messages: {
    dynamicName: 'The event name `{{expression}}` is not a string literal or a constant Herald can resolve.',
  },
})
