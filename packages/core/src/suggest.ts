import { distance } from 'fastest-levenshtein'

/**
 * The declared names nearest to `name`: equal once normalized, or within edit distance `maxDistance`.
 * At most `limit`, nearest first.
 */
export function nearestNames(
  name: string,
  candidates: Iterable<string>,
  normalize: (name: string) => string,
  { maxDistance = 2, limit = 3 }: { maxDistance?: number; limit?: number } = {},
): string[] {
  const normalized = normalize(name)
  const scored: Scored[] = []
  for (const candidate of candidates) {
    if (candidate === name) continue
    if (normalize(candidate) === normalized) {
      scored.push({ candidate, score: 0 })
      continue
    }
    if (Math.abs(candidate.length - name.length) > maxDistance) continue
    const d = distance(name, candidate)
    if (d <= maxDistance) scored.push({ candidate, score: d })
  }
  return best(scored, limit)
}

interface Scored {
  candidate: string
  score: number
}

function best(scored: Scored[], limit: number): string[] {
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
  return scored.slice(0, limit).map((s) => s.candidate)
}

/**
 * `nearestNames` over a fixed set of names, normalized once and grouped by length, so a query normalizes only
 * its own name and measures the distance only to names of a near length (a catalog's names, queried once per
 * undeclared name a linter meets).
 */
export class NameIndex {
  private readonly byNormalized = new Map<string, string[]>()
  /** Per length, the names of that length, their normalized forms and their letter counts (`letterCounts`). */
  private readonly byLength: Array<{ names: string[]; normalized: string[]; counts: Uint8Array[] } | undefined> = []

  constructor(
    names: Iterable<string>,
    private readonly normalize: (name: string) => string,
  ) {
    for (const name of names) {
      const normalized = normalize(name)
      const same = this.byNormalized.get(normalized)
      if (same) same.push(name)
      else this.byNormalized.set(normalized, [name])
      const bucket = (this.byLength[name.length] ??= { names: [], normalized: [], counts: [] })
      bucket.names.push(name)
      bucket.normalized.push(normalized)
      bucket.counts.push(letterCounts(name))
    }
  }

  /** The same answer as `nearestNames(name, names, normalize, options)`. */
  nearest(name: string, { maxDistance = 2, limit = 3 }: { maxDistance?: number; limit?: number } = {}): string[] {
    const normalized = this.normalize(name)
    const scored: Scored[] = []
    for (const candidate of this.byNormalized.get(normalized) ?? []) {
      if (candidate !== name) scored.push({ candidate, score: 0 })
    }
    const longest = Math.min(name.length + maxDistance, this.byLength.length - 1)
    const counts = letterCounts(name)
    for (let length = Math.max(0, name.length - maxDistance); length <= longest; length++) {
      const bucket = this.byLength[length]
      if (!bucket) continue
      for (let i = 0; i < bucket.names.length; i++) {
        const candidate = bucket.names[i]!
        if (candidate === name || bucket.normalized[i] === normalized) continue
        if (countsApart(counts, bucket.counts[i]!, maxDistance)) continue
        const d = distance(name, candidate)
        if (d <= maxDistance) scored.push({ candidate, score: d })
      }
    }
    return best(scored, limit)
  }
}

/** How often each character occurs in `name`, by its code modulo 64 (capped at 255). */
function letterCounts(name: string): Uint8Array {
  const counts = new Uint8Array(64)
  for (let i = 0; i < name.length; i++) {
    const slot = name.charCodeAt(i) & 63
    if (counts[slot]! < 255) counts[slot]!++
  }
  return counts
}

/**
 * Whether two names' counts show an edit distance over `max` without measuring it: an edit adds or removes at
 * most one character, so the characters one name has more of than the other (either way) are at most the
 * distance. Sharing a slot between characters, or a capped count, only makes that bound lower, never wrong.
 */
function countsApart(a: Uint8Array, b: Uint8Array, max: number): boolean {
  let more = 0
  let fewer = 0
  for (let slot = 0; slot < 64; slot++) {
    const d = a[slot]! - b[slot]!
    if (d > 0) {
      if ((more += d) > max) return true
    } else if ((fewer -= d) > max) return true
  }
  return false
}

/** The closest of `options` to `value`, when it is close enough to be what was meant. */
export function closest(value: string, options: readonly string[], maxDistance = 3): string | undefined {
  let best: string | undefined
  let bestScore = Infinity
  for (const option of options) {
    const d = distance(value.toLowerCase(), option.toLowerCase())
    if (d < bestScore) {
      best = option
      bestScore = d
    }
  }
  return bestScore <= Math.min(maxDistance, Math.max(1, Math.floor(value.length / 2))) ? best : undefined
}
