import { defineRule } from './define-rule.js'
import { nearestNames } from '../suggest.js'
import { keyWords, quoteList } from './shared.js'

/** A group type the catalog does not declare has no documented key or properties, and no generated `group*` call. */
export const noUndeclaredGroupType = defineRule({
  id: 'no-undeclared-group-type',
  description: 'Disallow group calls of group types the catalog does not declare',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'error',
  peopleOnly: true,
  subject: 'group-type',
  messages: {
    undeclaredGroupType: 'The group type "{{name}}" is not declared in the catalog\'s groups.',
    undeclaredGroupTypeWithSuggestions: 'The group type "{{name}}" is not declared in the catalog\'s groups. Did you mean {{candidates}}?',
    noGroupTypes: 'The catalog declares no group types; declare the group this call sets under groups.',
  },
  check({ site, catalog, report }) {
    if (site.kind !== 'group') return
    const types = site.groupTypes ?? []
    if (catalog.groups.length === 0) {
      report(types[0] ?? site, 'noGroupTypes', {})
      return
    }
    const declared = catalog.groups.map((group) => group.name)
    for (const ref of types) {
      if (ref.value === undefined || declared.includes(ref.value)) continue
      const suggestions = nearestNames(ref.value, declared, keyWords)
      if (suggestions.length) report(ref, 'undeclaredGroupTypeWithSuggestions', { name: ref.value, candidates: quoteList(suggestions) }, { suggestions })
      else report(ref, 'undeclaredGroupType', { name: ref.value })
    }
  },
})
