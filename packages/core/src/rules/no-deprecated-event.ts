import { defineRule } from './define-rule.js'

/** A deprecated event is on its way out; new code should capture its replacement. */
export const noDeprecatedEvent = defineRule({
  id: 'no-deprecated-event',
  description: 'Disallow deprecated events',
  type: 'suggestion',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'warning',
  subject: 'event-name',
  messages: {
    deprecated: 'The event "{{name}}" is deprecated.',
    deprecatedSince: 'The event "{{name}}" is deprecated since {{since}}.',
    deprecatedRenamed: 'The event "{{name}}" is deprecated. Use "{{renamedTo}}".',
    deprecatedSinceRenamed: 'The event "{{name}}" is deprecated since {{since}}. Use "{{renamedTo}}".',
  },
  check({ site, catalog, report }) {
    for (const ref of site.eventNames) {
      const name = ref.value
      const wire = name === undefined ? undefined : catalog.wireEventsByName.get(name)
      const deprecated = wire?.event.deprecated
      if (!wire || !deprecated) continue
      const renamed = deprecated.renamedTo
      const target = renamed && wire.phase !== 'signal' && catalog.eventsByName.get(renamed)?.kind === 'span' ? `${renamed}.${wire.phase}` : renamed
      const since = deprecated.since
      const data: Record<string, string> = { name: wire.name, ...(since ? { since } : {}), ...(target ? { renamedTo: target } : {}) }
      const messageId = target ? (since ? 'deprecatedSinceRenamed' : 'deprecatedRenamed') : since ? 'deprecatedSince' : 'deprecated'
      report(ref, messageId, data, { event: wire.name, ...(target ? { suggestions: [target] } : {}) })
    }
  },
})
