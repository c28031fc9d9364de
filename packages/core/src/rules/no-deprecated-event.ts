import { defineRule } from './define-rule.js'

/** A deprecated event is on its way out; new code should capture its replacement. */
export const noDeprecatedEvent = defineRule({
  id: 'no-deprecated-event',
  description: 'Disallow deprecated events',
  type: 'suggestion',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'warning',
  messages: {
    deprecated: 'The event "{{name}}" is deprecated.',
    deprecatedSince: 'The event "{{name}}" is deprecated since {{since}}.',
    deprecatedRenamed: 'The event "{{name}}" is deprecated. Use "{{renamedTo}}".',
    deprecatedSinceRenamed: 'The event "{{name}}" is deprecated since {{since}}. Use "{{renamedTo}}".',
  },
})
