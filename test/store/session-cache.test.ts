import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../src/store/session-cache.js';
import type { Session } from '../../src/store/session.js';

const session = (state: unknown): Session => ({ user: { id: 'u1', name: '甲' }, state, memberships: [{ unitId: 'n1', unitName: '单位', unitRank: null, ruleSetId: 'yueyang-reference', role: 'filler' }] });

describe('session cache', () => {
  it('serves an entry only at the epoch it was stamped with', () => {
    const cache = new SessionCache();
    cache.put(7, 'wecom:a', 'ws', session({ step: 1 }));
    expect(cache.get(7, 'wecom:a', 'ws')?.state).toEqual({ step: 1 });
    expect(cache.get(7, 'wecom:a', 'web')).toBeUndefined(); // per channel
    expect(cache.get(8, 'wecom:a', 'ws')).toBeUndefined(); // someone else wrote: read again
    expect(cache.get(7, 'wecom:a', 'ws')).toBeUndefined(); // and the stale entry is gone
  });

  it('caches nothing without an epoch (PostgreSQL)', () => {
    const cache = new SessionCache();
    cache.put(undefined, 'wecom:a', 'ws', session({}));
    expect(cache.size).toBe(0);
    expect(cache.get(undefined, 'wecom:a', 'ws')).toBeUndefined();
  });

  it('hands out frozen sessions, forgets on request and keeps at most its capacity', () => {
    const cache = new SessionCache(2);
    cache.put(1, 'a', 'ws', session({ back: [] }));
    const s = cache.get(1, 'a', 'ws')!;
    expect(() => (s.state as { back: unknown[] }).back.push(1)).toThrow(TypeError);
    expect(() => (s.memberships as unknown[]).push(1)).toThrow(TypeError);
    cache.forget('a', 'ws');
    expect(cache.get(1, 'a', 'ws')).toBeUndefined();
    for (const k of ['a', 'b', 'c']) cache.put(1, k, 'ws', session({}));
    expect(cache.size).toBe(2);
    expect(cache.get(1, 'a', 'ws')).toBeUndefined(); // least recently used went first
    expect(cache.get(1, 'c', 'ws')).toBeDefined();
  });
});
