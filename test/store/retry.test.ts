import { describe, expect, it } from 'vitest';
import { isStaleSnapshot } from '../../src/store/db-errors.js';
import { retryOnStaleSnapshot } from '../../src/store/retry.js';

const stale = () => Object.assign(new Error('Raw query failed'), { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: 'SQLITE_BUSY_SNAPSHOT' } } } });

describe('retryOnStaleSnapshot', () => {
  it('recognises SQLITE_BUSY_SNAPSHOT wrapped by Prisma or raised by the driver, and nothing else', () => {
    expect(isStaleSnapshot(stale())).toBe(true);
    expect(isStaleSnapshot(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isStaleSnapshot(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isStaleSnapshot(new Error('SQLITE_BUSY_SNAPSHOT'))).toBe(false);
    const loop: Record<string, unknown> = {};
    loop.cause = loop;
    expect(isStaleSnapshot(loop)).toBe(false);
    expect(isStaleSnapshot(undefined)).toBe(false);
  });

  it('runs the transaction again on a stale snapshot, at most five times, and never on other errors', async () => {
    let runs = 0;
    await expect(retryOnStaleSnapshot(async () => (++runs < 3 ? Promise.reject(stale()) : 'done'))).resolves.toBe('done');
    expect(runs).toBe(3);

    runs = 0;
    await expect(retryOnStaleSnapshot(async () => (runs++, Promise.reject(stale())))).rejects.toThrow('Raw query failed');
    expect(runs).toBe(5);

    runs = 0;
    await expect(retryOnStaleSnapshot(async () => (runs++, Promise.reject(new Error('other'))))).rejects.toThrow('other');
    expect(runs).toBe(1);
  });
});
