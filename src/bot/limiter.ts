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
    if (this.running >= this.max) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
