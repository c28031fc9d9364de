import { defineRule } from './define-rule.js'

/** Properties the catalog does not declare are undocumented and escape redaction. */
export const noUndeclaredProperty = defineRule({
  id: 'no-undeclared-property',
  description: 'Disallow properties the event does not declare',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'warning',
  messages: {
    undeclaredProperty: 'The event "{{name}}" does not declare the property "{{key}}".',
    undeclaredPropertyWithSuggestion: 'The event "{{name}}" does not declare the property "{{key}}". Did you mean "{{suggestion}}"?',
  },
})
