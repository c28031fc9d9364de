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
  const scored: Array<{ candidate: string; score: number }> = []
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
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
  return scored.slice(0, limit).map((s) => s.candidate)
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
