import { describe, expect, it } from 'vitest';
import { appSender, ReminderScheduler, wecomSender } from '../../src/oversight/scheduler.js';
import type { Sent } from '../../src/oversight/reminders.js';
import { loadRuleSet } from '../../src/scoring/ruleset-loader.js';
import { unlimited } from '../../src/store/send-budget.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

const [t] = testDatabases();

describe('the reminder scheduler', () => {
  const ctx = withDatabase(t!);

  it('runs at start and again after each interval until stopped; a failed run is logged and the next still runs', async () => {
    const runs: (Sent[] | Error)[] = [];
    const logged: string[] = [];
    let fail = true;
    let next: () => void = () => undefined;
    const ran = () => new Promise<void>((r) => (next = r));
    const s = new ReminderScheduler(
      {
        db: ctx.d.db,
        now: () => {
          if (fail) {
            fail = false;
            throw new Error('clock broke');
          }
          return new Date('2025-03-24T09:00:00');
        },
        ruleSet: loadRuleSet,
        budget: unlimited,
        send: async () => true,
      },
      { firstMs: 0, everyMs: 10, log: (m) => logged.push(m), onRun: (r) => (runs.push(r), next()) },
    );
    let wait = ran();
    s.start();
    await wait;
    expect(runs[0]).toBeInstanceOf(Error);
    expect(logged).toEqual(['oversight reminders failed: clock broke']);
    wait = ran();
    await wait;
    expect(runs[1]).toEqual([]);
    await s.stop();
    const after = runs.length;
    await new Promise((r) => setTimeout(r, 50)); // would have run ~5 times more if not stopped
    expect(runs.length).toBe(after);
  });

  it('the WeCom sender sends markdown to the WeCom user id and reports a refusal as not sent', async () => {
    const calls: unknown[] = [];
    const ok = wecomSender({ sendMessage: async (...args: unknown[]) => void calls.push(args) });
    expect(await ok('wecom:zhangsan', '提醒')).toBe(true);
    expect(calls[0]).toEqual(['zhangsan', { msgtype: 'markdown', markdown: { content: '提醒' } }]);
    expect(await ok('web:张三', '提醒')).toBe(false);
    // one message, within WeCom's 20480 bytes, cut at a line
    const long = Array.from({ length: 2000 }, (_, i) => `第${i}行`).join('\n');
    expect(await ok('wecom:zhangsan', long)).toBe(true);
    const content = (calls[1] as [string, { markdown: { content: string } }])[1].markdown.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(20480);
    expect(long.startsWith(`${content}\n`)).toBe(true);
    expect(calls).toHaveLength(2);
    const logged: string[] = [];
    const refused = wecomSender({ sendMessage: async () => Promise.reject(new Error('846009')) }, (m) => logged.push(m));
    expect(await refused('wecom:lisi', '提醒')).toBe(false);
    expect(logged).toEqual(['oversight reminder to wecom:lisi refused: 846009']);
  });

  it('the 自建应用 sender sends text to the WeCom user id and reports a failure as not sent', async () => {
    const calls: unknown[] = [];
    const send = appSender({ sendText: async (...args: unknown[]) => void calls.push(args) });
    expect(await send('wecom:zhangsan', '提醒')).toBe(true);
    expect(calls).toEqual([['zhangsan', '提醒']]);
    expect(await send('web:张三', '提醒')).toBe(false);
    expect(await appSender({ sendText: async () => Promise.reject(new Error('45009')) })('wecom:lisi', '提醒')).toBe(false);
  });
});
