import { afterEach, describe, expect, it, vi } from 'vitest';
import { INBOUND_REFRESH_MS, SendBudget } from '../../src/store/send-budget.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

const MIN = 60_000;

for (const t of testDatabases()) {
  describe(`the proactive-send budget on ${t.name}`, () => {
    const ctx = withDatabase(t);
    afterEach(() => vi.restoreAllMocks());
    /** A budget on a clock the test moves, and the number of writes it made. */
    const budgetAt = (limits: { perDay: number; windowHours: number }) => {
      let now = new Date('2026-03-02T09:00:00Z').getTime();
      const batch = vi.spyOn(ctx.d.hot, 'batch');
      batch.mockClear();
      const budget = new SendBudget(ctx.d, limits, () => new Date(now));
      return { budget, writes: () => batch.mock.calls.length, at: (ms: number) => (now = new Date('2026-03-02T09:00:00Z').getTime() + ms) };
    };

    it('a person writing often stores the time of the message at most once per refresh, not per message', async () => {
      const { budget, writes, at } = budgetAt({ perDay: 100, windowHours: 24 });
      await budget.inbound('wecom:often');
      expect(writes()).toBe(1);
      for (let s = 1; s < 60; s++) {
        at(s * 2_000);
        await budget.inbound('wecom:often');
      }
      expect(writes()).toBe(1);
      expect(await budget.left('wecom:often')).toBe(100);
      at(INBOUND_REFRESH_MS);
      await budget.inbound('wecom:often');
      expect(writes()).toBe(2);
      // another person is stored on their own first message
      await budget.inbound('wecom:other');
      expect(writes()).toBe(3);
      // a clock that went back stores again rather than trust a time from the future
      at(0);
      await budget.inbound('wecom:often');
      expect(writes()).toBe(4);
      // a restarted process (or a new leader) remembers nothing: it stores on the first message
      const restarted = new SendBudget(ctx.d, { perDay: 100, windowHours: 24 }, () => new Date('2026-03-02T09:00:01Z'));
      await restarted.inbound('wecom:often');
      expect(writes()).toBe(5);
      expect(await restarted.left('wecom:often')).toBe(100);
    });

    it('the window closes at most a refresh early, never late', async () => {
      // a one-hour window: the time is stored at least every 6 minutes
      const { budget, at } = budgetAt({ perDay: 100, windowHours: 1 });
      await budget.inbound('wecom:window');
      at(5 * MIN);
      await budget.inbound('wecom:window'); // not stored: within the refresh
      at(5 * MIN + 59 * MIN);
      expect(await budget.left('wecom:window')).toBe(0); // closed 5 minutes early
      at(7 * MIN);
      await budget.inbound('wecom:window'); // stored: past the refresh
      at(7 * MIN + 59 * MIN);
      expect(await budget.left('wecom:window')).toBe(100);
      at(7 * MIN + 61 * MIN);
      expect(await budget.left('wecom:window')).toBe(0);
    });

    it('sends are counted per day whatever the stored message time', async () => {
      const { budget } = budgetAt({ perDay: 2, windowHours: 24 });
      await budget.inbound('wecom:counted');
      expect(await budget.take('wecom:counted')).toBe(true);
      expect(await budget.take('wecom:counted')).toBe(true);
      expect(await budget.take('wecom:counted')).toBe(false);
      expect(await budget.left('wecom:counted')).toBe(0);
    });
  });
}
