import { defineRule } from './define-rule.js'

/** Names follow the catalog's naming style, so dashboards and generated code agree on them. */
export const validEventName = defineRule({
  id: 'valid-event-name',
  description: "Require event names that follow the catalog's naming style",
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: false,
  recommended: 'error',
  messages: {
    invalidName: 'The event name "{{name}}" {{reason}}.',
    invalidNameWithSuggestion: 'The event name "{{name}}" {{reason}}. Use "{{suggestion}}".',
  },
})
