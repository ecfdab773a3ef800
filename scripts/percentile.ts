/** The p-th percentile of an ascending list (nearest rank, no interpolation); both benches report these. */
export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
