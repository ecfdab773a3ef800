import { describe, expect, it } from 'vitest';
import { BuildQueue } from '../../src/bot/build-queue.js';

/** A build the test finishes by hand. */
function held(): { job: () => Promise<string>; finish: (v: string) => void; started: Promise<void> } {
  let finish!: (v: string) => void;
  let began!: () => void;
  const started = new Promise<void>((r) => (began = r));
  const done = new Promise<string>((r) => (finish = r));
  return { job: () => (began(), done), finish, started };
}

describe('BuildQueue', () => {
  it('gives each person who joins a distinct place, counting only builds not yet finished', async () => {
    const q = new BuildQueue(1);
    const tickets = [q.join(), q.join(), q.join()];
    expect(tickets.map((t) => t.ahead)).toEqual([0, 1, 2]);
    const a = held();
    const first = tickets[0]!.run(a.job);
    await a.started;
    a.finish('a');
    expect(await first).toBe('a');
    // the first build is done: a newcomer has the two others ahead
    expect(q.join().ahead).toBe(2);
  });

  it('runs at most `slots` builds at once, in the order they asked to run', async () => {
    const q = new BuildQueue(2);
    const jobs = [held(), held(), held()];
    const order: number[] = [];
    const runs = jobs.map((j, i) => q.join().run(() => (order.push(i), j.job())));
    await Promise.all([jobs[0]!.started, jobs[1]!.started]);
    expect(order).toEqual([0, 1]);
    jobs[1]!.finish('b');
    await jobs[2]!.started;
    expect(order).toEqual([0, 1, 2]);
    jobs[0]!.finish('a');
    jobs[2]!.finish('c');
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c']);
    expect(q.length).toBe(0);
  });

  it('a person who leaves without building (file already there, or failed) frees the place once', () => {
    const q = new BuildQueue(1);
    const t = q.join();
    q.join();
    t.leave();
    t.leave();
    expect(q.length).toBe(1);
    expect(q.join().ahead).toBe(1);
  });

  it('a failed build leaves the line and lets the next one run', async () => {
    const q = new BuildQueue(1);
    const failing = q.join().run(() => Promise.reject(new Error('disk full')));
    const next = q.join().run(async () => 'ok');
    await expect(failing).rejects.toThrow('disk full');
    expect(await next).toBe('ok');
    expect(q.length).toBe(0);
  });

  it('estimates from the time between finished builds: builds ahead plus one, times that', async () => {
    let clock = 0;
    const q = new BuildQueue(2, { firstGuessMs: 1000, now: () => clock });
    const guess = q.join();
    expect(guess.estimateMs).toBe(1000); // nothing measured yet: the first guess for one build
    guess.leave();
    const run = async (t: number) => {
      const x = held();
      const p = q.join().run(x.job);
      await x.started;
      return { finish: () => ((clock = t), x.finish(''), p) };
    };
    // one build alone for 400 ms, then two together finishing at 700 and 1000: 300 ms apart
    const alone = await run(400);
    await alone.finish();
    const [b, c] = [await run(700), await run(1000)];
    await b.finish();
    await c.finish();
    // moving average (newest weighs 0.3) of 1000 → 400, 300 (from 400 to 700), 300 (700 to 1000)
    const avg = [400, 300, 300].reduce((m, took) => 0.3 * took + 0.7 * m, 1000);
    const [first, second] = [q.join(), q.join()];
    expect(first.estimateMs).toBe(Math.round(avg));
    expect(second.estimateMs).toBe(Math.round(2 * avg));
  });
});
