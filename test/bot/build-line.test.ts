import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Database } from '../../src/store/db.js';
import { testDatabases } from '../helpers/databases.js';
import { gatedBuild } from '../helpers/gated-build.js';

for (const t of testDatabases()) {
  describe(`the line of report builds on ${t.name}`, () => {
    let database: Database;
    afterAll(async () => {
      await database.close();
      await t.cleanup();
    });
    beforeAll(async () => {
      database = await t.open();
    });

    it('several people pressing 确认生成 together are each told a distinct place in line, then each gets their file', async () => {
      // every build waits until all five people have been told their place
      const { build, release, started } = gatedBuild();
      const bot = new Bot({ database, defaultRuleSetId: 'yueyang-reference', build });
      let n = 0;
      const turn = (user: string, text: string) => bot.handleTurn({ channel: 'test', userExternalId: user, text, messageId: `q${++n}` });
      const users = Array.from({ length: 5 }, (_, i) => `wecom:line${i}`);
      for (const [i, user] of users.entries()) for (const text of ['创建单位', `排队单位${i}`, '正科级', '2024', '生成报告']) await turn(user, text);

      const turns = await Promise.all(users.map((user) => turn(user, '确认生成')));
      const told = turns.map((r) => r.replies.map((x) => x.text).join('\n'));
      const places = told.map((text) => {
        const m = text.match(/正在生成报告，前面(?:没有别人在排队|还有 (\d+) 份在排队)，约 (\d+) 秒后发给您/);
        expect(m, text).not.toBeNull();
        return Number(m![1] ?? 0);
      });
      expect([...places].sort()).toEqual([0, 1, 2, 3, 4]);
      // WeCom delivers the first 确认生成 again: no second place in line, no second build
      const repeated = await bot.handleTurn({ channel: 'test', userExternalId: users[0]!, text: '确认生成', messageId: `q${n - 4}` });
      expect(repeated.replies).toEqual([]);
      expect(repeated.followUp).toBeUndefined();
      // the later in line, the longer the wait said
      const seconds = told.map((text) => Number(text.match(/约 (\d+) 秒/)![1]));
      const byPlace = places.map((p, i) => [p, seconds[i]!] as const).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < byPlace.length; i++) expect(byPlace[i]![1]).toBeGreaterThanOrEqual(byPlace[i - 1]![1]);

      release();
      const files = await Promise.all(turns.map((r) => r.followUp!()));
      for (const [i, replies] of files.entries()) {
        const file = replies.find((r) => r.file);
        expect(file?.file?.fileName).toContain(`排队单位${i}`);
      }
      expect(started()).toBe(5);
      // everyone has left the line: the next person is first
      const after = await turn(users[0]!, '生成报告');
      const again = await turn(users[0]!, '确认生成');
      expect([...after.replies, ...again.replies].map((r) => r.text).join('\n')).toContain('前面没有别人在排队');
      await again.followUp?.();
    });
  });
}
