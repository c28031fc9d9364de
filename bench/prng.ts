/**
 * The seeded random source of the synthetic-input makers.
 *
 * mulberry32: a well-known 32-bit generator in five lines, so the bytes a seed gives depend on this file only.
 * fast-check's generators are not used because their output for a seed may change between fast-check
 * versions, which would silently change every benchmark input after a dependency update.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** An item chosen with the given weights (any positive numbers). */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[]
  /** A shuffled copy. */
  shuffle<T>(items: readonly T[]): T[]
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function createRandom(seed: number): Random {
  const next = mulberry32(seed)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i)
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list')
      return items[int(0, items.length - 1)]!
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
      let at = next() * total
      for (const [value, weight] of choices) {
        at -= weight
        if (at < 0) return value
      }
      return choices[choices.length - 1]![0]
    },
    sample: (items, count) => shuffle(items).slice(0, count),
    shuffle,
  }
}
