import { describe, expect, it } from 'vitest';
import { byteLength, joinReplies, lastChoices, splitByBytes } from '../../src/bot/outbound.js';
import { UserQueues } from '../../src/bot/queue.js';

describe('splitting by UTF-8 bytes', () => {
  it('keeps short text whole and splits long text on line breaks', () => {
    expect(splitByBytes('短', 10)).toEqual(['短']);
    const text = ['一二三', '四五六', '七八九'].join('\n'); // 9 bytes a line
    expect(splitByBytes(text, 20)).toEqual(['一二三\n四五六', '七八九']);
  });

  it('never cuts inside a character, even in one very long line, and loses nothing', () => {
    const line = '绩😀'.repeat(500);
    const parts = splitByBytes(line, 100);
    for (const p of parts) expect(byteLength(p)).toBeLessThanOrEqual(100);
    expect(parts.join('')).toBe(line);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('joins reply texts and finds the last choices', () => {
    expect(joinReplies([{ text: 'a' }, { text: 'b', choices: ['x'] }])).toBe('a\n\nb');
    expect(lastChoices([{ text: 'a', choices: ['1'] }, { text: 'b' }])).toEqual(['1']);
    expect(lastChoices([{ text: 'a' }])).toBeUndefined();
  });
});

describe('per-user serial queues', () => {
  it('runs one user’s jobs in order and different users in parallel', async () => {
    const q = new UserQueues();
    const log: string[] = [];
    const job = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (log.push(name), r()), ms));
    await Promise.all([q.run('a', job('a1', 40)), q.run('a', job('a2', 1)), q.run('b', job('b1', 5))]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('a failing job does not stop the next one, and leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const q = new UserQueues();
    await expect(q.run('x', () => Promise.reject(new Error('fails')))).rejects.toThrow('fails');
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('drain waits for jobs in flight and refuses new ones', async () => {
    const q = new UserQueues();
    const failed = q.run('a', () => Promise.reject(new Error('boom')));
    const next = q.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ok');
    let done = false;
    void q.run('b', () => new Promise<void>((r) => setTimeout(() => ((done = true), r()), 30)));
    await q.drain();
    expect(done).toBe(true);
    await expect(q.run('c', async () => 1)).rejects.toThrow('shutting down');
  });
});

describe('limiter', () => {
  it('runs at most N jobs at once and the rest in arrival order', async () => {
    const { Limiter } = await import('../../src/bot/limiter.js');
    const lim = new Limiter(2);
    let now = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        lim.run(async () => {
          peak = Math.max(peak, ++now);
          await new Promise((r) => setTimeout(r, 10));
          order.push(i);
          now--;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual([0, 1]);
    expect(order.slice(2)).toEqual([2, 3, 4, 5]);
  });

  it('a failing job frees its place', async () => {
    const { Limiter } = await import('../../src/bot/limiter.js');
    const lim = new Limiter(1);
    await expect(lim.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await lim.run(async () => 7)).toBe(7);
  });
});
