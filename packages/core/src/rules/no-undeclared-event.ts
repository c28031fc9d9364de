import { defineRule } from './define-rule.js'
import { isSdkEventName } from '../naming.js'
import { quoteList } from './shared.js'

/** An event name the catalog does not declare is a typo or an undocumented event. */
export const noUndeclaredEvent = defineRule({
  id: 'no-undeclared-event',
  description: 'Disallow capturing events the catalog does not declare',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'error',
  subject: 'event-name',
  messages: {
    undeclared: 'The event "{{name}}" is not declared in the catalog.',
    undeclaredWithSuggestions: 'The event "{{name}}" is not declared in the catalog. Did you mean {{candidates}}?',
  },
  check({ site, catalog, undeclaredSuggestions, report }) {
    for (const ref of site.eventNames) {
      const name = ref.value
      // SDK events (`$pageview`) need no declaration
      if (name === undefined || isSdkEventName(name) || catalog.wireEventsByName.has(name)) continue
      const suggestions = undeclaredSuggestions(name)
      if (suggestions.length) report(ref, 'undeclaredWithSuggestions', { name, candidates: quoteList(suggestions) }, { event: name, suggestions })
      else report(ref, 'undeclared', { name }, { event: name })
    }
  },
})
