import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/bot/limiter.js';

describe('Limiter', () => {
  it('never runs more than max jobs, even when a newcomer arrives as a job hands its slot to a waiter', async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      new Promise<void>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const runs = [limiter.run(job), limiter.run(job), limiter.run(job)];
    await Promise.resolve();
    expect(running).toBe(2);
    // the first job ends; newcomers ask to run at every microtask while its slot goes to the waiting third
    releases.shift()!();
    for (let i = 0; i < 8; i++) {
      runs.push(limiter.run(job));
      await Promise.resolve();
    }
    expect(running).toBe(2);
    while (releases.length) {
      releases.shift()!();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    await Promise.all(runs);
    expect(most).toBe(2);
  });
});
