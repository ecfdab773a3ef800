/**
 * At most `max` jobs at once, the rest wait in arrival order. Used for report generation: a
 * DOCX build holds ~100 MB while it runs, and two hundred staff pressing 生成报告 together must
 * not exhaust the server's memory.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    // A job that finishes hands its slot straight to the next waiter (`running` keeps counting it):
    // freeing it first would let a newcomer take it before the waiter wakes, one job over `max`.
    if (this.running >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    else this.running++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
