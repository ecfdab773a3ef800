import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMING, Leader } from '../../src/bot/leader.js';
import type { Lease } from '../../src/store/lease.js';

/**
 * The leader's decisions on fake time (issue 23 item 4): when it leads, renews, steps down, and
 * holds off. The lease itself is tested on PostgreSQL in test/store/lease.test.ts; the two
 * processes in test/bot/wecom-ws-leader.test.ts.
 */
type Answer = 'ours' | 'taken' | 'down' | 'hang' | 'slow';

function setup(opts: { lease?: boolean } = {}) {
  const events: { what: 'lead' | 'stepDown' | 'acquire' | 'acquired' | 'release'; at: number }[] = [];
  const logs: { level: string; msg: string }[] = [];
  let answer: Answer = 'ours';
  const lease: Lease = {
    name: 'wecom-bot',
    holder: 'me',
    acquire: () => {
      const at = Date.now();
      events.push({ what: 'acquire', at });
      const a = answer;
      if (a === 'hang') return new Promise<boolean>(() => undefined);
      if (a === 'slow')
        return new Promise<boolean>((r) =>
          setTimeout(() => {
            events.push({ what: 'acquired', at: Date.now() });
            r(true);
          }, 500),
        );
      if (a === 'down') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      if (a === 'ours') events.push({ what: 'acquired', at });
      return Promise.resolve(a === 'ours');
    },
    release: () => {
      events.push({ what: 'release', at: Date.now() });
      return Promise.resolve();
    },
  };
  const leader = new Leader({
    lease: opts.lease === false ? undefined : lease,
    lead: () => events.push({ what: 'lead', at: Date.now() }),
    stepDown: () => events.push({ what: 'stepDown', at: Date.now() }),
    log: (level, msg) => logs.push({ level, msg }),
    now: () => Date.now(),
  });
  return {
    leader,
    events,
    logs,
    count: (what: string) => events.filter((e) => e.what === what).length,
    last: (what: string) => events.filter((e) => e.what === what).at(-1),
    set: (a: Answer) => (answer = a),
  };
}

const T = DEFAULT_TIMING;

describe('the leader of the long connection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('on SQLite (no lease) leads at once', () => {
    const s = setup({ lease: false });
    s.leader.start();
    expect(s.leader.role).toBe('leader');
    expect(s.count('lead')).toBe(1);
  });

  it('leads once it holds the lease, renews it every 2 s, and stays standby while another holds it', async () => {
    const s = setup();
    s.set('taken');
    s.leader.start();
    await vi.advanceTimersByTimeAsync(3 * T.pollMs);
    expect(s.leader.role).toBe('standby');
    expect(s.count('lead')).toBe(0);
    expect(s.count('acquire')).toBeGreaterThanOrEqual(3);
    expect(s.logs.filter((l) => /待命/.test(l.msg))).toHaveLength(1); // said once, not every poll
    s.set('ours');
    await vi.advanceTimersByTimeAsync(T.pollMs);
    expect(s.leader.role).toBe('leader');
    expect(s.count('lead')).toBe(1);
    const before = s.count('acquire');
    await vi.advanceTimersByTimeAsync(10 * T.renewMs);
    expect(s.count('acquire') - before).toBeGreaterThanOrEqual(9);
    expect(s.count('lead')).toBe(1);
    expect(s.count('stepDown')).toBe(0);
  });

  for (const fault of ['down', 'hang'] as const) {
    it(`a leader that cannot renew (database ${fault === 'down' ? 'refusing' : 'not answering'}) steps down before its lease can expire, then leads again once it can`, async () => {
      const s = setup();
      s.leader.start();
      await vi.advanceTimersByTimeAsync(T.renewMs * 3);
      expect(s.leader.role).toBe('leader');
      const lastGood = s.last('acquired')!.at;
      s.set(fault);
      await vi.advanceTimersByTimeAsync(T.ttlMs * 2);
      expect(s.leader.role).toBe('standby');
      expect(s.count('stepDown')).toBe(1);
      // the database set that lease to expire ttlMs after the renewal was sent, at the earliest
      expect(s.last('stepDown')!.at).toBeLessThan(lastGood + T.ttlMs);
      expect(s.logs.filter((l) => l.level === 'warn' && /访问长连接租约失败/.test(l.msg))).toHaveLength(1);
      expect(s.logs.some((l) => /未能续约/.test(l.msg))).toBe(true);
      s.set('ours');
      await vi.advanceTimersByTimeAsync(T.pollMs + T.callMs);
      expect(s.leader.role).toBe('leader');
      expect(s.count('lead')).toBe(2);
    });
  }

  it('a leader whose lease another holder took (it was paused) steps down at its next renewal', async () => {
    const s = setup();
    s.leader.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.leader.role).toBe('leader');
    s.set('taken');
    await vi.advanceTimersByTimeAsync(T.renewMs);
    expect(s.leader.role).toBe('standby');
    expect(s.count('stepDown')).toBe(1);
    expect(s.logs.some((l) => l.level === 'warn' && /已被另一实例取得/.test(l.msg))).toBe(true);
  });

  it('after disconnected_event: steps down, gives the lease up, does not try again for 60 s, one warning each time', async () => {
    const s = setup();
    s.leader.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.leader.role).toBe('leader');
    s.leader.replaced();
    expect(s.leader.role).toBe('standby');
    expect(s.count('stepDown')).toBe(1);
    expect(s.count('release')).toBe(1);
    const tries = s.count('acquire');
    await vi.advanceTimersByTimeAsync(T.holdOffMs - 100);
    expect(s.count('acquire')).toBe(tries);
    await vi.advanceTimersByTimeAsync(100 + T.pollMs);
    expect(s.leader.role).toBe('leader');
    s.leader.replaced();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.logs.filter((l) => l.level === 'warn' && /disconnected_event/.test(l.msg))).toHaveLength(2);
    expect(s.leader.role).toBe('standby');
  });

  it('on SQLite, after disconnected_event it holds off, then connects again', async () => {
    const s = setup({ lease: false });
    s.leader.start();
    s.leader.replaced();
    expect(s.leader.role).toBe('standby');
    await vi.advanceTimersByTimeAsync(T.holdOffMs - 100);
    expect(s.count('lead')).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(s.leader.role).toBe('leader');
    expect(s.count('lead')).toBe(2);
  });

  it('stop() steps down and gives the lease up; nothing runs after it', async () => {
    const s = setup();
    s.leader.start();
    await vi.advanceTimersByTimeAsync(1);
    await s.leader.stop();
    expect(s.leader.role).toBe('standby');
    expect(s.count('stepDown')).toBe(1);
    expect(s.count('release')).toBe(1);
    const tries = s.count('acquire');
    await vi.advanceTimersByTimeAsync(T.ttlMs * 3);
    expect(s.count('acquire')).toBe(tries);
    expect(s.count('lead')).toBe(1);
  });

  it('stop() during a renewal waits for it before giving the lease up, so the renewal cannot take it back', async () => {
    const s = setup();
    s.leader.start();
    await vi.advanceTimersByTimeAsync(1);
    s.set('slow');
    await vi.advanceTimersByTimeAsync(T.renewMs + 100); // a renewal is on its way
    const stopped = s.leader.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    const order = s.events.map((e) => e.what).filter((w) => w === 'acquired' || w === 'release');
    expect(order.slice(-2)).toEqual(['acquired', 'release']);
  });
});
