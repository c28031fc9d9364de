import { defineRule } from './define-rule.js'
import { displayExpression } from '../call-site.js'
import { eventLabel } from './shared.js'

/** A distinct id is stored on every event; an email there is PII in every row. */
export const noPiiDistinctId = defineRule({
  id: 'no-pii-distinct-id',
  description: 'Disallow emails and forbidden values as the distinct id',
  type: 'problem',
  hasSuggestions: false,
  needsCatalog: false,
  recommended: 'error',
  subject: 'distinct-id',
  messages: {
    emailAddress: 'The distinct id `{{expression}}` is an email address; use an opaque id such as {{property}}.',
    emailValue: 'The distinct id `{{expression}}` is an email; use an opaque id such as {{property}}.',
    forbiddenValue: 'The distinct id `{{expression}}` is a forbidden value ("{{forbidden}}"); use an opaque id such as {{property}}.',
  },
  check({ site, catalog, isForbiddenKey, report }) {
    for (const id of site.alias ? [site.distinctId, site.alias] : [site.distinctId]) {
      if (!id) continue
      const looksLikeEmail = id.literal !== undefined && id.literal.includes('@')
      const forbidden = id.name !== undefined ? isForbiddenKey.match(id.name) : undefined
      const emailName = id.name !== undefined && /(^|[^a-z])e?mail$/i.test(id.name.replace(/address$/i, ''))
      if (!looksLikeEmail && forbidden === undefined && !emailName) continue
      const data = { expression: displayExpression(id.text), property: catalog?.privacy.distinctId?.property ?? 'user_id' }
      if (looksLikeEmail) report(id, 'emailAddress', data, eventLabel(site))
      else if (emailName) report(id, 'emailValue', data, eventLabel(site))
      else report(id, 'forbiddenValue', { ...data, forbidden: forbidden! }, eventLabel(site))
    }
  },
})
