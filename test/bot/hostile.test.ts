import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { BuildReport } from '../../src/export/builder.js';
import { buildInProcess } from '../../src/export/builder.js';
import { testDatabases, withDatabase } from '../helpers/databases.js';

/** Issue 22 at the bot: message ids per person, invite guessing, rebuilding unchanged reports. */
for (const t of testDatabases()) {
  describe(`bot against hostile use on ${t.name}`, () => {
    const h = withDatabase(t);
    let clock = new Date('2025-03-01T09:00:00Z').getTime();
    let builds = 0;
    const build: BuildReport = (...args) => {
      builds++;
      return buildInProcess(...args);
    };
    let bot: Bot;
    const getBot = () => (bot ??= new Bot({ database: h.d, defaultRuleSetId: 'yueyang-reference', now: () => new Date(clock), build }));
    const say = async (user: string, text: string, extra: { messageId?: string; address?: string } = {}) =>
      (await getBot().handleMessage({ channel: 'web', userExternalId: user, text, ...extra })).map((r) => r.text).join('\n');

    it('two people whose pages send the same message id are both answered', async () => {
      // The web page numbers its messages `${Date.now()}-${seq}`: two phones can send the same id.
      const a = await say('web:甲', '你好', { messageId: '1733300000000-1' });
      const b = await say('web:乙', '你好', { messageId: '1733300000000-1' });
      expect(a).toContain('创建单位');
      expect(b).toContain('创建单位');
      // a repeated delivery from the same person is still refused
      expect(await say('web:甲', '你好', { messageId: '1733300000000-1' })).toBe('');
    });

    it('after 5 wrong invite codes from one person or one address, tries wait 15 minutes', async () => {
      for (const m of ['创建单位', '邀请测试中心', '正科级']) await say('web:管理员', m);
      const code = (await say('web:管理员', '邀请')).match(/邀请码：([A-Z0-9]{8})/)![1]!;
      // five wrong codes from five names typed on one machine
      for (let i = 0; i < 5; i++) expect(await say(`web:猜${i}`, '加入 ZZZZ2222', { address: '203.0.113.7' })).toContain('邀请码无效');
      // the sixth, from a new name at the same address, is refused without trying, even with the right code
      expect(await say('web:猜5', `加入 ${code}`, { address: '203.0.113.7' })).toMatch(/输错次数过多，请 15 分钟后再试/);
      // the same person from elsewhere is counted too
      for (let i = 0; i < 5; i++) await say('web:猜6', '加入 ZZZZ3333', { address: `198.51.100.${i}` });
      expect(await say('web:猜6', `加入 ${code}`, { address: '198.51.100.99' })).toMatch(/输错次数过多/);
      // someone else, elsewhere, is not affected; after 15 minutes the address may try again
      clock += 15 * 60_000;
      expect(await say('web:猜5', `加入 ${code}`, { address: '203.0.113.7' })).toContain('已加入「邀请测试中心」');
    });

    it('确认生成 of an unchanged report hands out the same file; a change builds a new one', async () => {
      for (const m of ['创建单位', '生成测试中心', '正科级', '2024']) await say('web:生成', m);
      const files = async () => h.d.db.generatedFile.count();
      const before = await files();
      builds = 0;
      await say('web:生成', '生成报告');
      await say('web:生成', '确认生成');
      await say('web:生成', '生成报告');
      await say('web:生成', '确认生成');
      expect(builds).toBe(1);
      expect(await files()).toBe(before + 1);
      await say('web:生成', '编制数 11 实有人数 9');
      await say('web:生成', '生成报告');
      await say('web:生成', '确认生成');
      expect(builds).toBe(2);
      expect(await files()).toBe(before + 2);
    });
  });
}
