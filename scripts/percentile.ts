/** The p-th percentile of an ascending list (nearest rank, no interpolation); both benches report these. */
export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Turn times by quarter of the seed script (both benches): the users walk the script in step, so
 * a later quarter is a fuller report, and a turn late in the report costs more (docs/performance.md).
 */
export class Quarters {
  private readonly parts: number[][] = [[], [], [], []];

  constructor(private readonly scriptLength: number) {}

  /** The time of a turn for message `i` of the script. */
  add(i: number, ms: number): void {
    this.parts[Math.floor((i * 4) / this.scriptLength)]!.push(ms);
  }

  /** The p50 of each quarter. */
  p50s(): number[] {
    return this.parts.map((q) => pct([...q].sort((a, b) => a - b), 50));
  }
}
