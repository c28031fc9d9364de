import type { PropertyKeyRef } from '@herald/core'

/** A property key as the inventory keeps it: with the string values it was seen with, when a draft asks for them. */
export interface InventoryKeyRef extends PropertyKeyRef {
  values?: string[]
}
