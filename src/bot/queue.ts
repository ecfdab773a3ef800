/**
 * One serial queue per user: a file and a text a second apart are handled in the order they
 * arrived, while different users proceed in parallel. Idle queues are dropped.
 */
export class UserQueues {
  private readonly tails = new Map<string, Promise<void>>();
  private inFlight = 0;
  private closing = false;

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('shutting down'));
    const prev = this.tails.get(key) ?? Promise.resolve();
    this.inFlight++;
    const next = prev.then(job);
    // The tail only orders the next job; it must never reject (the caller handles `next`),
    // or a failed job becomes an unhandled rejection.
    const tail: Promise<void> = next.then(
      () => undefined,
      () => undefined,
    );
    void tail.then(() => {
      this.inFlight--;
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    this.tails.set(key, tail);
    return next;
  }

  get size(): number {
    return this.inFlight;
  }

  /** Wait for the jobs in flight now (and keep taking new ones). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }

  /** Stop taking jobs and wait for the ones in flight. */
  async drain(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.tails.values()]);
  }
}
