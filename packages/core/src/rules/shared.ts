/** Small helpers several rules' checks share. */
import type { CallSite, PropertyKeyRef } from '../call-site.js'

/** Keys that SDKs reserve for their own use; their values are checked for forbidden keys only. */
export const isSdkKey = (key: string) => key.startsWith('$')

/** A key's letters and digits, lower-cased: how property and group names are compared for suggestions. */
export const keyWords = (k: string) => k.replace(/[^a-z0-9]/gi, '').toLowerCase()

export const quoteList = (names: readonly string[]) => names.map((s) => `"${s}"`).join(' or ')

/** The event a finding about a property or distinct id belongs to, when the call names exactly one. */
export const eventLabel = (site: CallSite): { event: string } | Record<string, never> => {
  const value = site.eventNames.length === 1 ? site.eventNames[0]!.value : undefined
  return value ? { event: value } : {}
}

/** The value type the deny list's flag rule needs, where the front-end knows it. */
export function valueType(key: PropertyKeyRef) {
  return key.valueKind === 'boolean' || key.valueKind === 'number' ? key.valueKind : undefined
}
