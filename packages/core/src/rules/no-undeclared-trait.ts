import type { PropertyKeyRef } from '../call-site.js'
import { nearestNames } from '../suggest.js'
import { defineRule } from './define-rule.js'
import { isSdkKey, keyWords } from './shared.js'

/** The trait Herald's Segment sink sends the group type in (Segment groups have no type): declared for every group. */
const GROUP_TYPE_TRAIT = 'group_type'

/** Person and group properties the catalog does not declare are undocumented and escape redaction, as event properties do. */
export const noUndeclaredTrait = defineRule({
  id: 'no-undeclared-trait',
  description: 'Disallow person and group properties the catalog does not declare in identify or groups',
  type: 'problem',
  hasSuggestions: true,
  needsCatalog: true,
  recommended: 'warning',
  peopleOnly: true,
  subject: 'property',
  messages: {
    undeclaredPersonProperty: 'The person property "{{key}}" is not declared in the catalog\'s identify.{{bucket}}.',
    undeclaredPersonPropertyWithSuggestion:
      'The person property "{{key}}" is not declared in the catalog\'s identify.{{bucket}}. Did you mean "{{suggestion}}"?',
    personPropertyInOtherBucket: 'The person property "{{key}}" is declared in identify.{{declaredIn}}, not identify.{{bucket}}.',
    undeclaredGroupProperty: 'The group type "{{group}}" does not declare the property "{{key}}".',
    undeclaredGroupPropertyWithSuggestion: 'The group type "{{group}}" does not declare the property "{{key}}". Did you mean "{{suggestion}}"?',
    undeclaredAnyGroupProperty: 'No group type of the catalog declares the property "{{key}}".',
  },
  // Top-level keys only, as for events; keys the SDK reserves (`$…`) are skipped.
  check({ site, catalog, report }) {
    if (site.kind === 'identify') {
      const declared = { set: catalog.identify?.set ?? {}, setOnce: catalog.identify?.setOnce ?? {} }
      const sent: Array<[PropertyKeyRef, 'set' | 'setOnce']> = []
      for (const key of site.properties?.keys ?? []) {
        // posthog-node: `properties` are `$set` unless they hold `$set` / `$set_once`
        const bucket =
          key.parents.length === 0
            ? 'set'
            : key.parents.length === 1 && key.parents[0] === '$set'
              ? 'set'
              : key.parents.length === 1 && key.parents[0] === '$set_once'
                ? 'setOnce'
                : undefined
        if (bucket !== undefined && !isSdkKey(key.key)) sent.push([key, bucket])
      }
      for (const key of site.setOnce?.keys ?? []) if (key.parents.length === 0 && !isSdkKey(key.key)) sent.push([key, 'setOnce'])
      for (const [key, bucket] of sent) {
        if (Object.hasOwn(declared[bucket], key.key)) continue
        const other = bucket === 'set' ? 'setOnce' : 'set'
        if (Object.hasOwn(declared[other], key.key)) {
          report(key, 'personPropertyInOtherBucket', { key: key.key, bucket, declaredIn: other })
          continue
        }
        const suggestions = nearestNames(key.key, Object.keys(declared[bucket]), keyWords)
        if (suggestions.length) report(key, 'undeclaredPersonPropertyWithSuggestion', { key: key.key, bucket, suggestion: suggestions[0]! }, { suggestions })
        else report(key, 'undeclaredPersonProperty', { key: key.key, bucket })
      }
      return
    }
    if (site.kind !== 'group' || catalog.groups.length === 0) return
    // Each named type is checked on its own; a type the call does not settle (none, dynamic) by every declared type at once.
    const types = site.groupTypes ?? []
    const known = types.length > 0 && types.every((ref) => ref.value !== undefined)
    const checked = known ? types.flatMap((ref) => catalog.groups.find((group) => group.name === ref.value) ?? []) : []
    if (known && checked.length < types.length) return
    for (const key of site.properties?.keys ?? []) {
      if (key.parents.length > 0 || isSdkKey(key.key) || key.key === GROUP_TYPE_TRAIT) continue
      if (!known) {
        if (!catalog.groups.some((group) => Object.hasOwn(group.properties, key.key))) report(key, 'undeclaredAnyGroupProperty', { key: key.key })
        continue
      }
      const group = checked.find((g) => !Object.hasOwn(g.properties, key.key))
      if (group === undefined) continue
      const suggestions = nearestNames(key.key, Object.keys(group.properties), keyWords)
      const data = { key: key.key, group: group.name }
      if (suggestions.length) report(key, 'undeclaredGroupPropertyWithSuggestion', { ...data, suggestion: suggestions[0]! }, { suggestions })
      else report(key, 'undeclaredGroupProperty', data)
    }
  },
})
