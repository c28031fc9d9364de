import { defineRule } from './define-rule.js'

/** Person and group properties the catalog does not declare are undocumented and escape redaction, as event properties do. */
export const noUndeclaredTrait = defineRule({
  id: 'no-undeclared-trait',
  description: 'Disallow person and group properties the catalog does not declare in identify or groups',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'warning',
  messages: {
    undeclaredPersonProperty: 'The person property "{{key}}" is not declared in the catalog\'s identify.{{bucket}}.',
    undeclaredPersonPropertyWithSuggestion:
      'The person property "{{key}}" is not declared in the catalog\'s identify.{{bucket}}. Did you mean "{{suggestion}}"?',
    personPropertyInOtherBucket: 'The person property "{{key}}" is declared in identify.{{declaredIn}}, not identify.{{bucket}}.',
    undeclaredGroupProperty: 'The group type "{{group}}" does not declare the property "{{key}}".',
    undeclaredGroupPropertyWithSuggestion: 'The group type "{{group}}" does not declare the property "{{key}}". Did you mean "{{suggestion}}"?',
    undeclaredAnyGroupProperty: 'No group type of the catalog declares the property "{{key}}".',
  },
})
