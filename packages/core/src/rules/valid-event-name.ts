import { defineRule } from './define-rule.js'
import { isSdkEventName } from '../naming.js'

/** Names follow the catalog's naming style, so dashboards and generated code agree on them. */
export const validEventName = defineRule({
  id: 'valid-event-name',
  description: "Require event names that follow the catalog's naming style",
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: false,
  recommended: 'error',
  subject: 'event-name',
  messages: {
    invalidName: 'The event name "{{name}}" {{reason}}.',
    invalidNameWithSuggestion: 'The event name "{{name}}" {{reason}}. Use "{{suggestion}}".',
  },
  check({ site, naming, normalize, report }) {
    for (const ref of site.eventNames) {
      const name = ref.value
      // a template's fixed text is sent whatever its holes hold: a space there is in every name it sends
      if (name === undefined && ref.pattern !== undefined && /\s/.test(ref.pattern)) {
        report(ref, 'invalidName', { name: ref.pattern, reason: 'contains a space' })
        continue
      }
      // SDK events (`$pageview`) follow no naming style
      if (name === undefined || isSdkEventName(name) || naming.test(name)) continue
      const normalized = normalize(name)
      const suggestion = normalized !== name && normalized !== '' && naming.test(normalized) ? normalized : undefined
      const reason = /\s/.test(name) ? 'contains a space' : `does not follow the naming style (${naming.describe})`
      if (suggestion) report(ref, 'invalidNameWithSuggestion', { name, reason, suggestion }, { event: name, suggestions: [suggestion] })
      else report(ref, 'invalidName', { name, reason }, { event: name })
    }
  },
})
