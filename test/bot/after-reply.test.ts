import { describe, expect, it } from 'vitest';
import { AfterReply } from '../../src/bot/after-reply.js';

const nextImmediate = () => new Promise<void>((r) => setImmediate(r));

describe('AfterReply', () => {
  it('runs nothing until settled or until the next setImmediate, then everything in order', async () => {
    const done: number[] = [];
    const after = new AfterReply();
    after.defer(() => done.push(1));
    after.defer(() => done.push(2));
    await Promise.resolve(); // microtasks (the replies being handed on) come first
    expect(done).toEqual([]);
    expect(after.pending).toBe(2);
    await nextImmediate();
    expect(done).toEqual([1, 2]);
    expect(after.pending).toBe(0);
  });

  it('settle runs what is pending at once, and a later immediate finds nothing to do', async () => {
    const done: string[] = [];
    const after = new AfterReply();
    after.defer(() => done.push('a'));
    after.settle();
    expect(done).toEqual(['a']);
    after.defer(() => done.push('b'));
    after.defer(() => done.push('c'));
    after.settle();
    await nextImmediate();
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('a task deferred while settling runs in the same settle, after the others', () => {
    const done: string[] = [];
    const after = new AfterReply();
    after.defer(() => (done.push('a'), after.defer(() => done.push('c'))));
    after.defer(() => done.push('b'));
    after.settle();
    expect(done).toEqual(['a', 'b', 'c']);
  });

  it('a failing task is reported and the rest still run', () => {
    const errors: unknown[] = [];
    const done: string[] = [];
    const after = new AfterReply((e) => errors.push(e));
    after.defer(() => {
      throw new Error('boom');
    });
    after.defer(() => done.push('next'));
    after.settle();
    expect(done).toEqual(['next']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('boom');
  });
});
