import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

/**
 * Database round trips of the first messages on PostgreSQL, where each one costs the bot a write
 * to the server and a wait: at the start of deadline day 500 people create their unit and open
 * their report within seconds, and each round trip more is a queue (docs/performance.md: opening
 * a report took 31 and the start's p99 was 3.3 s). Counted at the driver, so Prisma's queries and
 * the hot path's alike; BEGIN and COMMIT count.
 */
const STEPS: [text: string, most: number, reply: RegExp][] = [
  ['创建单位', 3, /单位/], // a new person: session read, user created (nothing more to read then), one batch
  ['岳阳市法律援助中心', 2, /级别|正科/],
  ['正科级', 4, /年度/], // the unit created in one batch, the person's units not read back
  ['2024', 7, /新建2024年度报告/], // the report opened on the session's units (a new one is not read: it is empty), its unit's facts prefilled in one batch
  ['行政机构', 3, /./], // an answer: session, report version, one batch
];

for (const t of testDatabases().filter((x) => x.name === 'postgres')) {
  describe('round trips of the first messages on postgres', () => {
    const ctx = withDatabase(t);
    const sent: string[] = [];
    const query = pg.Client.prototype.query;
    beforeAll(() => {
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const q = args[0] as string | { text?: string; name?: string };
        sent.push(typeof q === 'string' ? q : (q.text ?? q.name ?? '?'));
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
    });
    afterAll(() => {
      pg.Client.prototype.query = query;
    });

    it('creating a unit and opening a report stay within their round trips', async () => {
      const bot = new Bot({ database: ctx.d, defaultRuleSetId: 'yueyang-reference' });
      const counted: number[] = [];
      for (const [i, [text, , reply]] of STEPS.entries()) {
        sent.length = 0;
        const replies = await bot.handleMessage({ userExternalId: 'wecom:first', channel: 'wecom-bot', text, messageId: `first-${i}` });
        counted.push(sent.length);
        expect(replies.map((r) => r.text).join('\n')).toMatch(reply);
      }
      expect(counted.every((n, i) => n <= STEPS[i]![1]), `round trips per message: ${counted.join(', ')}`).toBe(true);
      expect(counted.every((n) => n > 0)).toBe(true); // the counting itself works
    });
  });
}
