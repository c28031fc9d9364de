import { defineRule } from './define-rule.js'

/** A group type the catalog does not declare has no documented key or properties, and no generated `group*` call. */
export const noUndeclaredGroupType = defineRule({
  id: 'no-undeclared-group-type',
  description: 'Disallow group calls of group types the catalog does not declare',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'error',
  messages: {
    undeclaredGroupType: 'The group type "{{name}}" is not declared in the catalog\'s groups.',
    undeclaredGroupTypeWithSuggestions: 'The group type "{{name}}" is not declared in the catalog\'s groups. Did you mean {{candidates}}?',
    noGroupTypes: 'The catalog declares no group types; declare the group this call sets under groups.',
  },
})
