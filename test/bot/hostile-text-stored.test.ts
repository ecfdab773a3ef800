import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Database } from '../../src/store/db.js';
import { loadReportModel } from '../../src/store/reports.js';
import { testDatabases } from '../helpers/databases.js';

/**
 * Text a person types goes into the database through the hot path (on PostgreSQL written into
 * the SQL as literals, pg-hot-path.ts): quotes, backslashes, placeholders, SQL and a NUL must be
 * stored as typed (control characters dropped), at the long-text limit, and a repeated delivery
 * of the same message must store nothing twice.
 */
const piece = `它's a \\ back\\slash, $1 and $2, '); DROP TABLE "Answer"; -- 😀 `;
const hostile = piece.repeat(Math.floor(9_000 / piece.length));

for (const t of testDatabases()) {
  describe(`hostile text stored on ${t.name}`, () => {
    let database: Database;
    let bot: Bot;
    const say = (text: string, messageId: string) =>
      bot.handleMessage({ channel: 'test', userExternalId: 'wecom:hostile', text, messageId }).then((r) => r.map((x) => x.text).join('\n'));
    beforeAll(async () => {
      database = await t.open();
      bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', now: () => new Date('2025-03-01T09:00:00Z') });
      for (const [i, text] of ['创建单位', '引号单位', '正科级', '2024', '行政机构'].entries()) await say(text, `m${i}`);
    });
    afterAll(async () => {
      await database.close();
      await t.cleanup();
    });

    it('a 9 KB answer full of quotes, backslashes, placeholders and SQL is stored as typed, once', async () => {
      const withNul = `${hostile.slice(0, 20)}\u0000${hostile.slice(20)}`;
      // the one-batch path itself must take it: a failed batch would fall back to Prisma unseen
      const batch = database.hot.batch;
      let refused = 0;
      database.hot.batch = (...a) => batch(...a).catch((e: unknown) => {
        refused++;
        throw e;
      });
      const first = await say(`${withNul}\n完成`, 'duties');
      expect(first).not.toMatch(/出错|失败/);
      expect(refused).toBe(0);
      const again = await say(`${withNul}\n完成`, 'duties'); // WeCom delivers the same message again
      expect(again).toBe('');
      const u = await database.db.user.findUniqueOrThrow({ where: { externalId: 'wecom:hostile' } });
      const report = await database.db.report.findFirstOrThrow({ where: { unit: { memberships: { some: { userId: u.id } } } } });
      const { model } = await loadReportModel(database.db, report.id);
      const stored = Object.values(model.values).filter((v) => typeof v === 'string' && v.includes('DROP TABLE'));
      expect(stored).toEqual([hostile.trim()]);
      expect(await database.db.answer.count({ where: { reportId: report.id } })).toBeGreaterThan(0); // the table is still there
      expect(await database.db.answerHistory.count({ where: { reportId: report.id, newValue: { contains: 'DROP TABLE' } } })).toBe(1);
    });
  });
}
