import { defineRule } from './define-rule.js'
import { displayExpression } from '../call-site.js'

/** A name computed at run time cannot be checked against the catalog or found by search. */
export const noDynamicEventName = defineRule({
  id: 'no-dynamic-event-name',
  description: 'Disallow event names that cannot be resolved to constants',
  type: 'suggestion',
  hasSuggestions: false,
  needsCatalog: false,
  recommended: 'warning',
  subject: 'event-name',
  messages: {
    dynamicName: 'The event name `{{expression}}` is not a string literal or a constant Herald can resolve.',
  },
  check({ site, report }) {
    // an unresolved constant imported from another module is not dynamic: the front-end cannot see it
    for (const ref of site.eventNames) if (ref.value === undefined && !ref.imported) report(ref, 'dynamicName', { expression: displayExpression(ref.text) })
  },
})
