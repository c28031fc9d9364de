import { defineRule } from './define-rule.js'

/** An event name the catalog does not declare is a typo or an undocumented event. */
export const noUndeclaredEvent = defineRule({
  id: 'no-undeclared-event',
  description: 'Disallow capturing events the catalog does not declare',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'error',
  messages: {
    undeclared: 'The event "{{name}}" is not declared in the catalog.',
    undeclaredWithSuggestions: 'The event "{{name}}" is not declared in the catalog. Did you mean {{candidates}}?',
  },
})
