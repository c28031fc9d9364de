import { defineRule } from './define-rule.js'
import type { WireEvent } from '../catalog.js'
import { nearestNames } from '../suggest.js'
import { isSdkKey, keyWords } from './shared.js'

/** Properties the catalog does not declare are undocumented and escape redaction. */
export const noUndeclaredProperty = defineRule({
  id: 'no-undeclared-property',
  description: 'Disallow properties the event does not declare',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'warning',
  subject: 'property',
  messages: {
    undeclaredProperty: 'The event "{{name}}" does not declare the property "{{key}}".',
    undeclaredPropertyWithSuggestion: 'The event "{{name}}" does not declare the property "{{key}}". Did you mean "{{suggestion}}"?',
  },
  // Only top-level keys, and only when every event the call may send is declared.
  check({ site, catalog, report }) {
    if (!site.properties || site.eventNames.length === 0) return
    const wires: WireEvent[] = []
    for (const ref of site.eventNames) {
      const wire = ref.value === undefined ? undefined : catalog.wireEventsByName.get(ref.value)
      if (!wire) return
      wires.push(wire)
    }
    for (const key of site.properties.keys) {
      if (key.parents.length > 0 || isSdkKey(key.key)) continue
      const wire = wires.find((w) => !(key.key in w.properties))
      if (!wire) continue
      const suggestions = nearestNames(key.key, Object.keys(wire.properties), keyWords)
      const data = { key: key.key, name: wire.name }
      if (suggestions.length) report(key, 'undeclaredPropertyWithSuggestion', { ...data, suggestion: suggestions[0]! }, { event: wire.name, suggestions })
      else report(key, 'undeclaredProperty', data, { event: wire.name })
    }
  },
})
