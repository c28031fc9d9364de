import { defineRule } from './define-rule.js'
import { eventLabel, valueType } from './shared.js'

/** Secrets and PII sent as properties cannot be recalled once an analytics vendor has them. */
export const noForbiddenProperty = defineRule({
  id: 'no-forbidden-property',
  description: 'Disallow forbidden keys — secrets and personal data — in event properties',
  type: 'problem',
  hasSuggestions: false,
  needsCatalog: false,
  recommended: 'error',
  subject: 'property',
  messages: {
    forbiddenKey: 'The property "{{path}}" is a forbidden key (it matches "{{forbidden}}") and must never be sent.',
  },
  check({ site, isForbiddenKey, report }) {
    const keys = site.setOnce ? [...(site.properties?.keys ?? []), ...site.setOnce.keys] : site.properties?.keys
    if (!keys) return
    for (const key of keys) {
      const entry = isForbiddenKey.match(key.key)
      if (entry !== undefined && isForbiddenKey(key.key, valueType(key))) {
        report(key, 'forbiddenKey', { key: key.key, forbidden: entry, path: [...key.parents, key.key].join('.') }, eventLabel(site))
      }
    }
  },
})
