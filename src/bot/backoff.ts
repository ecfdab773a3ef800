/**
 * Capped exponential back-off with jitter for reconnecting forever: attempt n waits a random time
 * between half and all of min(cap, base × 2^(n-1)), so instances that lost the network together
 * do not all knock at the same moment when it returns.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly baseMs = 1_000,
    private readonly capMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The wait before the next attempt. */
  next(): number {
    this.attempt++;
    const ceiling = Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.attempt - 1, 30));
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}
